// Wrong: rounds a fractional rank down (floor) instead of up, so p95 of ten samples is the 9th value, not the 10th.
export class LatencyRecorder {
  private readonly values: number[] = [];

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('bad latency');
    this.values.push(ms);
  }

  percentiles(ps: number[]): (number | null)[] {
    if (ps.some((p) => !(p >= 0 && p <= 100))) throw new RangeError('bad percentile');
    const n = this.values.length;
    if (n === 0) return ps.map(() => null);
    const sorted = [...this.values].sort((a, b) => a - b);
    return ps.map((p) => sorted[Math.max(1, Math.floor((p * n) / 100)) - 1]);
  }
}
