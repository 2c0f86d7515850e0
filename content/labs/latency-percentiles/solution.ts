/**
 * Exact nearest-rank percentiles: O(1) appends, and one numeric sort of a copy per batch of queries,
 * cached until the next record.
 */
export class LatencyRecorder {
  private readonly values: number[] = [];
  private sorted: Float64Array | null = null;

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a finite number >= 0, got ${ms}`);
    this.values.push(ms);
    this.sorted = null;
  }

  percentiles(ps: number[]): (number | null)[] {
    if (ps.some((p) => !(p >= 0 && p <= 100))) throw new RangeError('percentiles must lie between 0 and 100');
    const n = this.values.length;
    if (n === 0) return ps.map(() => null);
    // A typed array sorts numerically (and fast). A plain array needs the comparator (a, b) => a - b:
    // without it, 100 sorts before 9.
    const sorted = (this.sorted ??= Float64Array.from(this.values).sort());
    return ps.map((p) => {
      const rank = Math.max(1, Math.ceil((p * n) / 100));
      return sorted[rank - 1];
    });
  }
}
