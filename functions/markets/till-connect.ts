import { isDomainError, openTillConnection } from '@chophien/core';
import { logger } from '@chophien/http';
import { type TillSocketEvent, tillServices } from './till-services.ts';

/**
 * `$connect` of the live-till WebSocket API: `?ticket=` is a one-time ticket from
 * `POST /vendor/till-tickets` (that route verified the vendor's ID token). Any other status than
 * 200 refuses the connection. The query string is never logged.
 */
export async function handler(event: TillSocketEvent): Promise<{ statusCode: number }> {
  try {
    const connection = await openTillConnection(tillServices(), {
      connectionId: event.requestContext.connectionId,
      ticket: event.queryStringParameters?.ticket ?? undefined,
    });
    logger.info('till connected', { stalls: connection.stallIds.length });
    return { statusCode: 200 };
  } catch (error) {
    if (isDomainError(error) && error.kind === 'unauthenticated') {
      logger.warn('till connection refused', { security: true, reason: error.code });
      return { statusCode: 401 };
    }
    throw error;
  }
}
