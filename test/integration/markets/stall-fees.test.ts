import { recentMonths, stallFeeCode } from '@chophien/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { deliver, ids, phones, txId } from './support.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
const feeChannel = { id: 'ch-payos-m1', provider: 'payos' as const, accountNumber: '0011000999001' };
const [thisMonth, lastMonth] = recentMonths(new Date());
beforeAll(async () => {
  api = await startTestApi();
  tokens.manager1 = await api.tokenFor({ userId: seedId('manager', 1) });
  tokens.manager2 = await api.tokenFor({ userId: seedId('manager', 2) });
  tokens.vendor1 = await api.tokenFor({ phone: phones.vendor1 });
});
afterAll(async () => {
  await api?.stop();
});

const fees = async (month: string, token = tokens.manager1!) =>
  api.request('GET', `/markets/${ids.market1}/fees?month=${month}`, { token });

describe('stall fees', () => {
  it('a fee paid by QR to the market’s account clears that stall’s month; the rest stay in arrears', async () => {
    const before = await fees(thisMonth!);
    expect(before.status).toBe(200);
    expect(before.json.arrears).toHaveLength(3);
    const line = before.json.lines.find((entry: { stallId: string }) => entry.stallId === ids.stallTdA01);
    expect(line.feeCode).toBe(stallFeeCode('TD-A01', thisMonth!));

    const paid = await deliver(api, feeChannel, {
      amountVnd: 300_000,
      memo: `MBVCB.88.${line.feeCode.toLowerCase()}.CT`,
    });
    expect(paid.json).toMatchObject({ outcome: 'fee', stallId: ids.stallTdA01, month: thisMonth });

    const after = await fees(thisMonth!);
    expect(after.json.arrears.map((entry: { code: string }) => entry.code).sort()).toEqual([
      'TD-A02',
      'TD-B01',
    ]);
  });

  it('partial payments add up, a duplicate adds nothing, and last month’s code pays last month', async () => {
    const code = stallFeeCode('TD-A02', lastMonth!);
    const transactionId = txId('fee');
    await deliver(api, feeChannel, { transactionId, amountVnd: 100_000, memo: code });
    await deliver(api, feeChannel, { transactionId, amountVnd: 100_000, memo: code });
    let line = (await fees(lastMonth!)).json.lines.find((entry: { code: string }) => entry.code === 'TD-A02');
    expect(line).toMatchObject({ paidVnd: 100_000, owedVnd: 200_000 });
    await deliver(api, feeChannel, { amountVnd: 200_000, memo: code });
    line = (await fees(lastMonth!)).json.lines.find((entry: { code: string }) => entry.code === 'TD-A02');
    expect(line).toMatchObject({ paidVnd: 300_000, owedVnd: 0 });
  });

  it('a fee payment without a fee code waits in the market board’s review queue', async () => {
    const response = await deliver(api, feeChannel, { amountVnd: 300_000, memo: 'nop phi cho' });
    expect(response.json).toMatchObject({ outcome: 'review' });
    const queue = await api.request('GET', `/vendors/${seedId('manager', 1)}/review-queue`, {
      token: tokens.manager1!,
    });
    expect(queue.json.items).toHaveLength(1);
  });

  it('only the market’s manager sees its fees', async () => {
    expect((await fees(thisMonth!, tokens.manager2!)).status).toBe(403);
    expect((await fees(thisMonth!, tokens.vendor1!)).status).toBe(403);
    expect(
      (await api.request('GET', `/markets/${ids.market1}/fees?month=2026-13`, { token: tokens.manager1! }))
        .status,
    ).toBe(400);
  });
});
