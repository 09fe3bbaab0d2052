import type * as z from 'zod';
import type { Actor } from '../identity/user.ts';
import {
  type AccountChangeDeps,
  confirmAccountChange,
  type confirmAccountChangeInput,
  requestAccountChange,
  type requestAccountChangeInput,
} from '../markets/account-change.ts';
import type { PayoutAccountStore } from './ports.ts';

/**
 * A farmer's payout account (where buyers' money for their orders goes) changes exactly as a market
 * vendor's payment account does: a request, then the one-time code sent to the farmer's registered
 * phone, both audit-logged. Confirming sets the PayoutAccount and connects the bank-notification
 * channel that marks orders paid, in one transaction (docs/decisions/0606-farmer-payout-account-change.md).
 * The first payout account goes through the same two steps. Only the farmer: never an officer for them.
 */
export const requestPayoutAccountChange = (
  deps: AccountChangeDeps,
  actor: Actor,
  input: z.infer<typeof requestAccountChangeInput>,
  client?: string,
) => requestAccountChange(deps, actor, input, 'farmer', client);

export const confirmPayoutAccountChange = (
  deps: AccountChangeDeps,
  actor: Actor,
  changeId: string,
  input: z.infer<typeof confirmAccountChangeInput>,
) => confirmAccountChange(deps, actor, changeId, input, 'farmer');

export const getPayoutAccount = (deps: { payouts: PayoutAccountStore }, actor: Actor) =>
  deps.payouts.get(actor.userId);
