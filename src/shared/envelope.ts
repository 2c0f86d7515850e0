import type { DesignAssumptions } from './mock-content.js';

/**
 * Back-of-the-envelope maths for the system-design round, shared by the server (feedback) and the
 * web app (the live calculator) so both show the same figures.
 *
 * Rule of thumb: a day has 86 400 seconds; for quick mental maths round it to ~100k, so 1 M
 * requests a day is roughly 10 a second. The functions here use the exact figure.
 */

/** Seconds in a day: the divisor that turns daily volumes into per-second averages. */
export const SECONDS_PER_DAY = 86_400;

/** An average and a peak, both per second; peak = average × the assumptions' peak factor. */
export interface PerSecond {
  average: number;
  peak: number;
}

export interface EnvelopeEstimate {
  readsPerSecond: PerSecond;
  writesPerSecond: PerSecond;
  storage: {
    /** New data written per day, before replication. */
    perDayBytes: number;
    /** perDayBytes × 365 × retentionYears × replicationFactor: what the disks must hold. */
    totalBytes: number;
  };
  bandwidth: {
    /** Bytes written per second (writes × bytesPerWrite). */
    ingressBytesPerSecond: PerSecond;
    /** Bytes served per second (reads × bytesPerRead). */
    egressBytesPerSecond: PerSecond;
  };
}

/**
 * Turns a candidate's stated assumptions into request rates, storage and bandwidth. Daily volumes
 * are spread evenly over {@link SECONDS_PER_DAY} for the average; the peak multiplies the average by
 * `peakFactor`. Figures are unrounded: format them with {@link formatBytes} and {@link formatRate}.
 */
export function estimate(a: DesignAssumptions): EnvelopeEstimate {
  const readsPerDay = a.dailyActiveUsers * a.readsPerUserPerDay;
  const writesPerDay = a.dailyActiveUsers * a.writesPerUserPerDay;
  const perSecond = (perDay: number): PerSecond => {
    const average = perDay / SECONDS_PER_DAY;
    return { average, peak: average * a.peakFactor };
  };
  const perDayBytes = writesPerDay * a.bytesPerWrite;
  return {
    readsPerSecond: perSecond(readsPerDay),
    writesPerSecond: perSecond(writesPerDay),
    storage: { perDayBytes, totalBytes: perDayBytes * 365 * a.retentionYears * a.replicationFactor },
    bandwidth: {
      ingressBytesPerSecond: perSecond(perDayBytes),
      egressBytesPerSecond: perSecond(readsPerDay * a.bytesPerRead),
    },
  };
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;
const RATE_UNITS = ['', 'k', 'M', 'G', 'T'] as const;

/**
 * A byte count in decimal units (1 KB = 1000 B, as capacity planning and disk vendors count) with
 * up to three significant digits: `formatBytes(1.5e12)` is "1.5 TB". Values too large for PB stay
 * in PB; negative values keep their sign.
 */
export function formatBytes(n: number): string {
  const scaled = scale(n, BYTE_UNITS);
  return `${scaled.value} ${scaled.unit}`;
}

/**
 * A per-second count with up to three significant digits and an SI suffix: "12", "1.2k", "3.4M".
 * The caller adds "/s" or a label.
 */
export function formatRate(n: number): string {
  const scaled = scale(n, RATE_UNITS);
  return `${scaled.value}${scaled.unit}`;
}

function scale<U extends string>(n: number, units: readonly [U, ...U[]]): { value: string; unit: U } {
  if (!Number.isFinite(n)) return { value: String(n), unit: units[0] };
  const sign = n < 0 ? '-' : '';
  let magnitude = Math.abs(n);
  let index = 0;
  while (index < units.length - 1 && significant(magnitude) >= 1000) {
    magnitude /= 1000;
    index++;
  }
  return { value: `${sign}${significant(magnitude)}`, unit: units[index]! };
}

/**
 * Rounds to three significant digits, half up, dropping trailing zeros ("1.50" → 1.5). Unlike
 * `toPrecision`, it rounds 5.475 to 5.48: the binary representation's noise is removed first.
 */
function significant(n: number): number {
  if (n === 0) return 0;
  const shift = 2 - Math.floor(Math.log10(n));
  const scaled = Math.round(Number((n * 10 ** shift).toPrecision(15)));
  return Number((shift >= 0 ? scaled / 10 ** shift : scaled * 10 ** -shift).toPrecision(12));
}
