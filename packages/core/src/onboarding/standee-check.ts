/**
 * The standee check (issue #13.8): a vendor or a manager points a phone at a stall's printed QR and learns
 * whether it pays *this stall's confirmed account*. A sticker pasted over the standee (the known fraud)
 * carries someone else's account: caught. The verdict compares what the QR says with the stored stall and
 * its active account, never with anything the page sends besides the decoded payload (decision 0823).
 * A manager's round keeps each stall's latest verdict, so the round's stalls checked and mismatches are
 * counted from the checks themselves.
 */
import { bankByBin, parseVietQR } from '@chophien/vietqr';
import * as z from 'zod';
import { isAdmin, managesMarketId, otherMarket, sellsAtStall } from '../access/rules.ts';
import { auditEntry } from '../admin/audit.ts';
import { conflict, forbidden, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/user.ts';
import { maskAccountNumber, type PaymentAccount, type Stall } from '../markets/model.ts';
import type { OnboardingDeps, StandeeCheck, StandeeRound } from './ports.ts';

export type StandeeVerdict =
  /** The QR pays this stall's confirmed account, with the stall's own code as the memo. */
  | 'ok'
  /** It pays another account: a sticker pasted over the standee, or a standee of someone else. */
  | 'wrong_account'
  /** The right account, but another stall's code (a standee moved between two stalls of one vendor). */
  | 'wrong_stall'
  /** The right account without the stall's code: the vendor's own bank QR, payments not matched to the stall. */
  | 'not_platform'
  /** The stall has no confirmed account: whatever QR hangs there is not the platform's. */
  | 'no_account'
  /** Not a VietQR at all. */
  | 'unreadable';

/** A verdict that should make someone act: everything but `ok`. */
export const isMismatch = (verdict: StandeeVerdict): boolean => verdict !== 'ok';

export const standeeCheckInput = z.object({
  stallId: z.string().trim().min(1).max(40),
  /** The QR's text as the camera decoded it (an EMVCo payload is at most 512 characters). */
  payload: z
    .string()
    .trim()
    .min(1, bilingual('Chưa đọc được mã nào. Hãy quét lại.', 'No code read yet. Scan again.'))
    .max(512, bilingual('Đây không phải mã VietQR.', 'This is not a VietQR code.')),
  roundId: z.string().trim().max(40).optional(),
});
export type StandeeCheckInput = z.input<typeof standeeCheckInput>;

export interface StandeeCheckResult {
  readonly verdict: StandeeVerdict;
  readonly stall: Stall;
  /** What the scanned QR pays (masked), when it is a VietQR. */
  readonly found?: { readonly bank: string; readonly account: string; readonly memo?: string };
  /** What the stall's QR should pay (masked). */
  readonly expected?: { readonly bank: string; readonly account: string };
}

const bankName = (bin: string) => bankByBin(bin)?.shortName ?? bin;

/** The verdict alone, from the decoded payload and the stored stall and account (pure). */
export function standeeVerdict(
  payload: string,
  stall: Pick<Stall, 'code'>,
  account: Pick<PaymentAccount, 'bin' | 'accountNumber'> | undefined,
): { verdict: StandeeVerdict; found?: StandeeCheckResult['found'] } {
  const parsed = parseVietQR(payload);
  if (!parsed.ok) return { verdict: 'unreadable' };
  const { bin, accountNumber, additional } = parsed.data;
  const memo = additional.purpose;
  const found = {
    bank: bankName(bin),
    account: maskAccountNumber(accountNumber),
    ...(memo ? { memo } : {}),
  };
  if (!account) return { verdict: 'no_account', found };
  if (bin !== account.bin || accountNumber !== account.accountNumber)
    return { verdict: 'wrong_account', found };
  if (!memo) return { verdict: 'not_platform', found };
  return { verdict: memo.trim().toUpperCase() === stall.code ? 'ok' : 'wrong_stall', found };
}

/**
 * Checks one stall's standee: its vendor or helper checks their own stall, a manager any stall of their
 * market (inside a round, the verdict is kept).
 */
export async function checkStandee(
  deps: OnboardingDeps,
  actor: Actor,
  raw: unknown,
): Promise<StandeeCheckResult> {
  const input = standeeCheckInput.parse(raw);
  const stall = await deps.onboarding.getStall(input.stallId);
  if (!stall) throw notFound({ vi: 'sạp', en: 'stall' });
  if (!sellsAtStall(actor, stall) && !managesMarketId(actor, stall.marketId)) throw forbidden();
  const account = stall.accountId
    ? (await deps.onboarding.listAccounts(stall.vendorId)).find(
        (entry) => entry.id === stall.accountId && entry.status === 'active',
      )
    : undefined;
  const { verdict, found } = standeeVerdict(input.payload, stall, account);
  const result: StandeeCheckResult = {
    verdict,
    stall,
    ...(found ? { found } : {}),
    ...(account
      ? { expected: { bank: bankName(account.bin), account: maskAccountNumber(account.accountNumber) } }
      : {}),
  };
  if (input.roundId) {
    const round = await loadOpenRound(deps, actor, input.roundId);
    if (round.marketId !== stall.marketId) throw otherMarket();
    const check: StandeeCheck = {
      roundId: round.id,
      stallId: stall.id,
      stallCode: stall.code,
      verdict,
      at: deps.clock.now().toISOString(),
      checkedBy: actor.userId,
      ...(found ? { found: `${found.bank} ${found.account}` } : {}),
    };
    await deps.rounds.putCheck(check);
  }
  return result;
}

async function loadOpenRound(
  deps: Pick<OnboardingDeps, 'rounds'>,
  actor: Actor,
  roundId: string,
): Promise<StandeeRound> {
  const round = await deps.rounds.getRound(roundId);
  if (!round) throw notFound({ vi: 'vòng kiểm tra', en: 'round' }, 'round_not_found');
  if (!managesMarketId(actor, round.marketId)) throw otherMarket();
  if (round.finishedAt)
    throw conflict('round_finished', {
      vi: 'Vòng kiểm tra này đã kết thúc. Hãy bắt đầu vòng mới.',
      en: 'This round is finished. Start a new one.',
    });
  return round;
}

/** A manager starts walking their market's stalls. */
export async function startStandeeRound(
  deps: OnboardingDeps,
  actor: Actor,
  marketId: string,
): Promise<StandeeRound> {
  if (!isAdmin(actor) && !actor.roles.includes('market_manager')) throw forbidden();
  if (!managesMarketId(actor, marketId)) throw otherMarket();
  const market = await deps.onboarding.getMarket(marketId);
  if (!market) throw notFound({ vi: 'chợ', en: 'market' });
  const round: StandeeRound = {
    id: deps.newId(),
    marketId: market.id,
    startedBy: actor.userId,
    startedAt: deps.clock.now().toISOString(),
  };
  await deps.rounds.putRound(round);
  return round;
}

export interface RoundSummary {
  readonly round: StandeeRound;
  readonly checks: StandeeCheck[];
  /** Stalls of the market, checked or not. */
  readonly stalls: number;
  readonly checked: number;
  readonly mismatches: number;
}

const summarise = (round: StandeeRound, checks: StandeeCheck[], stalls: number): RoundSummary => ({
  round,
  checks,
  stalls,
  checked: checks.length,
  mismatches: checks.filter((check) => isMismatch(check.verdict)).length,
});

/** A round with each stall's latest verdict, for its market's manager. */
export async function standeeRound(
  deps: Pick<OnboardingDeps, 'rounds' | 'onboarding'>,
  actor: Actor,
  roundId: string,
): Promise<RoundSummary> {
  const round = await deps.rounds.getRound(roundId);
  if (!round) throw notFound({ vi: 'vòng kiểm tra', en: 'round' }, 'round_not_found');
  if (!managesMarketId(actor, round.marketId)) throw otherMarket();
  const [checks, stalls] = await Promise.all([
    deps.rounds.listChecks(round.id),
    deps.onboarding.listStallsOfMarket(round.marketId),
  ]);
  return summarise(round, checks, stalls.filter((stall) => stall.vendorId !== '').length);
}

/** Ends a round; its figures go to the console's audit (who walked, when, how many stalls, how many wrong). */
export async function finishStandeeRound(
  deps: OnboardingDeps,
  actor: Actor,
  roundId: string,
): Promise<RoundSummary> {
  const open = await loadOpenRound(deps, actor, roundId);
  const summary = await standeeRound(deps, actor, open.id);
  const finished: StandeeRound = { ...open, finishedAt: deps.clock.now().toISOString() };
  const audit = auditEntry(
    deps,
    actor.userId,
    'standee_round_finished',
    { kind: 'round', id: open.id },
    null,
    {
      marketId: open.marketId,
      checked: summary.checked,
      mismatches: summary.mismatches,
      wrong: summary.checks.filter((check) => isMismatch(check.verdict)).map((check) => check.stallCode),
    },
  );
  if ((await deps.rounds.finishRound(finished, audit)) === 'finished_already')
    throw conflict('round_finished', {
      vi: 'Vòng kiểm tra này đã kết thúc.',
      en: 'This round is finished already.',
    });
  return { ...summary, round: finished };
}

/** A market's rounds, newest first (the manager's history). */
export async function standeeRounds(
  deps: Pick<OnboardingDeps, 'rounds'>,
  actor: Actor,
  marketId: string,
): Promise<StandeeRound[]> {
  if (!managesMarketId(actor, marketId)) throw otherMarket();
  return deps.rounds.listRounds(marketId, 20);
}
