// Wrong: each bucket line counts only the observations that landed in that bucket, not every observation <= le.
/**
 * A minimal Prometheus client registry. Each metric keeps its series in a Map keyed by the label
 * values (in declared order); `expose()` renders the text exposition format with the series sorted.
 */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label values escape backslash, double quote and newline. The backslash goes first, or it would double the others' escapes. */
const escapeLabelValue = (value) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
/** HELP text escapes only backslash and newline. */
const escapeHelp = (text) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

const formatNumber = (value) => (value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value));

/** `{a="1",b="2"}` for the given [name, value] pairs, or '' when there are none. */
function renderLabels(pairs) {
  if (pairs.length === 0) return '';
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** Orders series by their label values, compared one by one as plain strings (not locale-aware). */
function compareValues(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

class Metric {
  constructor(type, name, help, labelNames) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name: ${name}`);
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`invalid label name: ${label}`);
    }
    if (new Set(labelNames).size !== labelNames.length) throw new Error(`${name}: duplicate label names`);
    this.type = type;
    this.name = name;
    this.help = help;
    this.labelNames = [...labelNames];
    this.series = new Map();
  }

  /** Finds or creates the series for `labels`, which must name exactly the declared labels. */
  seriesFor(labels) {
    const given = Object.keys(labels ?? {});
    if (given.length !== this.labelNames.length || this.labelNames.some((name) => !Object.hasOwn(labels, name))) {
      throw new Error(`${this.name} expects labels [${this.labelNames}], got [${given}]`);
    }
    const values = this.labelNames.map((name) => String(labels[name]));
    const key = JSON.stringify(values);
    let series = this.series.get(key);
    if (!series) {
      series = { values, ...this.emptyState() };
      this.series.set(key, series);
    }
    return series;
  }

  render() {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    const ordered = [...this.series.values()].sort((a, b) => compareValues(a.values, b.values));
    for (const series of ordered) {
      const pairs = this.labelNames.map((name, i) => [name, series.values[i]]);
      lines.push(...this.renderSeries(series, pairs));
    }
    return lines;
  }
}

class Counter extends Metric {
  constructor(name, help, labelNames) {
    super('counter', name, help, labelNames);
    // A metric without labels has exactly one series, exposed (at zero) from the start.
    if (labelNames.length === 0) this.seriesFor({});
  }

  emptyState() {
    return { value: 0 };
  }

  inc(labels = {}, by = 1) {
    if (typeof by !== 'number' || !Number.isFinite(by) || by < 0) {
      throw new RangeError(`a counter only goes up: cannot increment ${this.name} by ${by}`);
    }
    this.seriesFor(labels).value += by;
  }

  renderSeries(series, pairs) {
    return [`${this.name}${renderLabels(pairs)} ${formatNumber(series.value)}`];
  }
}

class Histogram extends Metric {
  constructor(name, help, buckets, labelNames) {
    super('histogram', name, help, labelNames);
    if (labelNames.includes('le')) throw new Error(`${name}: "le" is reserved for histogram buckets`);
    if (buckets.length === 0 || buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]))) {
      throw new Error(`${name}: buckets must be finite and strictly increasing`);
    }
    this.bounds = [...buckets, Infinity];
    if (labelNames.length === 0) this.seriesFor({});
  }

  /** Per-bucket (not yet cumulative) counts: an observation lands in exactly one bucket. */
  emptyState() {
    return { counts: this.bounds.map(() => 0), sum: 0, count: 0 };
  }

  observe(labels, value) {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`${this.name}: cannot observe ${value}`);
    const series = this.seriesFor(labels);
    // `le` means "less than or equal": a value on a boundary belongs to that bucket. +Inf always matches.
    series.counts[this.bounds.findIndex((bound) => value <= bound)] += 1;
    series.sum += value;
    series.count += 1;
  }

  renderSeries(series, pairs) {
    const lines = [];
    this.bounds.forEach((bound, i) => {
      lines.push(`${this.name}_bucket${renderLabels([...pairs, ['le', formatNumber(bound)]])} ${series.counts[i]}`);
    });
    lines.push(`${this.name}_sum${renderLabels(pairs)} ${formatNumber(series.sum)}`);
    lines.push(`${this.name}_count${renderLabels(pairs)} ${series.count}`);
    return lines;
  }
}

export class Registry {
  #metrics = new Map();

  counter(name, help, labelNames = []) {
    return this.#register(new Counter(name, help, labelNames));
  }

  histogram(name, help, buckets, labelNames = []) {
    return this.#register(new Histogram(name, help, buckets, labelNames));
  }

  #register(metric) {
    if (this.#metrics.has(metric.name)) throw new Error(`metric already registered: ${metric.name}`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  /** Families in registration order; every line, the last one included, ends with a newline. */
  expose() {
    return [...this.#metrics.values()]
      .flatMap((metric) => metric.render())
      .map((line) => `${line}\n`)
      .join('');
  }
}
