/**
 * The vendor's live till: one message shape for both transports (the local SSE feed and, on AWS,
 * the API Gateway WebSocket API fed by DynamoDB Streams), so /quay-thu has one rendering path.
 * On AWS the socket is opened with a one-time ticket, never the ID token (docs/decisions/0702).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { DomainError, forbidden } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import { billState } from '../money/bill.ts';
import { spokenPayment } from './amount-words.ts';
import type { LedgerEntry } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';

/** A sale as one payment left it: the till warns while it is underpaid and shows any surplus. */
export interface TillSale {
  readonly amountVnd: number;
  readonly receivedVnd: number;
  readonly status: 'underpaid' | 'paid';
  readonly shortfallVnd: number;
  readonly surplusVnd: number;
}

/** What the page receives for each verified payment (SSE `data:` / one WebSocket message). */
export interface TillMessage {
  readonly id: string;
  readonly stallId: string;
  readonly amountVnd: number;
  readonly saleCode?: string;
  readonly sale?: TillSale;
  readonly via: string;
  readonly receivedAt: string;
  readonly creditedAt: string;
  readonly spoken: string;
}

export function tillSaleOf(entry: LedgerEntry): TillSale | undefined {
  if (entry.saleAmountVnd === undefined || entry.saleReceivedVnd === undefined) return undefined;
  const state = billState(entry.saleAmountVnd, entry.saleReceivedVnd);
  return {
    amountVnd: entry.saleAmountVnd,
    receivedVnd: entry.saleReceivedVnd,
    status: state.settled ? 'paid' : 'underpaid',
    shortfallVnd: state.shortfallVnd,
    surplusVnd: state.surplusVnd,
  };
}

export function tillMessage(entry: LedgerEntry): TillMessage {
  const sale = tillSaleOf(entry);
  return {
    id: entry.id,
    stallId: entry.stallId,
    amountVnd: entry.amountVnd,
    ...(entry.saleCode ? { saleCode: entry.saleCode } : {}),
    ...(sale ? { sale } : {}),
    via: entry.via,
    receivedAt: entry.receivedAt,
    creditedAt: entry.creditedAt,
    spoken: spokenPayment(entry.amountVnd, sale),
  };
}

/** Long enough to render the page and open the socket on a slow phone; short enough to be useless later. */
export const TILL_TICKET_TTL_MS = 60_000;
/** API Gateway closes a WebSocket after 2 hours; the item outlives it a little, then TTL removes it. */
export const TILL_CONNECTION_TTL_MS = 2 * 3600_000 + 10 * 60_000;

export interface TillTicket {
  /** SHA-256 (hex) of the ticket: a leaked table item cannot be used to connect. */
  readonly ticketHash: string;
  readonly vendorId: string;
  readonly expiresAt: string;
}

export interface TillConnection {
  readonly connectionId: string;
  readonly vendorId: string;
  /** The vendor's stalls when the socket opened: only their payments are pushed to it. */
  readonly stallIds: readonly string[];
  readonly connectedAt: string;
  readonly expiresAt: string;
}

export const hashTillTicket = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

/** 32 random bytes, base64url: 43 characters. */
export const tillTicketSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export async function issueTillTicket(
  deps: { store: MarketsStore; clock: Clock },
  actor: Actor,
): Promise<{ ticket: string; expiresAt: string }> {
  if (!actor.roles.includes('vendor')) throw forbidden();
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + TILL_TICKET_TTL_MS).toISOString();
  await deps.store.putTillTicket({ ticketHash: hashTillTicket(ticket), vendorId: actor.userId, expiresAt });
  return { ticket, expiresAt };
}

const refused = () =>
  new DomainError('unauthenticated', 'till_ticket_invalid', {
    vi: 'Vé kết nối quầy thu không hợp lệ hoặc đã dùng.',
    en: 'The till ticket is not valid or was already used.',
  });

/** `$connect`: the ticket is spent, the connection remembers the vendor and their stalls. */
export async function openTillConnection(
  deps: { store: MarketsStore; clock: Clock },
  input: { connectionId: string; ticket: string | undefined },
): Promise<TillConnection> {
  const ticket = tillTicketSchema.safeParse(input.ticket);
  if (!ticket.success) throw refused();
  const now = deps.clock.now();
  const vendorId = await deps.store.redeemTillTicket(hashTillTicket(ticket.data), now.toISOString());
  if (!vendorId) throw refused();
  const stalls = await deps.store.listStallsOfVendor(vendorId);
  const connection: TillConnection = {
    connectionId: input.connectionId,
    vendorId,
    stallIds: stalls.map((stall) => stall.id),
    connectedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TILL_CONNECTION_TTL_MS).toISOString(),
  };
  await deps.store.putTillConnection(connection);
  return connection;
}

/**
 * Posting to one socket: `gone` = the client left without a clean `$disconnect` (its item goes);
 * `failed` = throttled or similar (kept: the page reloads today's list when it reconnects anyway).
 */
export type TillPost = (connectionId: string, message: string) => Promise<'sent' | 'gone' | 'failed'>;

/** Fan-out of newly credited ledger entries to the sockets of each entry's vendor. */
export async function pushToTills(
  deps: { store: MarketsStore; post: TillPost },
  entries: readonly LedgerEntry[],
): Promise<{ sent: number; gone: number; failed: number }> {
  const connectionsOf = new Map<string, Promise<TillConnection[]>>();
  const goneIds = new Set<string>();
  let sent = 0;
  let failed = 0;
  for (const entry of entries) {
    if (!connectionsOf.has(entry.vendorId))
      connectionsOf.set(entry.vendorId, deps.store.tillConnectionsOfVendor(entry.vendorId));
    const connections = (await connectionsOf.get(entry.vendorId)) ?? [];
    const message = JSON.stringify(tillMessage(entry));
    for (const connection of connections) {
      if (connection.vendorId !== entry.vendorId || !connection.stallIds.includes(entry.stallId)) continue;
      if (goneIds.has(connection.connectionId)) continue;
      const outcome = await deps.post(connection.connectionId, message);
      if (outcome === 'sent') sent++;
      else if (outcome === 'failed') failed++;
      else {
        goneIds.add(connection.connectionId);
        await deps.store.deleteTillConnection(connection.connectionId);
      }
    }
  }
  return { sent, gone: goneIds.size, failed };
}
