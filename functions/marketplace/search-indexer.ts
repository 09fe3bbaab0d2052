import { publishSearchSnapshot } from '@chophien/db';
import { logger } from '@chophien/http';
import { services } from '../shared/services.ts';

/**
 * Scheduled entry (functions/schedules.ts): folds the catalogue into the search snapshot every search
 * container loads at cold start, and writes it only when it changed (docs/decisions/0620-search-snapshot.md).
 */
export const scheduledHandler = async () => {
  const started = Date.now();
  const { written, pointer } = await publishSearchSnapshot(services().db);
  logger.info('search snapshot', {
    written,
    version: pointer.version,
    listings: pointer.listings,
    bytes: pointer.bytes,
    ms: Date.now() - started,
  });
  return { written, listings: pointer.listings, bytes: pointer.bytes };
};
