import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { bucketOf, checkScratchPin, codeOfLot, scratchPin, serialToken, traceConfig } from '@chophien/core';
import {
  attemptCounter,
  attemptCounterKey,
  marketsStore,
  productRepository,
  traceRepository,
  userRepository,
} from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLots, seedTeaSerials } from '../../infra/local/src/seed/trace.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { ids, lastSmsCode, phones } from './markets/support.ts';

/**
 * Limits against the real table (connected): the conditional count that every limit rests on, the
 * scratch-PIN and account-change code tries under thirty simultaneous requests, and the SMS throttles.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const GUESSES = 30;
const codesSentTo = (ownerId: string) =>
  readFileSync(join(dirname(process.env.MARKETS_SECRETS_FILE!), 'sms-outbox.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"${ownerId}"`)).length;
const at = new Date('2026-12-01T03:00:00Z');

describe('the attempt counter (DynamoDB Local)', () => {
  it('of thirty simultaneous takes with room for five, exactly five are counted, numbered 1 to 5', async () => {
    const counter = attemptCounter(api.db);
    const rule = { max: 5 };
    const results = await Promise.all(
      Array.from({ length: GUESSES }, () => counter.take('test#atomic', rule, at)),
    );
    const counted = results.filter((r) => r.ok).map((r) => (r.ok ? r.count : 0));
    expect(counted.sort()).toEqual([1, 2, 3, 4, 5]);
    await counter.giveBack('test#atomic', rule, at);
    expect(await counter.take('test#atomic', rule, at)).toEqual({ ok: true, count: 5 });
    expect((await counter.take('test#atomic', rule, at)).ok).toBe(false);
  });

  it('a windowed bucket starts again in the next window, says when, and expires by TTL after it', async () => {
    const counter = attemptCounter(api.db);
    const rule = { max: 1, windowMs: 15 * 60_000 };
    expect((await counter.take('test#window', rule, at)).ok).toBe(true);
    expect(await counter.take('test#window', rule, at)).toEqual({
      ok: false,
      retryAt: new Date('2026-12-01T03:15:00Z'),
    });
    expect((await counter.take('test#window', rule, new Date('2026-12-01T03:15:00Z'))).ok).toBe(true);
    const item = await api.db.doc.send(
      new GetCommand({ TableName: api.db.tableName, Key: attemptCounterKey('test#window', at.getTime()) }),
    );
    expect(item.Item?.expiresAt).toBe(Date.parse('2026-12-01T03:15:00Z') / 1000 + 3600);
  });

  it('buckets never hold a phone number or an address in clear', () => {
    expect(bucketOf('signin-code-phone', '+84987000011')).not.toContain('84987000011');
    expect(bucketOf('signin-code-phone', '+84987000011')).toBe(bucketOf('signin-code-phone', '+84987000011'));
    expect(bucketOf('signin-code-phone', '+84987000011')).not.toBe(
      bucketOf('signin-code-phone', '+84987000012'),
    );
  });
});

describe('code tries under thirty simultaneous requests', () => {
  it('scratch PIN: at most five guesses are ever evaluated, whatever arrives at once', async () => {
    const deps = {
      trace: traceRepository(api.db),
      users: userRepository(api.db),
      products: productRepository(api.db),
      config: traceConfig(),
      attempts: attemptCounter(api.db),
    };
    const code = codeOfLot(seedLots[0]!, seedTeaSerials[4]!);
    const token = serialToken(deps.config.signingSecret, code);
    const pin = scratchPin(deps.config.signingSecret, code);
    const wrong = Array.from({ length: GUESSES - 1 }, (_, i) =>
      String((Number(pin) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const outcomes = await Promise.all(
      [...wrong, pin].map((guess) => checkScratchPin(deps, code, token, guess)),
    );
    const evaluated = outcomes.filter((o) => o.result !== 'locked');
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o.result === 'locked').length).toBeGreaterThanOrEqual(GUESSES - 5);
    // Locked for good: the right PIN no longer helps.
    const after = await checkScratchPin(deps, code, token, pin);
    expect(['locked', 'already_sold']).toContain(after.result);
  });

  it('account-change code: thirty wrong codes at once leave the right one refused, and nothing changed', async () => {
    const token = await api.tokenFor({ phone: phones.vendor3 });
    const request = await api.request('POST', '/vendor/payment-account/changes', {
      token,
      body: { bin: '970436', accountNumber: '0451000999333', holderName: 'TRAN VAN C', provider: 'sepay' },
    });
    expect(request.status).toBe(201);
    const code = lastSmsCode(ids.vendor3);
    const wrong = Array.from({ length: GUESSES }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const confirm = (guess: string) =>
      api.request('POST', `/vendor/payment-account/changes/${request.json.changeId}/confirm`, {
        token,
        body: { code: guess },
      });
    const answers = await Promise.all(wrong.map(confirm));
    expect(answers.every((answer) => answer.status === 422)).toBe(true);
    expect((await confirm(code)).status).toBe(422);
    const accounts = await marketsStore(api.db).listAccounts(ids.vendor3);
    expect(accounts.map((account) => account.accountNumber)).not.toContain('0451000999333');
  });
});

describe('SMS throttles (account-change codes)', () => {
  it('a sixth code within the hour is refused with 429, a Vietnamese reason and Retry-After; nothing is sent', async () => {
    const token = await api.tokenFor({ phone: phones.vendor2 });
    const ask = (lang?: string) =>
      api.request('POST', '/vendor/payment-account/changes', {
        token,
        body: { bin: '970436', accountNumber: '0451000777222', holderName: 'LE THI B', provider: 'payos' },
        ...(lang ? { headers: { 'accept-language': lang } } : {}),
      });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(201);
    const sent = codesSentTo(ids.vendor2);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(refused.json.error.message).toMatch(
      /^Bạn đã yêu cầu mã đổi tài khoản nhiều lần\. Vui lòng đợi \d+ phút/,
    );
    expect(refused.json.error.messages.en).toMatch(/Please wait \d+ min/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(codesSentTo(ids.vendor2)).toBe(sent);
    expect((await ask('en')).json.error.message).toMatch(/^You have asked for several account-change codes/);
  });
});
