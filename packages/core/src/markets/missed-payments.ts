/**
 * Providers retry a webhook for a while and then give up (SePay: 8 times over ~33 minutes; its docs
 * advise reconciling by its transaction API every 15–30 minutes). This job asks each channel's provider
 * for its recent incoming transactions and credits whatever was missed through the same idempotent path
 * as the webhook: a transaction already recorded is a duplicate and credits nothing (decision 0707).
 */
import * as z from 'zod';
import type { BankProvider, IncomingPayment } from './bank-notifications.ts';
import { verifyReportedAccount } from './channel-accounts.ts';
import type { Channel } from './model.ts';
import type { ReceivePaymentDeps } from './receive-payment.ts';
import { creditVerifiedPayment, moneyOutcomeOf, reportOutcome } from './receive-payment.ts';

/** A provider's transaction-list API for one channel; `unsupported` where the provider has none (payOS). */
export interface TransactionSource {
  recentIncoming(channel: Channel, since: Date): Promise<readonly IncomingPayment[] | 'unsupported'>;
}

/** Providers whose channels the poll walks (payOS has no account transaction list: decision 0707). */
export const pollableProviders: readonly BankProvider[] = ['sepay'];

export interface PollReport {
  readonly channels: number;
  readonly seen: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly failedChannels: readonly string[];
}

export async function pollMissedPayments(
  deps: Omit<ReceivePaymentDeps, 'secrets' | 'securityLog'> & { transactions: TransactionSource },
  options: { lookbackMinutes?: number } = {},
): Promise<PollReport> {
  const since = new Date(deps.clock.now().getTime() - (options.lookbackMinutes ?? 6 * 60) * 60_000);
  const outcomes: Record<string, number> = {};
  const failedChannels: string[] = [];
  let channels = 0;
  let seen = 0;
  for (const provider of pollableProviders) {
    for (const channel of await deps.store.listChannels(provider)) {
      channels++;
      let listed: readonly IncomingPayment[] | 'unsupported';
      try {
        listed = await deps.transactions.recentIncoming(channel, since);
      } catch {
        // One provider account failing (token revoked, API down) must not stop the others.
        failedChannels.push(channel.id);
        continue;
      }
      if (listed === 'unsupported') continue;
      for (const incoming of listed) {
        seen++;
        const payment = verifyReportedAccount(channel, incoming);
        const result = payment
          ? await creditVerifiedPayment(deps, channel, payment)
          : ({ outcome: 'rejected', reason: 'account_not_on_channel' } as const);
        const outcome = moneyOutcomeOf(result);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        // Overlapping windows re-list every recorded transaction: only what the poll changed is reported
        // one by one; duplicates are in the job's summary line.
        if (outcome === 'duplicate') continue;
        reportOutcome(
          deps,
          { provider, channelId: channel.id, source: 'poll', transactionId: incoming.providerTransactionId },
          result,
        );
      }
    }
  }
  return { channels, seen, outcomes, failedChannels };
}

/** SePay's `GET /userapi/transactions/list` answer (money fields are decimal strings, times local). */
const sePayListedTransaction = z.object({
  id: z.union([z.string().min(1).max(100), z.number().int()]),
  account_number: z.string().min(1).max(19),
  transaction_date: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  amount_in: z.union([z.string(), z.number()]),
  amount_out: z.union([z.string(), z.number()]).optional(),
  transaction_content: z.string().max(500).nullish(),
  reference_number: z.string().nullish(),
});
const sePayTransactionList = z.object({ transactions: z.array(z.unknown()) });

const wholeVnd = (value: string | number): number | undefined => {
  const amount = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(amount) && amount > 0 ? amount : undefined;
};

/** The incoming transfers of one SePay list answer; malformed rows are skipped, not guessed at. */
export function readSePayTransactionList(json: unknown): IncomingPayment[] {
  const list = sePayTransactionList.safeParse(json);
  if (!list.success) throw new Error('SePay transaction list: unexpected shape');
  const payments: IncomingPayment[] = [];
  for (const row of list.data.transactions) {
    const parsed = sePayListedTransaction.safeParse(row);
    if (!parsed.success) continue;
    const amountVnd = wholeVnd(parsed.data.amount_in);
    if (amountVnd === undefined) continue;
    payments.push({
      provider: 'sepay',
      providerTransactionId: String(parsed.data.id),
      amountVnd,
      memo: parsed.data.transaction_content ?? '',
      receivedAt: new Date(`${parsed.data.transaction_date.replace(' ', 'T')}+07:00`).toISOString(),
      receivingAccount: { accountNumber: parsed.data.account_number },
    });
  }
  return payments;
}
