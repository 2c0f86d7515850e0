import { describe, expect, it } from 'vitest';
import { estimate, formatBytes, formatRate, SECONDS_PER_DAY } from './envelope.js';
import type { DesignAssumptions } from './mock-content.js';

/** The URL shortener's stated assumptions: 20 M users, 10 clicks and 0.1 creates each a day. */
const SHORTENER: DesignAssumptions = {
  dailyActiveUsers: 20_000_000,
  readsPerUserPerDay: 10,
  writesPerUserPerDay: 0.1,
  peakFactor: 3,
  bytesPerWrite: 500,
  bytesPerRead: 500,
  retentionYears: 5,
  replicationFactor: 3,
};

describe('estimate', () => {
  const result = estimate(SHORTENER);

  it('spreads daily requests over 86 400 seconds and multiplies by the peak factor', () => {
    expect(result.readsPerSecond.average).toBeCloseTo(200_000_000 / SECONDS_PER_DAY);
    expect(result.readsPerSecond.peak).toBeCloseTo((3 * 200_000_000) / SECONDS_PER_DAY);
    expect(result.writesPerSecond.average).toBeCloseTo(2_000_000 / SECONDS_PER_DAY);
    expect(formatRate(result.readsPerSecond.average)).toBe('2.31k');
    expect(formatRate(result.readsPerSecond.peak)).toBe('6.94k');
    expect(formatRate(result.writesPerSecond.average)).toBe('23.1');
  });

  it('keeps a day of writes for the retention period on every replica', () => {
    expect(result.storage.perDayBytes).toBe(1e9);
    expect(result.storage.totalBytes).toBe(1e9 * 365 * 5 * 3);
    expect(formatBytes(result.storage.totalBytes)).toBe('5.48 TB');
  });

  it('derives ingress from writes and egress from reads', () => {
    expect(result.bandwidth.ingressBytesPerSecond.average).toBeCloseTo(1e9 / SECONDS_PER_DAY);
    expect(result.bandwidth.egressBytesPerSecond.average).toBeCloseTo(1e11 / SECONDS_PER_DAY);
    expect(result.bandwidth.egressBytesPerSecond.peak).toBeCloseTo(3e11 / SECONDS_PER_DAY);
    expect(formatBytes(result.bandwidth.egressBytesPerSecond.average)).toBe('1.16 MB');
  });

  it('gives zeros, not NaN, when nothing is written or kept', () => {
    const quiet = estimate({ ...SHORTENER, writesPerUserPerDay: 0, retentionYears: 0 });
    expect(quiet.writesPerSecond).toEqual({ average: 0, peak: 0 });
    expect(quiet.storage).toEqual({ perDayBytes: 0, totalBytes: 0 });
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1_000, '1 KB'],
    [1_536, '1.54 KB'],
    [1.5e12, '1.5 TB'],
    [2.5e15, '2.5 PB'],
    [3e18, '3000 PB'],
  ])('formats %d as %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('moves up a unit when rounding reaches 1000', () => {
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(999_400)).toBe('999 KB');
  });
});

describe('formatRate', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [23.148, '23.1'],
    [1_200, '1.2k'],
    [3_400_000, '3.4M'],
    [999_999, '1M'],
    [-1_500, '-1.5k'],
  ])('formats %d as %s', (n, text) => {
    expect(formatRate(n)).toBe(text);
  });
});
