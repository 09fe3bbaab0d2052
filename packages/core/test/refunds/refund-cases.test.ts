import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/identity/index.ts';
import { readSePayTransactionList } from '../../src/markets/missed-payments.ts';
import type { Channel } from '../../src/markets/model.ts';
import { openRefundCase, type RefundCase } from '../../src/refunds/model.ts';
import type { RefundStore } from '../../src/refunds/ports.ts';
import {
  closeRefundByTransfer,
  getRefundForActor,
  refundCodeFromMemo,
  refundVietQR,
} from '../../src/refunds/refund-cases.ts';

const farmerAccount = { bin: '970418', accountNumber: '4651000123002' };
const base = openRefundCase({
  id: 'r1',
  ownerId: 'farmer-2',
  ownerRole: 'farmer',
  orderId: 'o1',
  orderCode: 'CPAB3K7Q',
  buyerId: 'buyer-1',
  amountVnd: 7_000,
  reason: 'order_overpaid',
  payer: { name: 'TRAN MINH ANH', accountNumber: '0071000123456', bankId: '970436' },
  fromAccount: farmerAccount,
  at: '2026-12-07T02:00:00.000Z',
  by: 'bank:sepay',
});

function deps(refund: RefundCase) {
  let current = refund;
  const refunds = {
    getRefund: async (id: string) => (id === current.id ? current : undefined),
    getRefundByCode: async (code: string) => (code === current.code ? current : undefined),
    closeRefund: async (_id: string, close: { at: string; by: string; bankReference: string }) => {
      if (current.status !== 'open') return false;
      current = {
        ...current,
        status: 'refunded',
        closedAt: close.at,
        closedBy: close.by,
        bankReference: close.bankReference,
      };
      return true;
    },
  } as unknown as RefundStore;
  return {
    refunds,
    markets: { getMarket: async () => ({ id: 'm1', managerId: 'manager-1' }) as never },
    clock: { now: () => new Date('2026-12-07T03:00:00.000Z') },
    current: () => current,
  };
}

const actor = (userId: string, ...roles: string[]): Actor => ({ userId, roles }) as unknown as Actor;

describe('refund cases', () => {
  it('open with a code the memo can carry, and a history naming who opened them', () => {
    expect(base.code).toMatch(/^HT[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(base.history).toEqual([
      { at: base.createdAt, by: 'bank:sepay', action: 'opened', note: 'order_overpaid' },
    ]);
  });

  it('find their code in a memo a bank app mangled (lower case, dots, confusables)', () => {
    expect(refundCodeFromMemo(`MBVCB.1.hoan tien ${base.code.toLowerCase()}.CT`)).toBe(base.code);
    expect(refundCodeFromMemo('chuyen tien an trua')).toBeUndefined();
  });

  it('offer a refund VietQR only while open and only with a known 6-digit payer BIN', () => {
    expect(refundVietQR(base)).toContain('0071000123456');
    expect(refundVietQR({ ...base, payer: { ...base.payer, bankId: '01202001' } })).toBeUndefined();
    expect(refundVietQR({ ...base, payer: { name: 'A' } })).toBeUndefined();
    expect(refundVietQR({ ...base, status: 'refunded' })).toBeUndefined();
  });

  it('show the buyer the state only, the owner the QR, everyone else nothing', async () => {
    const d = deps(base);
    const buyer = await getRefundForActor(d, actor('buyer-1', 'buyer'), 'r1');
    expect(buyer.viewer).toBe('buyer');
    expect(JSON.stringify(buyer)).not.toContain(farmerAccount.accountNumber);
    expect(JSON.stringify(buyer)).not.toContain('0071000123456');
    const owner = await getRefundForActor(d, actor('farmer-2', 'farmer'), 'r1');
    expect('vietqr' in owner && owner.vietqr).toContain('0071000123456');
    await expect(getRefundForActor(d, actor('farmer-9', 'farmer'), 'r1')).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('close on an outgoing transfer from their own account for at least the amount, once', async () => {
    const d = deps(base);
    const channel = { id: 'ch', provider: 'sepay', ...farmerAccount } as unknown as Channel;
    const other = { id: 'x', provider: 'sepay', bin: '970418', accountNumber: '999' } as unknown as Channel;
    const transfer = (amountVnd: number) => ({
      provider: 'sepay' as const,
      providerTransactionId: 'T9',
      amountVnd,
      memo: `hoan ${base.code}`,
      at: '2026-12-07T03:00:00.000Z',
      fromAccount: { accountNumber: farmerAccount.accountNumber },
    });
    expect(await closeRefundByTransfer(d, other, transfer(7_000))).toEqual({
      outcome: 'ignored',
      reason: 'refund_other_account',
    });
    expect(await closeRefundByTransfer(d, channel, transfer(6_999))).toEqual({
      outcome: 'ignored',
      reason: 'refund_short',
    });
    expect(await closeRefundByTransfer(d, channel, transfer(7_000))).toEqual({
      outcome: 'refund_closed',
      refundId: 'r1',
    });
    expect(d.current()).toMatchObject({ status: 'refunded', closedBy: 'bank:sepay', bankReference: 'T9' });
    expect(await closeRefundByTransfer(d, channel, transfer(7_000))).toEqual({ outcome: 'duplicate' });
  });
});

describe('SePay transaction list (missed-notification poll)', () => {
  it('keeps incoming rows as payments and skips outgoing or malformed ones', () => {
    const payments = readSePayTransactionList({
      status: 200,
      transactions: [
        {
          id: '92704',
          account_number: '0123499999',
          transaction_date: '2023-03-25 14:02:37',
          amount_in: '2277000.00',
          amount_out: '0.00',
          transaction_content: 'TD-A01',
        },
        {
          id: '92705',
          account_number: '0123499999',
          transaction_date: '2023-03-25 14:03:00',
          amount_in: '0.00',
          amount_out: '5000.00',
          transaction_content: 'HT7K3M9Q',
        },
        { id: '92706', account_number: '0123499999', transaction_date: 'yesterday', amount_in: '1000.00' },
        {
          id: '92707',
          account_number: '0123499999',
          transaction_date: '2023-03-25 14:04:00',
          amount_in: '10.50',
        },
      ],
    });
    expect(payments).toEqual([
      {
        provider: 'sepay',
        providerTransactionId: '92704',
        amountVnd: 2_277_000,
        memo: 'TD-A01',
        receivedAt: '2023-03-25T07:02:37.000Z',
        receivingAccount: { accountNumber: '0123499999' },
      },
    ]);
    expect(() => readSePayTransactionList({ error: 'unauthorized' })).toThrow();
  });
});
