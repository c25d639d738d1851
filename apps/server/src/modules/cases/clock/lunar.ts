/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
 *
 * Method (the one published by Hồ Ngọc Đức, after Jean Meeus, "Astronomical Algorithms"):
 * - a lunar month starts on the local day (UTC+7) of a new moon;
 * - month 11 is the month containing the winter solstice (sun longitude 270°);
 * - a lunar year between two months 11 with 13 new moons has a leap month: the first month
 *   after month 11 during which the sun enters no new 30° sector (no major solar term).
 *
 * Chinese calendars use UTC+8 and differ in years whose new moon falls between 23:00 and
 * 24:00 Vietnam time (e.g. Tết 1985 and 2007). Accurate for roughly 1800–2199.
 */

const TIME_ZONE = 7;
/** Julian day number of 1900-01-01 12:00 UT, the epoch of the new-moon series (k = 0). */
const NEW_MOON_EPOCH = 2415021.076998695;
const SYNODIC_MONTH = 29.530588853;
const RAD = Math.PI / 180;
/** Julian day number of 1970-01-01. */
const UNIX_EPOCH_JDN = 2440588;
const DAY_MS = 86_400_000;

export interface LunarDate {
  /** 1–30 */
  day: number;
  /** 1–12 */
  month: number;
  /** the lunar year, named by the solar year in which it mostly lies (Tết 2026 starts 2026) */
  year: number;
  /** whether the month is the leap (nhuận) repetition of `month` */
  leap: boolean;
}

function jdnOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso)
    throw new RangeError(`Not a date (YYYY-MM-DD): ${iso}`);
  return Math.round(ms / DAY_MS) + UNIX_EPOCH_JDN;
}

function isoOf(jdn: number): string {
  return new Date((jdn - UNIX_EPOCH_JDN) * DAY_MS).toISOString().slice(0, 10);
}

/** The moment (Julian day, UT) of the k-th new moon after the one of 1900-01-01. */
function newMoonJd(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitude + sunAnomaly) -
    0.0004 * Math.sin(2 * latitude - sunAnomaly) -
    0.0006 * Math.sin(2 * latitude + moonAnomaly) +
    0.001 * Math.sin(2 * latitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (TT − UT) in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** The local (UTC+7) day number on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + TIME_ZONE / 24);
}

/** The sun's apparent longitude (radians, 0..2π) at Julian day `jd` (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const anomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const l = (meanLongitude + center) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** The 30° sector (0–11) the sun is in at the start of local day `dayNumber`. */
function sunSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** The day number on which lunar month 11 (the winter-solstice month) of solar year `year` starts. */
function month11Start(year: number): number {
  const k = Math.floor((jdnOf(`${String(year).padStart(4, '0')}-12-31`) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // Month 11 must begin before the sun reaches 270°; sector ≥ 9 means this new moon is too late.
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** Months after month 11 (at `a11`) until the leap month, in a year with 13 months. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i));
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = sunSector(newMoonDay(k + i));
  } while (sector !== previous && i < 14);
  return i - 1;
}

/**
 * The lunar date of a solar date.
 *
 * @example solarToLunar('2026-02-17') // { day: 1, month: 1, year: 2026, leap: false }
 */
export function solarToLunar(iso: string): LunarDate {
  const dayNumber = jdnOf(iso);
  const solarYear = Number(iso.slice(0, 4));
  // The mean-month estimate can be one lunation off when a true new moon strays from the mean.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k) > dayNumber) k--;
  while (newMoonDay(k + 1) <= dayNumber) k++;
  const monthStart = newMoonDay(k);
  let a11 = month11Start(solarYear);
  let b11: number;
  let year: number;
  if (a11 >= monthStart) {
    year = solarYear;
    b11 = a11;
    a11 = month11Start(solarYear - 1);
  } else {
    year = solarYear + 1;
    b11 = month11Start(solarYear + 1);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day: dayNumber - monthStart + 1, month, year, leap };
}

/**
 * The solar date (`YYYY-MM-DD`) of a lunar date. Throws a RangeError for a leap month that the
 * year does not have, or a day the month does not have.
 *
 * @example lunarToSolar(10, 3, 2026) // '2026-04-26' (Giỗ Tổ Hùng Vương)
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): string {
  if (
    !Number.isInteger(day) ||
    day < 1 ||
    day > 30 ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12
  )
    throw new RangeError(`No such lunar date: ${day}/${month}/${year}`);
  const [a11, b11] =
    month < 11
      ? [month11Start(year - 1), month11Start(year)]
      : [month11Start(year), month11Start(year + 1)];
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth)
      throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const monthStart = newMoonDay(k + offset);
  if (day > newMoonDay(k + offset + 1) - monthStart)
    throw new RangeError(`Lunar month ${month}/${year} has fewer than ${day} days`);
  return isoOf(monthStart + day - 1);
}
