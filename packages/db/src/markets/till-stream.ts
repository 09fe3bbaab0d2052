/**
 * What the till's stream consumer reads: a credit's transaction writes exactly one item naming the
 * vendor and the amount — the ledger entry (`type = LedgerEntry`, written once, never updated).
 * The filter is declared here, beside the item's shape, and used by the CDK event-source mapping.
 */
import type { LedgerEntry } from '@chophien/core';

/** Lambda event filter (FilterCriteria pattern): only new ledger entries wake the function. */
export const tillStreamFilterPattern = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { type: { S: ['LedgerEntry'] } } },
} as const;

/** The stream's attribute-value form (only the scalar kinds a ledger entry uses). */
export type StreamImage = Record<string, { S?: string; N?: string } | undefined>;

const text = (image: StreamImage, name: string) => image[name]?.S;

/** The entry in a NEW_IMAGE, or undefined if the item is not a complete ledger entry. */
export function ledgerEntryFromStreamImage(image: StreamImage | undefined): LedgerEntry | undefined {
  if (!image || text(image, 'type') !== 'LedgerEntry') return undefined;
  const amount = Number(image.amountVnd?.N);
  const fields = ['id', 'stallId', 'marketId', 'vendorId', 'via', 'provider', 'receivedAt', 'creditedAt'];
  if (!Number.isSafeInteger(amount) || fields.some((name) => !text(image, name))) return undefined;
  const saleCode = text(image, 'saleCode');
  return {
    id: text(image, 'id')!,
    stallId: text(image, 'stallId')!,
    marketId: text(image, 'marketId')!,
    vendorId: text(image, 'vendorId')!,
    amountVnd: amount,
    memo: text(image, 'memo') ?? '',
    via: text(image, 'via') as LedgerEntry['via'],
    ...(saleCode ? { saleCode } : {}),
    provider: text(image, 'provider') as LedgerEntry['provider'],
    providerTransactionId: text(image, 'providerTransactionId') ?? '',
    receivedAt: text(image, 'receivedAt')!,
    creditedAt: text(image, 'creditedAt')!,
  };
}
