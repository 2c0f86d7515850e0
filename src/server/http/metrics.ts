import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, type Histogram, type Registry } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  labels: { method: string; route: string; status: string };
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

interface Sample {
  metricName: string;
  value: number;
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  /** prom-client gives bucket lines a null exemplar; kept so the JSON form is the same. */
  exemplar?: null;
}

/**
 * `http_request_duration_seconds`, a Prometheus histogram by method, route pattern and status,
 * exposed exactly as prom-client's `Histogram` would be. prom-client validates and hashes the
 * labels on every observation, which every request paid for; here a request finds its series
 * through two map lookups and adds to plain numbers, and the cumulative buckets are worked out
 * only when /metrics is scraped.
 */
export class RequestDurations {
  readonly name = 'http_request_duration_seconds';
  readonly help = 'HTTP request latency by route, method and status; its _count is the request count.';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly byRoute = new Map<string, Map<string, Series>>();

  observe(method: string, route: string, status: number, seconds: number): void {
    let byKey = this.byRoute.get(route);
    if (!byKey) {
      byKey = new Map();
      this.byRoute.set(route, byKey);
    }
    const key = method + status;
    let series = byKey.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        counts: new Array<number>(DURATION_BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      byKey.set(key, series);
    }
    let bucket = 0;
    while (bucket < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[bucket]!) bucket++;
    series.counts[bucket]!++;
    series.sum += seconds;
    series.count++;
  }

  /** What prom-client's registry prints (the series' labels shared by its lines, `le` first). */
  getForPromString() {
    const values: Sample[] = [];
    for (const byKey of this.byRoute.values()) {
      for (const { labels, counts, sum, count } of byKey.values()) {
        let cumulative = 0;
        DURATION_BUCKETS.forEach((le, i) => {
          cumulative += counts[i]!;
          values.push({
            metricName: `${this.name}_bucket`,
            value: cumulative,
            labels: { le },
            sharedLabels: labels,
            exemplar: null,
          });
        });
        values.push({
          metricName: `${this.name}_bucket`,
          value: count,
          labels: { le: '+Inf' },
          sharedLabels: labels,
          exemplar: null,
        });
        values.push({ metricName: `${this.name}_sum`, value: sum, labels: {}, sharedLabels: labels });
        values.push({ metricName: `${this.name}_count`, value: count, labels: {}, sharedLabels: labels });
      }
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The same samples with every label on the sample itself, as `registry.getMetricsAsJSON()` gives them. */
  get() {
    const data = this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...sample }) => ({
        ...sample,
        labels: { ...labels, ...sharedLabels },
      })),
    };
  }

  reset(): void {
    this.byRoute.clear();
  }
}

/**
 * Prometheus metrics for one app instance, on `registry` (its own, so tests can build many apps).
 * Requests are labelled by route pattern — never the raw URL — to keep label cardinality bounded.
 */
export function registerMetrics(app: FastifyInstance, registry: Registry): Registry {
  collectDefaultMetrics({ register: registry });
  const durations = new RequestDurations();
  // The registry accepts prom-client's own metric classes in its types; it needs only this shape.
  registry.registerMetric(durations as unknown as Histogram);
  app.addHook('onResponse', (request, reply, done) => {
    durations.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  return registry;
}
