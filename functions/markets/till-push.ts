import type { LedgerEntry } from '@chophien/core';
import { pushToTills } from '@chophien/core';
import { ledgerEntryFromStreamImage, type StreamImage } from '@chophien/db';
import { logger } from '@chophien/http';
import { tillServices } from './till-services.ts';

/** The slice of a DynamoDB Streams event the fan-out reads (NEW_IMAGE, filtered to ledger entries). */
export interface TillStreamEvent {
  readonly Records: readonly {
    readonly eventName?: string;
    readonly dynamodb?: { readonly NewImage?: StreamImage };
  }[];
}

/**
 * DynamoDB Streams → each new ledger entry is posted to its vendor's open till sockets, as the same
 * JSON the local SSE feed sends. A failed post is not retried (the page reloads today's list when it
 * reconnects); only a failure to read the connections fails the batch, and the page de-duplicates by id.
 */
export async function handler(event: TillStreamEvent): Promise<void> {
  const entries = event.Records.filter((record) => record.eventName === 'INSERT')
    .map((record) => ledgerEntryFromStreamImage(record.dynamodb?.NewImage))
    .filter((entry): entry is LedgerEntry => entry !== undefined);
  if (entries.length === 0) return;
  const result = await pushToTills(tillServices(), entries);
  logger.info('till push', { entries: entries.length, ...result });
}
