import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/identity/user.ts';
import { memoryAttemptCounter } from '../../src/limits/index.ts';
import { confirmAccountChange, requestAccountChange } from '../../src/markets/account-change.ts';
import { scratchPin, serialToken } from '../../src/trace/authenticity.ts';
import type { TraceCode } from '../../src/trace/links.ts';
import type { SerialItem, TraceRepository } from '../../src/trace/ports.ts';
import { checkScratchPin } from '../../src/trace/trace-view.ts';
import { accountChangeSetup, accountInput } from '../support/account-change.ts';

/**
 * Thirty guesses sent at once. The stand-in stores answer every read before any write lands (each
 * step awaits), which is exactly how concurrent requests interleave against a real table: a limit
 * that reads a counter, evaluates and then increments lets all thirty be evaluated.
 */
const GUESSES = 30;
const secret = 'test-secret-for-races';
const code: TraceCode = { lot: 'RACE-1', serial: 'S0001' };
const token = serialToken(secret, code);
const pin = scratchPin(secret, code);
const wrongPins = Array.from({ length: GUESSES - 1 }, (_, i) =>
  String((Number(pin) + 1 + i) % 1_000_000).padStart(6, '0'),
);

function traceStandIn() {
  let serial: SerialItem = {
    lotId: 'lot1',
    serial: code.serial!,
    createdAt: '2026-01-01T00:00:00Z',
    scanCount: 0,
  };
  const trace = {
    findLotIdByCode: async () => 'lot1',
    getSerial: async () => ({ ...serial }),
    markSold: async (_lot: string, _serial: string, at: string) => {
      if (serial.soldAt) return { soldAt: serial.soldAt, first: false };
      serial = { ...serial, soldAt: at };
      return { soldAt: at, first: true };
    },
  } as unknown as TraceRepository;
  return { trace, sold: () => serial.soldAt };
}

describe('limits count the attempt before evaluating it (races)', () => {
  it('thirty simultaneous scratch-PIN guesses: only five are evaluated, so the right one sent last is locked out', async () => {
    const { trace, sold } = traceStandIn();
    const deps = {
      trace,
      attempts: memoryAttemptCounter(),
      config: { signingSecret: secret, resolverUrl: 'https://r.example', siteUrl: 'https://s.example' },
    };
    const outcomes = await Promise.all(
      [...wrongPins, pin].map((guess) => checkScratchPin(deps, code, token, guess)),
    );
    const evaluated = outcomes.filter((o) => o.result !== 'locked');
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(outcomes.at(-1)?.result).toBe('locked');
    expect(sold()).toBeUndefined();
  });

  it('a right PIN within the five tries sells the item, and a later check still says when', async () => {
    const { trace } = traceStandIn();
    const deps = {
      trace,
      attempts: memoryAttemptCounter(),
      config: { signingSecret: secret, resolverUrl: 'https://r.example', siteUrl: 'https://s.example' },
    };
    for (const guess of wrongPins.slice(0, 4))
      expect((await checkScratchPin(deps, code, token, guess)).result).toBe('wrong_pin');
    expect((await checkScratchPin(deps, code, token, pin)).result).toBe('sold_now');
    expect((await checkScratchPin(deps, code, token, pin)).result).toBe('already_sold');
  });

  it('thirty simultaneous account-change codes: only five are evaluated, the right one sent last changes nothing', async () => {
    const { deps, replaceAccount, sent } = accountChangeSetup();
    const vendor: Actor = { userId: 'u1', roles: ['vendor'] };
    const { changeId } = await requestAccountChange(deps, vendor, accountInput);
    const right = sent[0]!;
    const wrong = Array.from({ length: GUESSES - 1 }, (_, i) =>
      String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const outcomes = await Promise.allSettled(
      [...wrong, right].map((guess) => confirmAccountChange(deps, vendor, changeId, { code: guess })),
    );
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(replaceAccount).not.toHaveBeenCalled();
  });
});
