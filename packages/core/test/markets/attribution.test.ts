import { describe, expect, it } from 'vitest';
import { attributePayment } from '../../src/markets/attribution.ts';
import { verifyReportedAccount } from '../../src/markets/channel-accounts.ts';
import type { Channel, Sale, Stall } from '../../src/markets/model.ts';

const channel: Channel = {
  id: 'ch',
  provider: 'payos',
  vendorId: 'v2',
  accountId: 'a2',
  bin: '970405',
  accountNumber: '3900205678901',
};
const stall = (id: string, code: string): Stall => ({
  id,
  marketId: 'm1',
  code,
  zone: 'A',
  number: code.slice(3),
  vendorId: 'v2',
  vendorName: 'Ngô Văn Bình',
  goods: 'rau',
  accountId: 'a2',
});
const a02 = stall('s2', 'TD-A02');
const b01 = stall('s3', 'TD-B01');
const sale: Sale = {
  id: 'x',
  code: 'BH7K3M9Q',
  stallId: 's3',
  marketId: 'm1',
  vendorId: 'v2',
  amountVnd: 50_000,
  status: 'open',
  createdAt: '',
};
const payment = (memo: string, accountNumber = channel.accountNumber) => ({
  provider: 'payos' as const,
  providerTransactionId: 't',
  amountVnd: 50_000,
  memo,
  receivedAt: '2026-11-23T03:00:00.000Z',
  receivingAccount: { accountNumber },
});

describe('attributePayment', () => {
  it('a sale code wins and names the sale’s stall', () => {
    expect(
      attributePayment({ payment: payment('bh7k3m9q'), channel, stalls: [a02, b01], openSales: [sale] }),
    ).toMatchObject({
      kind: 'stall',
      via: 'sale',
      stall: { id: 's3' },
      sale: { code: 'BH7K3M9Q' },
    });
  });

  it('a stall code picks between stalls on one account', () => {
    expect(
      attributePayment({ payment: payment('TD A02'), channel, stalls: [a02, b01], openSales: [] }),
    ).toMatchObject({
      via: 'stall_code',
      stall: { id: 's2' },
    });
  });

  it('one stall on the account needs no memo at all', () => {
    expect(attributePayment({ payment: payment(''), channel, stalls: [a02], openSales: [] })).toMatchObject({
      via: 'sole_stall',
    });
  });

  it('goes to review when unsure or when the account has no stall', () => {
    expect(attributePayment({ payment: payment('rau'), channel, stalls: [a02, b01], openSales: [] })).toEqual(
      { kind: 'review', reason: 'ambiguous' },
    );
    expect(attributePayment({ payment: payment('TD-A02'), channel, stalls: [], openSales: [] })).toEqual({
      kind: 'review',
      reason: 'no_stall',
    });
  });
});

describe('verifyReportedAccount (the payment is bound to its channel before attribution)', () => {
  it('takes the channel’s own record of the account (bin included), whatever the body wrote', () => {
    const verified = verifyReportedAccount(
      channel,
      payment('TD-A02', `${channel.accountNumber.slice(0, 4)} ${channel.accountNumber.slice(4)}`),
    );
    expect(verified?.receivingAccount).toEqual({ bin: channel.bin, accountNumber: channel.accountNumber });
    expect(verified?.channelId).toBe(channel.id);
  });

  it('refuses a body naming another account, or the same number at another bank', () => {
    expect(verifyReportedAccount(channel, payment('TD-A02', '111'))).toBeUndefined();
    const otherBank = {
      ...payment('TD-A02'),
      receivingAccount: { bin: '970436', accountNumber: channel.accountNumber },
    };
    expect(verifyReportedAccount(channel, otherBank)).toBeUndefined();
  });
});
