/**
 * Refund cases end to end (decision 0706): who sees them, the refund VietQR to the payer, and the two
 * ways a case closes — an outgoing transfer whose memo names it (SePay reports those), or the owner
 * confirming with the bank's reference. Every step is appended to the case's own history.
 */
import { bankByBin, buildVietQR } from '@chophien/vietqr';
import * as z from 'zod';
import { conflict, forbidden, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/index.ts';
import { isAdmin, managesMarket } from '../markets/access.ts';
import type { OutgoingTransfer } from '../markets/bank-notifications.ts';
import { channelAccounts, sameBankAccount } from '../markets/channel-accounts.ts';
import { compactCode } from '../markets/memo.ts';
import type { Channel } from '../markets/model.ts';
import type { Clock, MarketsStore } from '../markets/ports.ts';
import { REFUND_CODE_PATTERN, type RefundCase } from './model.ts';
import type { RefundStore } from './ports.ts';

export interface RefundDeps {
  readonly refunds: RefundStore;
  readonly markets: Pick<MarketsStore, 'getMarket'>;
  readonly clock: Clock;
}

const REFUND = { vi: 'yêu cầu hoàn tiền', en: 'refund case' };

type Viewer = 'owner' | 'manager' | 'admin' | 'buyer';

async function viewerOf(deps: RefundDeps, actor: Actor, refund: RefundCase): Promise<Viewer | undefined> {
  if (refund.ownerId === actor.userId) return 'owner';
  if (isAdmin(actor)) return 'admin';
  if (refund.marketId && actor.roles.includes('market_manager')) {
    const market = await deps.markets.getMarket(refund.marketId);
    if (market && managesMarket(actor, market)) return 'manager';
  }
  if (refund.buyerId === actor.userId) return 'buyer';
  return undefined;
}

/** What the payer (the buyer) may see: the state, never the owner's account. */
export const refundForPayer = (refund: RefundCase) => ({
  id: refund.id,
  code: refund.code,
  amountVnd: refund.amountVnd,
  reason: refund.reason,
  status: refund.status,
  createdAt: refund.createdAt,
  ...(refund.closedAt ? { closedAt: refund.closedAt } : {}),
});

/**
 * The VietQR the owner scans in their bank app to send the money back: the payer's account, the
 * amount, the case code as the memo. Only when the provider told us the payer's bank (a BIN the NAPAS
 * directory knows) and account number.
 */
export function refundVietQR(refund: RefundCase): string | undefined {
  const payer = refund.payer;
  if (refund.status !== 'open' || !payer?.accountNumber || !payer.bankId) return undefined;
  if (!/^\d{6}$/.test(payer.bankId) || !bankByBin(payer.bankId)) return undefined;
  if (!/^[0-9A-Za-z]{1,19}$/.test(payer.accountNumber)) return undefined;
  return buildVietQR({
    bin: payer.bankId,
    accountNumber: payer.accountNumber,
    amount: refund.amountVnd,
    purpose: refund.code,
  });
}

export async function getRefundForActor(deps: RefundDeps, actor: Actor, refundId: string) {
  const refund = await deps.refunds.getRefund(refundId);
  const viewer = refund ? await viewerOf(deps, actor, refund) : undefined;
  if (!refund || !viewer) throw notFound(REFUND);
  if (viewer === 'buyer') return { viewer, refund: refundForPayer(refund) };
  const qr = viewer === 'owner' ? refundVietQR(refund) : undefined;
  return { viewer, refund, ...(qr ? { vietqr: qr } : {}) };
}

export const listRefundsQuery = z.strictObject({ status: z.enum(['open', 'refunded']).optional() });

/** The owner's cases; a manager's: the markets they manage; an admin's: every open case. */
export async function listRefunds(
  deps: RefundDeps & { managedMarkets: (actor: Actor) => Promise<string[]> },
  actor: Actor,
  query: z.infer<typeof listRefundsQuery>,
): Promise<RefundCase[]> {
  const found = new Map<string, RefundCase>();
  const add = (cases: RefundCase[]) => {
    for (const entry of cases) found.set(entry.id, entry);
  };
  add(await deps.refunds.listRefundsOfOwner(actor.userId));
  if (actor.roles.includes('market_manager')) {
    for (const marketId of await deps.managedMarkets(actor))
      add(await deps.refunds.listRefundsOfMarket(marketId));
  }
  if (isAdmin(actor)) add(await deps.refunds.listOpenRefunds());
  return [...found.values()]
    .filter((entry) => !query.status || entry.status === query.status)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const confirmRefundInput = z.strictObject({
  bankReference: z
    .string()
    .trim()
    .min(4, bilingual('Mã giao dịch ngân hàng quá ngắn.', 'The bank reference is too short.'))
    .max(40, bilingual('Mã giao dịch ngân hàng quá dài.', 'The bank reference is too long.'))
    .regex(
      /^[0-9A-Za-z.\-_/]+$/,
      bilingual('Mã giao dịch chỉ gồm chữ, số và . - _ /', 'Letters, digits and . - _ / only.'),
    ),
});

const alreadyClosed = () =>
  conflict('refund_closed', { vi: 'Yêu cầu hoàn tiền đã đóng.', en: 'The refund case is already closed.' });

/** The owner says the money went back, with the bank's reference of their transfer. */
export async function confirmRefund(
  deps: RefundDeps,
  actor: Actor,
  refundId: string,
  input: z.infer<typeof confirmRefundInput>,
) {
  const refund = await deps.refunds.getRefund(refundId);
  const viewer = refund ? await viewerOf(deps, actor, refund) : undefined;
  if (!refund || !viewer) throw notFound(REFUND);
  // Only whoever holds the money can say it went back.
  if (viewer !== 'owner') throw forbidden();
  if (refund.status !== 'open') throw alreadyClosed();
  const at = deps.clock.now().toISOString();
  const closed = await deps.refunds.closeRefund(refund.id, {
    at,
    by: actor.userId,
    via: 'owner_confirmed',
    bankReference: input.bankReference,
    step: { at, by: actor.userId, action: 'refunded', note: `owner_confirmed ${input.bankReference}` },
  });
  if (!closed) throw alreadyClosed();
  return (await deps.refunds.getRefund(refund.id)) ?? refund;
}

/** The refund code in an outgoing transfer's memo, as a bank app may have mangled it. */
export function refundCodeFromMemo(memo: string): string | undefined {
  return REFUND_CODE_PATTERN.exec(compactCode(memo))?.[0];
}

/**
 * An outgoing transfer reported by the owner's channel closes the case its memo names, when it left
 * the case's own account and carried at least the case's amount.
 */
export async function closeRefundByTransfer(
  deps: RefundDeps,
  channel: Channel,
  transfer: OutgoingTransfer,
): Promise<
  | { outcome: 'refund_closed'; refundId: string }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'duplicate' }
> {
  const code = refundCodeFromMemo(transfer.memo);
  const refund = code ? await deps.refunds.getRefundByCode(code) : undefined;
  if (!refund) return { outcome: 'ignored', reason: 'outgoing_transfer' };
  const fromOwnAccount = channelAccounts(channel).some((account) =>
    sameBankAccount(account, refund.fromAccount),
  );
  if (!fromOwnAccount) return { outcome: 'ignored', reason: 'refund_other_account' };
  if (transfer.amountVnd < refund.amountVnd) return { outcome: 'ignored', reason: 'refund_short' };
  if (refund.status !== 'open') return { outcome: 'duplicate' };
  const at = deps.clock.now().toISOString();
  const by = `bank:${transfer.provider}`;
  const reference = transfer.reference ?? transfer.providerTransactionId;
  const closed = await deps.refunds.closeRefund(refund.id, {
    at,
    by,
    via: 'outgoing_transfer',
    bankReference: reference,
    step: { at, by, action: 'refunded', note: `outgoing_transfer ${reference}` },
  });
  return closed ? { outcome: 'refund_closed', refundId: refund.id } : { outcome: 'duplicate' };
}
