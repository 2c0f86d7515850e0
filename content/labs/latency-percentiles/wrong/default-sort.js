// Wrong: Array.prototype.sort() without a comparator compares numbers as strings, so 1000 sorts before 9.
export class LatencyRecorder {
  constructor() {
    this.values = [];
  }

  record(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new RangeError('bad latency');
    this.values.push(ms);
  }

  percentiles(ps) {
    if (ps.some((p) => !(p >= 0 && p <= 100))) throw new RangeError('bad percentile');
    const n = this.values.length;
    if (n === 0) return ps.map(() => null);
    const sorted = [...this.values].sort();
    return ps.map((p) => sorted[Math.max(1, Math.ceil((p * n) / 100)) - 1]);
  }
}
