import { describe, expect, it } from 'vitest';
import { endOfStudyDay, isValidTimeZone, startOfStudyDay, studyDayOf } from './study-day.js';

const honolulu = { timeZone: 'Pacific/Honolulu', dayStartHour: 4 }; // UTC−10, no DST
const tonga = { timeZone: 'Pacific/Tongatapu', dayStartHour: 4 }; // UTC+13
const newYork = { timeZone: 'America/New_York', dayStartHour: 4 };

describe('study days', () => {
  it('follows a UTC−10 user across their midnight and their day start', () => {
    // 23:30 local on 1 March = 09:30 UTC on 2 March.
    expect(studyDayOf(new Date('2026-03-02T09:30:00Z'), honolulu)).toBe('2026-03-01');
    // 01:00 local on 2 March is before the 04:00 day start: still 1 March's session.
    expect(studyDayOf(new Date('2026-03-02T11:00:00Z'), honolulu)).toBe('2026-03-01');
    // 04:00 local on 2 March starts the new day.
    expect(studyDayOf(new Date('2026-03-02T14:00:00Z'), honolulu)).toBe('2026-03-02');
    expect(endOfStudyDay(new Date('2026-03-02T09:30:00Z'), honolulu).toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('follows a UTC+13 user whose day starts on the previous UTC date', () => {
    // 05:00 local on 10 June = 16:00 UTC on 9 June.
    expect(studyDayOf(new Date('2026-06-09T16:00:00Z'), tonga)).toBe('2026-06-10');
    // 03:59 local on 10 June is still 9 June's day.
    expect(studyDayOf(new Date('2026-06-09T14:59:00Z'), tonga)).toBe('2026-06-09');
    expect(startOfStudyDay('2026-06-10', tonga).toISOString()).toBe('2026-06-09T15:00:00.000Z');
  });

  it('makes the spring-forward day 23 hours long and the fall-back day 25', () => {
    // DST begins 2026-03-08 at 02:00 local, inside the study day that starts on 7 March.
    const springStart = startOfStudyDay('2026-03-07', newYork);
    const springEnd = startOfStudyDay('2026-03-08', newYork);
    expect(springStart.toISOString()).toBe('2026-03-07T09:00:00.000Z'); // 04:00 EST
    expect(springEnd.toISOString()).toBe('2026-03-08T08:00:00.000Z'); // 04:00 EDT
    expect((springEnd.getTime() - springStart.getTime()) / 3_600_000).toBe(23);
    // DST ends 2026-11-01 at 02:00 local, inside the study day that starts on 31 October.
    const fallStart = startOfStudyDay('2026-10-31', newYork);
    const fallEnd = startOfStudyDay('2026-11-01', newYork);
    expect((fallEnd.getTime() - fallStart.getTime()) / 3_600_000).toBe(25);
    // 03:30 EDT on the morning of the change is still 7 March's session.
    expect(studyDayOf(new Date('2026-03-08T07:30:00Z'), newYork)).toBe('2026-03-07');
    expect(studyDayOf(new Date('2026-03-08T08:00:00Z'), newYork)).toBe('2026-03-08');
  });

  it('honours a midnight day start', () => {
    const utc = { timeZone: 'UTC', dayStartHour: 0 };
    expect(studyDayOf(new Date('2026-01-01T00:00:00Z'), utc)).toBe('2026-01-01');
    expect(studyDayOf(new Date('2025-12-31T23:59:59Z'), utc)).toBe('2025-12-31');
  });

  it('recognises IANA time zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
