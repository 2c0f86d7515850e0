export type Labels = Record<string, string>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export class Registry {
  counter(name: string, help: string, labelNames: string[] = []): Counter {
    return { inc() {} };
  }

  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram {
    return { observe() {} };
  }

  expose(): string {
    return '';
  }
}
