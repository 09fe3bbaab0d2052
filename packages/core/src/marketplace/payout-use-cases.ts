import { bankByBin } from '@chophien/vietqr';
import { DomainError } from '../errors/domain-error.ts';
import type { Actor } from '../identity/user.ts';
import type { PayoutAccount, PayoutAccountInput } from './payout-account.ts';
import type { MarketplaceClock, PayoutAccountStore } from './ports.ts';

/** Farmers set their own payout account (route: farmers only); the BIN must be a known bank. */
export async function setPayoutAccount(
  deps: { payouts: PayoutAccountStore; clock: MarketplaceClock },
  actor: Actor,
  input: PayoutAccountInput,
): Promise<PayoutAccount> {
  if (!bankByBin(input.bankBin)) {
    throw new DomainError(
      'validation',
      'unknown_bank',
      { vi: 'Không rõ ngân hàng.', en: 'Unknown bank.' },
      {
        fields: [
          {
            path: 'body.bankBin',
            code: 'unknown_bank',
            message: {
              vi: 'Mã BIN không thuộc ngân hàng nào trong danh bạ NAPAS.',
              en: 'This BIN is not in the NAPAS bank directory.',
            },
          },
        ],
      },
    );
  }
  const account: PayoutAccount = {
    ...input,
    farmerId: actor.userId,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.payouts.put(account);
  return account;
}

export const getPayoutAccount = (deps: { payouts: PayoutAccountStore }, actor: Actor) =>
  deps.payouts.get(actor.userId);
