/**
 * The adapter of core's one business-metrics port (decision 0705): on AWS, CloudWatch Embedded Metric
 * Format through Powertools Metrics (one EMF line per event, its own dimensions); locally (the local
 * runtime and the tests, `CHOPHIEN_MODE=local`) the process-wide in-memory counts of core.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type BusinessMetrics, localMetrics } from '@chophien/core';
import { logger } from './logger.ts';

export function powertoolsMetrics(
  namespace = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'chophien',
): BusinessMetrics {
  const metrics = new Metrics({ namespace, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'chophien' });
  return {
    count(name, dimensions = {}, value = 1) {
      try {
        // A single metric is flushed as soon as it is added: each event keeps its own dimensions.
        const single = metrics.singleMetric();
        for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
        single.addMetric(name, MetricUnit.Count, value);
      } catch (error) {
        // A metric must never fail the request it describes.
        logger.warn('metric not recorded', { metric: name, error: (error as Error).message });
      }
    },
  };
}

let chosen: BusinessMetrics | undefined;
/** The process's business metrics, chosen once from `CHOPHIEN_MODE`. */
export function businessMetrics(): BusinessMetrics {
  chosen ??= process.env.CHOPHIEN_MODE === 'local' ? localMetrics : powertoolsMetrics();
  return chosen;
}
