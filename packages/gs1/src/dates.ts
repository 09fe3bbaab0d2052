/** Date and time rules for GS1 AI values. Inputs are already known to be all digits of the right length. */

function two(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(month: number, leap: boolean): number {
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

/**
 * YYMMDD. GS1 resolves YY to a century with a sliding window around today, but every year that window can
 * produce lies in 1901–2099 where "divisible by 4" is exactly the leap rule, so the result never depends on
 * the clock.
 * `dayZero`: day 00 is allowed (the AI's meaning is "end of that month": AIs 11, 13, 15, 16, 17).
 */
export function isValidYymmdd(s: string, at: number, dayZero: boolean): boolean {
  const yy = two(s, at);
  const mm = two(s, at + 2);
  const dd = two(s, at + 4);
  if (mm < 1 || mm > 12) return false;
  if (dd === 0) return dayZero;
  return dd <= daysInMonth(mm, yy % 4 === 0);
}

export function isValidYyyymmdd(s: string, at: number): boolean {
  const year = two(s, at) * 100 + two(s, at + 2);
  const mm = two(s, at + 4);
  const dd = two(s, at + 6);
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return dd <= daysInMonth(mm, leap);
}

export function isValidHour(s: string, at: number): boolean {
  return two(s, at) <= 23;
}

export function isValidMinuteOrSecond(s: string, at: number): boolean {
  return two(s, at) <= 59;
}
