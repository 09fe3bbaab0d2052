import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per process. Log lines carry ids and outcomes only:
 * never request bodies, headers, tokens, account numbers or channel secrets.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'chophien' });
