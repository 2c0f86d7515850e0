/** A minimal Prometheus client registry rendering the text exposition format. */
export type Labels = Record<string, string>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Backslash first, or the escapes added for `"` and newline would be doubled. */
const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const formatNumber = (value: number): string =>
  value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);

type Pair = [name: string, value: string];

/** What the registry needs from any metric. */
interface Family {
  readonly name: string;
  render(): string[];
}

function renderLabels(pairs: Pair[]): string {
  return pairs.length === 0
    ? ''
    : `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** Element-by-element comparison of label values with plain `<`, not localeCompare. */
function compareValues(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

abstract class Metric<State> implements Family {
  private readonly series = new Map<string, { values: string[]; state: State }>();
  readonly labelNames: string[];

  constructor(
    readonly name: string,
    private readonly help: string,
    labelNames: string[],
    private readonly type: 'counter' | 'histogram',
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name: ${name}`);
    if (labelNames.some((label) => !LABEL_NAME.test(label) || label.startsWith('__'))) {
      throw new Error(`${name}: invalid label name in [${labelNames}]`);
    }
    if (new Set(labelNames).size !== labelNames.length) throw new Error(`${name}: duplicate label names`);
    this.labelNames = [...labelNames];
  }

  protected abstract emptyState(): State;
  protected abstract renderSeries(state: State, pairs: Pair[]): string[];

  /** The series for `labels`, created on first use; the label names must match the declared ones exactly. */
  protected stateFor(labels: Labels | undefined): State {
    const given = Object.keys(labels ?? {});
    if (given.length !== this.labelNames.length || this.labelNames.some((n) => !labels || !Object.hasOwn(labels, n))) {
      throw new Error(`${this.name} expects labels [${this.labelNames}], got [${given}]`);
    }
    const values = this.labelNames.map((n) => String(labels![n]));
    const key = JSON.stringify(values);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { values, state: this.emptyState() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    const ordered = [...this.series.values()].sort((a, b) => compareValues(a.values, b.values));
    for (const { values, state } of ordered) {
      const pairs = this.labelNames.map((n, i): Pair => [n, values[i]]);
      lines.push(...this.renderSeries(state, pairs));
    }
    return lines;
  }
}

export class Counter extends Metric<{ value: number }> {
  constructor(name: string, help: string, labelNames: string[]) {
    super(name, help, labelNames, 'counter');
    // An unlabelled metric has a single series, exposed at zero from the start.
    if (labelNames.length === 0) this.stateFor({});
  }

  inc(labels: Labels = {}, by = 1): void {
    if (!Number.isFinite(by) || by < 0) throw new RangeError(`a counter only goes up: ${this.name} by ${by}`);
    this.stateFor(labels).value += by;
  }

  protected emptyState() {
    return { value: 0 };
  }

  protected renderSeries(state: { value: number }, pairs: Pair[]): string[] {
    return [`${this.name}${renderLabels(pairs)} ${formatNumber(state.value)}`];
  }
}

interface HistogramState {
  /** Per-bucket counts; an observation lands in exactly one bucket and rendering accumulates them. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramState> {
  private readonly bounds: number[];

  constructor(name: string, help: string, buckets: number[], labelNames: string[]) {
    super(name, help, labelNames, 'histogram');
    if (labelNames.includes('le')) throw new Error(`${name}: "le" is reserved for buckets`);
    if (buckets.length === 0 || buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]))) {
      throw new Error(`${name}: buckets must be finite and strictly increasing`);
    }
    this.bounds = [...buckets, Infinity];
    if (labelNames.length === 0) this.stateFor({});
  }

  observe(labels: Labels, value: number): void {
    if (Number.isNaN(value)) throw new Error(`${this.name}: cannot observe NaN`);
    const state = this.stateFor(labels);
    // `le` means less than or equal; the +Inf bound guarantees a match.
    state.counts[this.bounds.findIndex((bound) => value <= bound)] += 1;
    state.sum += value;
    state.count += 1;
  }

  protected emptyState(): HistogramState {
    return { counts: this.bounds.map(() => 0), sum: 0, count: 0 };
  }

  protected renderSeries(state: HistogramState, pairs: Pair[]): string[] {
    let cumulative = 0;
    const lines = this.bounds.map((bound, i) => {
      cumulative += state.counts[i];
      return `${this.name}_bucket${renderLabels([...pairs, ['le', formatNumber(bound)]])} ${cumulative}`;
    });
    lines.push(`${this.name}_sum${renderLabels(pairs)} ${formatNumber(state.sum)}`);
    lines.push(`${this.name}_count${renderLabels(pairs)} ${state.count}`);
    return lines;
  }
}

export class Registry {
  private readonly metrics = new Map<string, Family>();

  counter(name: string, help: string, labelNames: string[] = []): Counter {
    return this.register(new Counter(name, help, labelNames));
  }

  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram {
    return this.register(new Histogram(name, help, buckets, labelNames));
  }

  /** Families in registration order (a Map iterates in insertion order); every line ends with "\n". */
  expose(): string {
    return [...this.metrics.values()]
      .flatMap((metric) => metric.render())
      .map((line) => `${line}\n`)
      .join('');
  }

  private register<M extends Family>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric already registered: ${metric.name}`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
