/**
 * Business metrics, one port for the whole platform (docs/decisions/0705-business-metrics.md):
 * an event name, a few low-cardinality dimensions and a value. Use-cases count what happened;
 * packages/http adapts this to CloudWatch EMF (Powertools Metrics) on AWS, tests and the local
 * runtime keep the counts in memory.
 */
export type MetricDimensions = Readonly<Record<string, string>>;

export interface BusinessMetrics {
  /** Adds `value` (default 1) to the event `name` under these dimensions. Never throws. */
  count(name: string, dimensions?: MetricDimensions, value?: number): void;
}

export const noMetrics: BusinessMetrics = { count: () => undefined };

export interface InMemoryMetrics extends BusinessMetrics {
  /** The sum recorded for `name` over every dimension set that includes `match`. */
  total(name: string, match?: MetricDimensions): number;
  reset(): void;
}

const seriesKey = (name: string, dimensions: MetricDimensions) =>
  JSON.stringify([name, Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b))]);

export function inMemoryMetrics(): InMemoryMetrics {
  const series = new Map<string, { name: string; dimensions: MetricDimensions; value: number }>();
  return {
    count(name, dimensions = {}, value = 1) {
      const key = seriesKey(name, dimensions);
      const found = series.get(key);
      if (found) found.value += value;
      else series.set(key, { name, dimensions: { ...dimensions }, value });
    },
    total(name, match = {}) {
      let sum = 0;
      for (const entry of series.values()) {
        if (entry.name !== name) continue;
        if (Object.entries(match).every(([key, value]) => entry.dimensions[key] === value))
          sum += entry.value;
      }
      return sum;
    },
    reset: () => series.clear(),
  };
}

/**
 * The local runtime's process-wide counts: handlers run in the same process as the local API server
 * (and the integration tests), so a test can read what a webhook counted.
 */
export const localMetrics: InMemoryMetrics = inMemoryMetrics();
