// Wrong: only the configured buckets are written; the mandatory le="+Inf" bucket is missing, and observations above the last bound vanish from the buckets.
type Labels = Record<string, string>;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const labelText = (pairs: [string, string][]) =>
  pairs.length ? `{${pairs.map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}` : '';

function checkLabels(names: string[], labels: Labels | undefined): string[] {
  const given = Object.keys(labels ?? {});
  if (given.length !== names.length || names.some((n) => !labels || !(n in labels))) throw new Error('bad labels');
  return names.map((n) => labels![n]);
}

function sortKeys(keys: string[]): string[] {
  return keys.sort((a, b) => {
    const x: string[] = JSON.parse(a);
    const y: string[] = JSON.parse(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

class Counter {
  values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: string[],
  ) {
    if (labelNames.length === 0) this.values.set('[]', 0);
  }
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError('counters only go up');
    const key = JSON.stringify(checkLabels(this.labelNames, labels));
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${escHelp(this.help)}`, `# TYPE ${this.name} counter`];
    for (const key of sortKeys([...this.values.keys()])) {
      const vals: string[] = JSON.parse(key);
      out.push(
        `${this.name}${labelText(this.labelNames.map((n, i): [string, string] => [n, vals[i]]))} ${this.values.get(key)}`,
      );
    }
    return out;
  }
}

class Histogram {
  series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
    readonly labelNames: string[],
  ) {
    if (labelNames.length === 0) this.series.set('[]', { counts: buckets.map(() => 0), sum: 0, count: 0 });
  }
  observe(labels: Labels, value: number): void {
    const key = JSON.stringify(checkLabels(this.labelNames, labels));
    let s = this.series.get(key);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    this.buckets.forEach((le, i) => {
      if (value <= le) s!.counts[i] += 1;
    });
    s.sum += value;
    s.count += 1;
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${escHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const key of sortKeys([...this.series.keys()])) {
      const vals: string[] = JSON.parse(key);
      const pairs = this.labelNames.map((n, i): [string, string] => [n, vals[i]]);
      const s = this.series.get(key)!;
      this.buckets.forEach((le, i) =>
        out.push(`${this.name}_bucket${labelText([...pairs, ['le', String(le)]])} ${s.counts[i]}`),
      );
      out.push(`${this.name}_sum${labelText(pairs)} ${s.sum}`, `${this.name}_count${labelText(pairs)} ${s.count}`);
    }
    return out;
  }
}

export class Registry {
  private metrics = new Map<string, Counter | Histogram>();
  counter(name: string, help: string, labelNames: string[] = []): Counter {
    if (this.metrics.has(name)) throw new Error('duplicate');
    const c = new Counter(name, help, labelNames);
    this.metrics.set(name, c);
    return c;
  }
  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram {
    if (this.metrics.has(name)) throw new Error('duplicate');
    const h = new Histogram(name, help, buckets, labelNames);
    this.metrics.set(name, h);
    return h;
  }
  expose(): string {
    return [...this.metrics.values()]
      .flatMap((m) => m.render())
      .map((l) => l + '\n')
      .join('');
  }
}
