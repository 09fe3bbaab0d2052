import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestOtp } from '../src/dev-identity.ts';
import { createOtpStore, OTP_MAX_WRONG_TRIES, OTP_TTL_MS } from '../src/dev-otp.ts';

const PHONE = '+84987000011';

function storeAt(start = 1_000_000) {
  let now = start;
  let next = 0;
  const codes = ['123456', '654321', '000042'];
  const store = createOtpStore({ now: () => now, randomCode: () => codes[next++ % codes.length]! });
  return { store, advance: (ms: number) => (now += ms) };
}

describe('dev identity one-time codes', () => {
  it('issues 6-digit codes by default', () => {
    const store = createOtpStore();
    for (let i = 0; i < 50; i += 1) expect(store.issue(PHONE).code).toMatch(/^\d{6}$/);
  });

  it('accepts the right code once, then never again', () => {
    const { store } = storeAt();
    const { code } = store.issue(PHONE);
    expect(store.check(PHONE, code)).toEqual({ ok: true });
    expect(store.check(PHONE, code)).toEqual({ ok: false, reason: 'no_code' });
  });

  it('keeps a code for another phone apart', () => {
    const { store } = storeAt();
    const { code } = store.issue(PHONE);
    expect(store.check('+84987000012', code)).toEqual({ ok: false, reason: 'no_code' });
  });

  it('is valid for 5 minutes and not a millisecond more', () => {
    const { store, advance } = storeAt();
    const { code, expiresAt } = store.issue(PHONE);
    expect(expiresAt).toBe(1_000_000 + OTP_TTL_MS);
    advance(OTP_TTL_MS - 1);
    expect(store.check(PHONE, '999999')).toMatchObject({ ok: false, reason: 'wrong_code' });
    advance(1);
    expect(store.check(PHONE, code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('counts wrong tries down and locks the code at the fifth', () => {
    const { store } = storeAt();
    const { code } = store.issue(PHONE);
    for (let left = OTP_MAX_WRONG_TRIES - 1; left > 0; left -= 1) {
      expect(store.check(PHONE, '999999')).toEqual({ ok: false, reason: 'wrong_code', triesLeft: left });
    }
    expect(store.check(PHONE, '999999')).toEqual({ ok: false, reason: 'too_many_tries' });
    // Even the right code no longer works: a new one is needed.
    expect(store.check(PHONE, code)).toEqual({ ok: false, reason: 'too_many_tries' });
    const fresh = store.issue(PHONE);
    expect(fresh.code).not.toBe(code);
    expect(store.check(PHONE, code)).toMatchObject({ ok: false, reason: 'wrong_code', triesLeft: 4 });
    expect(store.check(PHONE, fresh.code)).toEqual({ ok: true });
  });

  it('a new code replaces the old one', () => {
    const { store } = storeAt();
    const first = store.issue(PHONE);
    const second = store.issue(PHONE);
    expect(store.check(PHONE, first.code)).toMatchObject({ ok: false, reason: 'wrong_code' });
    expect(store.check(PHONE, second.code)).toEqual({ ok: true });
  });
});

describe('POST /dev/otp', () => {
  it('appends the code to the outbox like an SMS, one JSON line per message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otp-outbox-'));
    try {
      const outboxFile = join(dir, 'outbox.jsonl');
      const deps = {
        otp: createOtpStore({ randomCode: () => '204060' }),
        users: { get: async () => undefined, getByPhone: async () => undefined, put: async () => undefined },
        outboxFile,
        now: () => new Date('2026-11-02T03:04:05.000Z'),
      };
      const first = await requestOtp(deps, { phone: PHONE });
      await requestOtp(deps, { phone: '+84987000012' });
      expect(first).toMatchObject({ status: 200, payload: { devCode: '204060', registered: false } });
      const lines = readFileSync(outboxFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toEqual({
        to: PHONE,
        text: expect.stringContaining('204060'),
        at: '2026-11-02T03:04:05.000Z',
      });
      expect(lines[1].to).toBe('+84987000012');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
