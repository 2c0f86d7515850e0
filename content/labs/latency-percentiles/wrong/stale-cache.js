// Wrong: caches the sorted copy on the first query and never invalidates it, so later records are ignored.
export class LatencyRecorder {
  constructor() {
    this.values = [];
    this.sorted = null;
  }

  record(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new RangeError('bad latency');
    this.values.push(ms);
  }

  percentiles(ps) {
    if (ps.some((p) => !(p >= 0 && p <= 100))) throw new RangeError('bad percentile');
    const n = this.values.length;
    if (n === 0) return ps.map(() => null);
    if (!this.sorted) this.sorted = [...this.values].sort((a, b) => a - b);
    const m = this.sorted.length;
    return ps.map((p) => this.sorted[Math.max(1, Math.ceil((p * m) / 100)) - 1]);
  }
}
