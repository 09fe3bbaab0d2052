import { describe, expect, it } from 'vitest';
import {
  buildPayOsNotification,
  buildSePayNotification,
  readBankNotification,
  SEPAY_SIGNATURE_HEADER,
  SEPAY_TIMESTAMP_HEADER,
} from '../../src/markets/bank-notifications.ts';
import {
  payOsSignedText,
  sameSignature,
  signPayOs,
  signSePay,
  verifySePay,
} from '../../src/markets/signatures.ts';

const SECRET = 'channel-secret-for-tests';
const NOW = new Date('2026-11-23T03:00:00.000Z');
const transfer = {
  transactionId: 'FT26327001',
  amountVnd: 50_000,
  memo: 'TD-A01',
  accountNumber: '100870001234',
  at: NOW.toISOString(),
};
const headersOf = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()];

describe('payOS-style signature', () => {
  it('signs the data object as sorted key=value pairs', () => {
    expect(payOsSignedText({ b: 2, a: 'x', c: null, d: undefined })).toBe('a=x&b=2&c=&d=');
    expect(signPayOs(SECRET, { a: 1, b: 2 })).toBe(signPayOs(SECRET, { b: 2, a: 1 }));
  });

  it('accepts a valid notification and reads the payment', () => {
    const { body, headers } = buildPayOsNotification(SECRET, transfer);
    const reading = readBankNotification({
      provider: 'payos',
      rawBody: body,
      secret: SECRET,
      now: NOW,
      header: headersOf(headers),
    });
    expect(reading).toEqual({
      kind: 'payment',
      payment: {
        provider: 'payos',
        providerTransactionId: 'FT26327001',
        amountVnd: 50_000,
        memo: 'TD-A01',
        receivedAt: NOW.toISOString(),
        receivingAccount: { accountNumber: '100870001234' },
      },
    });
  });

  it('rejects a changed amount, a missing signature, another key, and an old transaction', () => {
    const { body, headers } = buildPayOsNotification(SECRET, transfer);
    const read = (rawBody: string, secret = SECRET, now = NOW) =>
      readBankNotification({ provider: 'payos', rawBody, secret, now, header: headersOf(headers) });
    expect(read(body.replace('"amount":50000', '"amount":500000'))).toEqual({
      kind: 'rejected',
      reason: 'forged',
    });
    expect(read(body.replace(/,"signature":"[0-9a-f]+"/, ''))).toEqual({
      kind: 'rejected',
      reason: 'unsigned',
    });
    expect(read(body, 'another-secret')).toEqual({ kind: 'rejected', reason: 'forged' });
    expect(read(body, SECRET, new Date(NOW.getTime() + 25 * 3600_000))).toEqual({
      kind: 'rejected',
      reason: 'stale',
    });
    expect(read('not json')).toEqual({ kind: 'rejected', reason: 'malformed' });
  });
});

describe('SePay-style signature', () => {
  const stamp = Math.floor(NOW.getTime() / 1000);

  it('accepts a valid notification within five minutes either way', () => {
    const { body, headers } = buildSePayNotification(SECRET, transfer, stamp);
    for (const skew of [-299, 0, 299]) {
      const reading = readBankNotification({
        provider: 'sepay',
        rawBody: body,
        secret: SECRET,
        now: new Date(NOW.getTime() + skew * 1000),
        header: headersOf(headers),
      });
      expect(reading).toMatchObject({
        kind: 'payment',
        payment: { providerTransactionId: 'FT26327001', amountVnd: 50_000 },
      });
    }
  });

  it('rejects stale, forged, re-stamped and unsigned deliveries', () => {
    const { body, headers } = buildSePayNotification(SECRET, transfer, stamp);
    const check = (overrides: { rawBody?: string; timestamp?: string; signature?: string; now?: Date }) =>
      verifySePay({
        secret: SECRET,
        rawBody: overrides.rawBody ?? body,
        timestamp: 'timestamp' in overrides ? overrides.timestamp : headers[SEPAY_TIMESTAMP_HEADER],
        signature: 'signature' in overrides ? overrides.signature : headers[SEPAY_SIGNATURE_HEADER],
        now: overrides.now ?? NOW,
      });
    expect(check({})).toBe('ok');
    expect(check({ now: new Date(NOW.getTime() + 301_000) })).toBe('stale');
    expect(check({ rawBody: body.replace('50000', '90000') })).toBe('forged');
    // Moving the timestamp forward to defeat the window breaks the signature.
    expect(check({ timestamp: String(stamp + 600), now: new Date(NOW.getTime() + 600_000) })).toBe('forged');
    expect(check({ signature: undefined })).toBe('unsigned');
    expect(check({ timestamp: undefined })).toBe('unsigned');
  });

  it('reads an outgoing transfer as money leaving the account (a refund sent), never as a payment', () => {
    const { body, headers } = buildSePayNotification(SECRET, transfer, stamp);
    const out = body.replace('"transferType":"in"', '"transferType":"out"');
    const reading = readBankNotification({
      provider: 'sepay',
      rawBody: out,
      secret: SECRET,
      now: NOW,
      header: headersOf({ ...headers, [SEPAY_SIGNATURE_HEADER]: signSePay(SECRET, String(stamp), out) }),
    });
    expect(reading).toMatchObject({
      kind: 'outgoing',
      transfer: { provider: 'sepay', amountVnd: transfer.amountVnd, memo: transfer.memo },
    });
  });
});

describe('sameSignature', () => {
  it('compares in constant time and refuses other shapes', () => {
    const good = signPayOs(SECRET, { a: 1 });
    expect(sameSignature(good, good)).toBe(true);
    expect(sameSignature(good, good.toUpperCase())).toBe(true);
    expect(sameSignature(good, good.slice(2))).toBe(false);
    expect(sameSignature(good, 'zz'.repeat(32))).toBe(false);
    expect(sameSignature(good, undefined)).toBe(false);
  });
});
