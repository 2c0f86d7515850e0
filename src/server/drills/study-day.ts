import { TZDate } from '@date-fns/tz';

/**
 * Study days: a user's day runs from `dayStartHour` local time to the same hour the next day, in
 * their own time zone, so a night owl's 1 a.m. session still counts as "today" and reviews fall
 * due by the user's calendar rather than the server's. Daylight-saving changes are handled by the
 * time-zone database (a spring-forward day is 23 hours long).
 */
interface DayClock {
  timeZone: string;
  dayStartHour: number;
}

/** The clock of a user without a plan: days start at midnight UTC. */
export const UTC_CLOCK: DayClock = { timeZone: 'UTC', dayStartHour: 0 };

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') };
}

/** The study day `at` belongs to, as YYYY-MM-DD. */
export function studyDayOf(at: Date, clock: DayClock): string {
  const local = localParts(at, clock.timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (local.hour < clock.dayStartHour) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** The instant a study day (YYYY-MM-DD) begins. */
export function startOfStudyDay(day: string, clock: DayClock): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, clock.dayStartHour, 0, 0, clock.timeZone).getTime());
}

/** The instant the study day containing `at` ends (the next day's start). */
export function endOfStudyDay(at: Date, clock: DayClock): Date {
  return startOfStudyDay(addDays(studyDayOf(at, clock), 1), clock);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
