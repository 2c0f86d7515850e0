/**
 * Exact nearest-rank percentiles. Recording is an O(1) append; the first query after a change sorts
 * a copy once (O(n log n)) and later queries reuse it until the next record.
 */
export class LatencyRecorder {
  #values = [];
  #sorted = null;

  record(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`latency must be a finite number >= 0, got ${ms}`);
    }
    this.#values.push(ms);
    this.#sorted = null;
  }

  percentiles(ps) {
    for (const p of ps) {
      // `!(p >= 0 && p <= 100)` also rejects NaN.
      if (typeof p !== 'number' || !(p >= 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
    }
    const n = this.#values.length;
    if (n === 0) return ps.map(() => null);
    // A Float64Array sorts numerically; a plain array's sort() would compare the numbers as strings.
    this.#sorted ??= Float64Array.from(this.#values).sort();
    const sorted = this.#sorted;
    return ps.map((p) => sorted[Math.max(1, Math.ceil((p * n) / 100)) - 1]);
  }
}
