/**
 * What a notification channel may report: money into the accounts connected to it, nothing else
 * (docs/decisions/0704-payments-bound-to-their-channel.md). Every credit, order payment, sale, stall
 * and fee goes through `verifyReportedAccount`, so a channel's secret proves only its own accounts.
 */
import type { IncomingPayment, VerifiedPayment } from './bank-notifications.ts';
import type { Channel } from './model.ts';

export interface BankAccountRef {
  readonly bin: string;
  readonly accountNumber: string;
}

/** The accounts a channel speaks for: today the one account it was connected for (0701). */
export const channelAccounts = (channel: Channel): readonly BankAccountRef[] => [
  { bin: channel.bin, accountNumber: channel.accountNumber },
];

const digits = (accountNumber: string) => accountNumber.replace(/[\s.-]/g, '').toUpperCase();

export const sameBankAccount = (a: BankAccountRef, b: BankAccountRef): boolean =>
  a.bin === b.bin && digits(a.accountNumber) === digits(b.accountNumber);

/**
 * The payment, bound to the channel's own record of the account it names; undefined when the body
 * names an account (or a bank) the channel does not hold.
 */
export function verifyReportedAccount(
  channel: Channel,
  payment: IncomingPayment,
): VerifiedPayment | undefined {
  const named = payment.receivingAccount;
  const account = channelAccounts(channel).find(
    (candidate) =>
      digits(candidate.accountNumber) === digits(named.accountNumber) &&
      (named.bin === undefined || named.bin === candidate.bin),
  );
  if (!account) return undefined;
  return { ...payment, channelId: channel.id, receivingAccount: account };
}
