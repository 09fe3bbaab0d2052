// Keys of the markets area (see docs/decisions/0002-table-design.md, section "4.0 markets").

import { indexes } from '../table.ts';
import type { ItemKeys } from './foundation.ts';

export const marketKeys = (market: { id: string; code: string }): ItemKeys => ({
  PK: `MARKET#${market.id}`,
  SK: 'MARKET',
  GSI2PK: 'MARKETS',
  GSI2SK: `MARKET#${market.code}`,
});
export const allMarketsKey = () => ({ GSI2PK: 'MARKETS' });

export const stallKeys = (stall: {
  id: string;
  marketId: string;
  vendorId: string;
  code: string;
  number: string;
}): ItemKeys => ({
  PK: `STALL#${stall.id}`,
  SK: 'STALL',
  GSI1PK: `MARKET#${stall.marketId}#STALLS`,
  GSI1SK: `STALL#${stall.number}`,
  GSI2PK: `STALLCODE#${stall.code}`,
  GSI2SK: 'STALL',
  // A vacant stall (no vendor, decision 0820) is in nobody's list.
  ...(stall.vendorId === ''
    ? {}
    : { GSI3PK: `VENDOR#${stall.vendorId}#STALLS`, GSI3SK: `STALL#${stall.code}` }),
});
export const stallKey = (id: string) => ({ PK: `STALL#${id}`, SK: 'STALL' });
export const stallsOfMarketKey = (marketId: string) => ({ GSI1PK: `MARKET#${marketId}#STALLS` });
export const stallByCodeKey = (code: string) => ({ GSI2PK: `STALLCODE#${code}` });
export const stallsOfVendorKey = (vendorId: string) => ({ GSI3PK: `VENDOR#${vendorId}#STALLS` });

export const accountKey = (vendorId: string, accountId: string) => ({
  PK: `VENDOR#${vendorId}`,
  SK: `ACCOUNT#${accountId}`,
});
export const accountsOfVendorKey = (vendorId: string) => ({ PK: `VENDOR#${vendorId}`, SKPrefix: 'ACCOUNT#' });

export const channelKey = (channelId: string) => ({ PK: `CHANNEL#${channelId}`, SK: 'CHANNEL' });
/**
 * Channels by receiving account (the bank simulator and support tools find a channel from an order's
 * payee) and per provider (the missed-notification poll walks every channel of a provider).
 */
export const channelKeys = (channel: {
  id: string;
  provider: string;
  bin: string;
  accountNumber: string;
}): ItemKeys => ({
  ...channelKey(channel.id),
  GSI2PK: `CHANNELACCOUNT#${channel.bin}#${channel.accountNumber}`,
  GSI2SK: `CHANNEL#${channel.id}`,
  ...channelsOfProviderKeys(channel),
});
export const channelsOfProviderKeys = (channel: { id: string; provider: string }) => ({
  GSI3PK: `CHANNELS#${channel.provider}`,
  GSI3SK: `CHANNEL#${channel.id}`,
});
export const channelsOfProviderKey = (provider: string) => ({ GSI3PK: `CHANNELS#${provider}` });
export const channelsOfAccountKey = (bin: string, accountNumber: string) => ({
  GSI2PK: `CHANNELACCOUNT#${bin}#${accountNumber}`,
});

/**
 * Sales not yet covered (open or underpaid) sit in a sparse GSI3 partition per vendor; the transfer
 * that covers a sale removes it from there.
 */
export const saleKeys = (sale: {
  code: string;
  stallId: string;
  vendorId: string;
  createdAt: string;
  day: string;
  method?: 'qr' | 'cash';
}): ItemKeys => ({
  PK: `SALE#${sale.code}`,
  SK: 'SALE',
  GSI1PK: `STALL#${sale.stallId}#SALES#${sale.day}`,
  GSI1SK: sale.createdAt,
  // A cash sale is paid when made: never open, it sits in the vendor's cash feed (the books' `cash` reader).
  GSI3PK: sale.method === 'cash' ? `VENDOR#${sale.vendorId}#CASHSALES` : `VENDOR#${sale.vendorId}#OPENSALES`,
  GSI3SK: sale.createdAt,
});
/** A household's cash sales made in [fromIso, toIso] (GSI3, one query per book whatever the span). */
export const cashSalesOfVendorKey = (vendorId: string, fromIso: string, toIso: string) => ({
  index: indexes.byTime,
  pk: `VENDOR#${vendorId}#CASHSALES`,
  skFrom: fromIso,
  skTo: toIso,
});
export const saleKey = (code: string) => ({ PK: `SALE#${code}`, SK: 'SALE' });
export const salesOfStallDayKey = (stallId: string, day: string) => ({
  GSI1PK: `STALL#${stallId}#SALES#${day}`,
});
export const openSalesOfVendorKey = (vendorId: string) => ({ GSI3PK: `VENDOR#${vendorId}#OPENSALES` });

/** Ledger entries live under their stall (by day), are listed per market-day (GSI1) and feed the vendor's till (GSI3). */
export const ledgerKeys = (entry: {
  stallId: string;
  marketId: string;
  vendorId: string;
  day: string;
  receivedAt: string;
  creditedAt: string;
  id: string;
}): ItemKeys => ({
  PK: `STALL#${entry.stallId}`,
  SK: `LEDGER#${entry.day}#${entry.receivedAt}#${entry.id}`,
  GSI1PK: `MARKET#${entry.marketId}#LEDGER#${entry.day}`,
  GSI1SK: `${entry.receivedAt}#${entry.id}`,
  GSI3PK: `VENDOR#${entry.vendorId}#TILL`,
  GSI3SK: `${entry.creditedAt}#${entry.id}`,
});
export const ledgerOfStallPrefix = (stallId: string, day?: string) => ({
  PK: `STALL#${stallId}`,
  SKPrefix: day ? `LEDGER#${day}#` : 'LEDGER#',
});
export const ledgerOfMarketDayKey = (marketId: string, day: string) => ({
  GSI1PK: `MARKET#${marketId}#LEDGER#${day}`,
});
export const tillOfVendorKey = (vendorId: string) => ({ GSI3PK: `VENDOR#${vendorId}#TILL` });

/** Running totals per stall and day, added to in the same transaction as each ledger entry. */
export const stallDayKey = (stallId: string, day: string) => ({ PK: `STALL#${stallId}`, SK: `DAY#${day}` });

export const reviewKeys = (review: { id: string; vendorId: string; createdAt: string }): ItemKeys => ({
  PK: `REVIEW#${review.id}`,
  SK: 'REVIEW',
  GSI1PK: `VENDOR#${review.vendorId}#REVIEWS`,
  GSI1SK: review.createdAt,
});
export const reviewKey = (id: string) => ({ PK: `REVIEW#${id}`, SK: 'REVIEW' });
export const openReviewsOfVendorKey = (vendorId: string) => ({ GSI1PK: `VENDOR#${vendorId}#REVIEWS` });

export const pendingAccountChangeKey = (vendorId: string, changeId: string) => ({
  PK: `VENDOR#${vendorId}`,
  SK: `ACCOUNTCHANGE#${changeId}`,
});
export const auditKey = (vendorId: string, at: string, id: string) => ({
  PK: `VENDOR#${vendorId}`,
  SK: `AUDIT#${at}#${id}`,
});
export const auditOfVendorPrefix = (vendorId: string) => ({ PK: `VENDOR#${vendorId}`, SKPrefix: 'AUDIT#' });

/** What a stall paid towards one month's fee; listed per market-month for the arrears list. */
export const stallFeeKeys = (fee: { stallId: string; marketId: string; month: string }): ItemKeys => ({
  PK: `STALL#${fee.stallId}`,
  SK: `FEE#${fee.month}`,
  GSI1PK: `MARKET#${fee.marketId}#FEES#${fee.month}`,
  GSI1SK: `STALL#${fee.stallId}`,
});
export const feesOfMarketMonthKey = (marketId: string, month: string) => ({
  GSI1PK: `MARKET#${marketId}#FEES#${month}`,
});

/** One entry per payment towards a stall-month fee (the fee item's `paidVnd` is their sum); per market-month on GSI1. */
export const feeLedgerKeys = (entry: {
  stallId: string;
  marketId: string;
  month: string;
  receivedAt: string;
  id: string;
}): ItemKeys => ({
  PK: `STALL#${entry.stallId}`,
  SK: `FEELEDGER#${entry.month}#${entry.receivedAt}#${entry.id}`,
  GSI1PK: `MARKET#${entry.marketId}#FEELEDGER#${entry.month}`,
  GSI1SK: `${entry.receivedAt}#${entry.id}`,
});
export const feeLedgerOfStallPrefix = (stallId: string, month?: string) => ({
  PK: `STALL#${stallId}`,
  SKPrefix: month ? `FEELEDGER#${month}#` : 'FEELEDGER#',
});

/** A one-time live-till ticket, by the SHA-256 of the ticket (TTL `expiresAt` removes unused ones). */
export const tillTicketKey = (ticketHash: string) => ({ PK: `TILLTICKET#${ticketHash}`, SK: 'TILLTICKET' });

/**
 * An open WebSocket of a vendor's till: by connection id (`$disconnect` and a 410 know only that)
 * and per vendor on GSI1 (the stream fan-out's lookup).
 */
export const tillConnectionKeys = (connection: {
  connectionId: string;
  vendorId: string;
  connectedAt: string;
}): ItemKeys => ({
  ...tillConnectionKey(connection.connectionId),
  GSI1PK: `VENDOR#${connection.vendorId}#TILLCONNS`,
  GSI1SK: `${connection.connectedAt}#${connection.connectionId}`,
});
export const tillConnectionKey = (connectionId: string) => ({
  PK: `TILLCONN#${connectionId}`,
  SK: 'TILLCONN',
});
export const tillConnectionsOfVendorKey = (vendorId: string) => ({
  GSI1PK: `VENDOR#${vendorId}#TILLCONNS`,
});
