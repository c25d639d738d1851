/** Time source; tests pass a fixed clock. Dates are computed in Asia/Ho_Chi_Minh. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

const vnDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayIn(clock: Clock): string {
  return vnDate.format(clock.now());
}
