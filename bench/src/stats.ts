/**
 * Lets the event loop turn, as it does between a real server's requests. Back-to-back
 * `app.inject` calls chained by `await` never leave the microtask queue, so the clean-up each
 * response schedules for a later turn never runs: with 3 MB responses the heap grew by ~3 MB and
 * the buffers by ~10 MB per request, and garbage collection of that heap made the tail.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `fn` `n` times (after `warm` warm-up runs) and returns the p50/p95 in milliseconds. */
export async function timeIt(n: number, fn: (i: number) => Promise<unknown>, warm = 5) {
  for (let i = 0; i < warm; i++) {
    await fn(i);
    await nextTurn();
  }
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
    await nextTurn();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
