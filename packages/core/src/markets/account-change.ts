/**
 * Changing where a vendor's money goes is the fraud everyone tries first (a stolen session, a
 * "helpful" cousin), so it takes two steps: the request, then a one-time code sent to the owner's
 * registered phone. Both steps, and every failed code, are audit-logged with masked numbers.
 *
 * The owner is a market vendor (their stalls' QR pays the account) or a farmer (their orders' VietQR
 * pays it: the farmer's PayoutAccount is set in the same transaction, decision 0606). Stored items
 * keep the field name `vendorId` for the owner's user id either way.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { bankByBin } from '@chophien/vietqr';
import * as z from 'zod';
import { DomainError, forbidden, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/index.ts';
import type { AttemptCounter } from '../limits/attempts.ts';
import { enforceThrottles } from '../limits/throttle.ts';
import { CODE_TRIES, THROTTLES } from '../limits/throttles.ts';
import type { PayoutAccount } from '../marketplace/payout-account.ts';
import { bankProviders } from './bank-notifications.ts';
import {
  type AccountOwnerRole,
  type AuditEntry,
  maskAccountNumber,
  type PendingAccountChange,
} from './model.ts';
import type { ChannelSecrets, Clock, CodeSender, MarketsStore } from './ports.ts';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = CODE_TRIES.max;

export const requestAccountChangeInput = z.object({
  bin: z
    .string()
    .regex(/^\d{6}$/, bilingual('Mã BIN ngân hàng gồm 6 chữ số.', 'A bank BIN has 6 digits.'))
    .refine(
      (bin) => bankByBin(bin) !== undefined,
      bilingual('Không có ngân hàng với mã BIN này.', 'No bank has this BIN.'),
    ),
  accountNumber: z
    .string()
    .regex(/^[0-9]{6,19}$/, bilingual('Số tài khoản gồm 6–19 chữ số.', 'Account numbers have 6–19 digits.')),
  holderName: z
    .string()
    .trim()
    .regex(
      /^[A-Z ]{2,50}$/,
      bilingual('Tên chủ tài khoản viết hoa, không dấu.', 'Holder name in capitals without diacritics.'),
    ),
  provider: z.enum(bankProviders),
});

export const confirmAccountChangeInput = z.object({
  code: z.string().regex(/^\d{6}$/, bilingual('Mã xác nhận gồm 6 chữ số.', 'The code has 6 digits.')),
});

export interface AccountChangeDeps {
  readonly store: MarketsStore;
  readonly secrets: ChannelSecrets;
  readonly codes: CodeSender;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Counts code requests (SMS) and code tries before they happen (core/limits). */
  readonly attempts: AttemptCounter;
}

const hash = (code: string) => createHash('sha256').update(`account-change\0${code}`).digest('hex');

/** Only the owner themselves, in the role the route is for: never an officer or manager acting for them. */
function requireOwner(actor: Actor, owner: AccountOwnerRole) {
  if (!actor.roles.includes(owner)) throw forbidden();
}

/** Items written before owners were generalised carry no `owner`: they are vendors'. */
const ownerOf = (change: PendingAccountChange): AccountOwnerRole => change.owner ?? 'vendor';

const audit = (
  deps: AccountChangeDeps,
  vendorId: string,
  actorId: string,
  action: AuditEntry['action'],
  details: Record<string, string>,
): AuditEntry => ({
  id: deps.newId(),
  vendorId,
  actorId,
  action,
  at: deps.clock.now().toISOString(),
  details,
});

/**
 * `client` is the caller's network address: codes are throttled per owner (each is an SMS to their
 * phone) and per network, before anything is written or sent.
 */
export async function requestAccountChange(
  deps: AccountChangeDeps,
  actor: Actor,
  input: z.infer<typeof requestAccountChangeInput>,
  owner: AccountOwnerRole = 'vendor',
  client?: string,
) {
  requireOwner(actor, owner);
  await enforceThrottles(
    deps.attempts,
    [
      { throttle: THROTTLES.accountChangeCodePerClient, subject: client },
      { throttle: THROTTLES.accountChangeCodePerOwner, subject: actor.userId },
      { throttle: THROTTLES.accountChangeCodePerOwnerDaily, subject: actor.userId },
    ],
    deps.clock.now(),
  );
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const change: PendingAccountChange = {
    id: deps.newId(),
    vendorId: actor.userId,
    bin: input.bin,
    accountNumber: input.accountNumber,
    holderName: input.holderName,
    provider: input.provider,
    codeHash: hash(code),
    expiresAt: new Date(deps.clock.now().getTime() + CODE_TTL_MS).toISOString(),
    requestedBy: actor.userId,
    ...(owner === 'vendor' ? {} : { owner }),
  };
  await deps.store.putPendingAccountChange(change);
  await deps.store.appendAudit(
    audit(deps, actor.userId, actor.userId, 'account_change_requested', {
      changeId: change.id,
      bin: input.bin,
      account: maskAccountNumber(input.accountNumber),
      ...(owner === 'vendor' ? {} : { owner }),
    }),
  );
  await deps.codes.send(actor.userId, code);
  return { changeId: change.id, expiresAt: change.expiresAt };
}

const invalidCode = () =>
  new DomainError('unprocessable', 'invalid_code', {
    vi: 'Mã xác nhận không đúng hoặc đã hết hạn.',
    en: 'The code is wrong or has expired.',
  });

export async function confirmAccountChange(
  deps: AccountChangeDeps,
  actor: Actor,
  changeId: string,
  input: z.infer<typeof confirmAccountChangeInput>,
  owner: AccountOwnerRole = 'vendor',
) {
  requireOwner(actor, owner);
  const found = await deps.store.getPendingAccountChange(actor.userId, changeId);
  // A change requested for the other role (a user who is both vendor and farmer) is not this route's.
  const change = found && ownerOf(found) === owner ? found : undefined;
  if (!change) throw notFound({ vi: 'yêu cầu đổi tài khoản', en: 'account change request' });
  const at = deps.clock.now();
  const expiresAt = new Date(change.expiresAt);
  const expired = expiresAt.getTime() <= at.getTime();
  // The try is counted before the code is compared: of thirty simultaneous guesses, five are compared.
  const counted =
    !expired && (await deps.attempts.take(`account-change-code#${change.id}`, CODE_TRIES, at, expiresAt)).ok;
  const good = counted && timingSafeEqual(Buffer.from(hash(input.code)), Buffer.from(change.codeHash));
  if (!good) {
    await deps.store.appendAudit(
      audit(deps, actor.userId, actor.userId, 'account_change_failed', {
        changeId: change.id,
        ...(owner === 'vendor' ? {} : { owner }),
      }),
    );
    throw invalidCode();
  }
  const accountId = deps.newId();
  const channelId = deps.newId().toLowerCase();
  const now = deps.clock.now().toISOString();
  // The secret first: a channel item without its secret would refuse every notification. A retry after
  // a failed transaction leaves an unused secret behind, never an unverifiable channel.
  await deps.secrets.create(channelId);
  const current = await deps.store.listAccounts(actor.userId);
  // Farmers have no stalls: their account is the payout account orders pay to.
  const stalls = owner === 'vendor' ? await deps.store.listStallsOfVendor(actor.userId) : [];
  const payout: PayoutAccount | undefined =
    owner === 'farmer'
      ? {
          bankBin: change.bin,
          accountNumber: change.accountNumber,
          accountName: change.holderName,
          farmerId: actor.userId,
          updatedAt: now,
        }
      : undefined;
  const result = await deps.store.replaceAccount({
    change,
    account: {
      id: accountId,
      vendorId: actor.userId,
      bin: change.bin,
      accountNumber: change.accountNumber,
      holderName: change.holderName,
      provider: change.provider,
      channelId,
      status: 'active',
      createdAt: now,
    },
    channel: {
      id: channelId,
      provider: change.provider,
      vendorId: actor.userId,
      accountId,
      bin: change.bin,
      accountNumber: change.accountNumber,
    },
    retiredAccountIds: current.filter((account) => account.status === 'active').map((account) => account.id),
    stallIds: stalls.map((stall) => stall.id),
    ...(payout ? { payout } : {}),
    audit: audit(deps, actor.userId, actor.userId, 'account_change_confirmed', {
      changeId: change.id,
      bin: change.bin,
      account: maskAccountNumber(change.accountNumber),
      ...(owner === 'vendor' ? {} : { owner }),
    }),
  });
  if (result === 'already_used') throw invalidCode();
  // The channel id is the webhook URL's last segment; its secret is handed over out of band, never here.
  return {
    accountId,
    channelId,
    provider: change.provider,
    webhookPath: `/webhooks/bank/${change.provider}/${channelId}`,
  };
}
