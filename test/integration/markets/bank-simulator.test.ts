import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { repoRoot } from '../../../infra/local/src/config.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { ids, ledgerEntriesFor, paymentItem, phones, simulatorContext } from './support.ts';

const run = promisify(execFile);
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const context = () => simulatorContext(api);

describe('bank simulator', () => {
  it('pays a stall by its code with a correctly signed notification', async () => {
    const result = await pay({ to: 'TD-A01', amountVnd: 50_000 }, context());
    expect(result.deliveries).toEqual([
      { status: 200, body: expect.objectContaining({ outcome: 'credited', stallId: ids.stallTdA01 }) },
    ]);
    expect(
      await ledgerEntriesFor(api.db, ids.stallTdA01, result.channel.provider, result.transactionId),
    ).toHaveLength(1);
  });

  it("pays a seeded farmer's order by its code out of the box (seeded payout channel)", async () => {
    const token = await api.tokenFor({ phone: phones.buyer });
    const placed = await api.request('POST', '/orders', {
      token,
      body: {
        items: [{ productId: '01SEEDPRXDXX00000000000001', packId: '100-g-pack', quantity: 1 }],
        fulfilment: 'pickup',
        contact: { name: 'Trần Minh Anh', phone: '0987000001' },
      },
    });
    expect(placed.status).toBe(201);
    const order = placed.json.orders[0] as { id: string; code: string; totalVnd: number };
    const result = await pay({ to: order.code, amountVnd: order.totalVnd }, context());
    expect(result.deliveries[0]?.status).toBe(200);
    const after = await api.request('GET', `/orders/${order.id}`, { token });
    expect(after.json.status).toBe('paid');
  });

  it('pays a sale by its code', async () => {
    const token = await api.tokenFor({ phone: phones.vendor2 });
    const sale = await api.request('POST', `/stalls/${ids.stallTdB01}/sales`, {
      token,
      body: { amountVnd: 35_000 },
    });
    const result = await pay({ to: sale.json.sale.code, amountVnd: 35_000 }, context());
    expect(result.deliveries[0]?.body).toMatchObject({
      outcome: 'credited',
      via: 'sale',
      saleCode: sale.json.sale.code,
    });
  });

  it('--duplicate delivers twice and is credited once', async () => {
    const result = await pay({ to: 'HD-C01', amountVnd: 12_000, duplicate: true }, context());
    expect(result.deliveries.map((delivery) => (delivery.body as { outcome: string }).outcome)).toEqual([
      'credited',
      'duplicate',
    ]);
    expect(
      await ledgerEntriesFor(api.db, ids.stallHdC01, result.channel.provider, result.transactionId),
    ).toHaveLength(1);
  });

  it.each([
    ['--forge', { forge: true }],
    ['--late', { late: true }],
  ])('%s is refused with 401 and nothing stored (both providers)', async (_, flags) => {
    for (const to of ['TD-A01', 'TD-A02']) {
      const result = await pay({ to, amountVnd: 10_000, ...flags }, context());
      expect(result.deliveries[0]?.status).toBe(401);
      expect(await paymentItem(api.db, result.channel, result.transactionId)).toBeUndefined();
    }
  });

  it('npm run bank -- pay works from the command line against the running API', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'infra/local/src/bank-cli.ts'),
        'pay',
        '--to',
        'TD-A01',
        '--amount',
        '50000',
      ],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          API_PORT: new URL(api.url).port,
          DATA_DIR: dirname(process.env.MARKETS_SECRETS_FILE!),
          TABLE_NAME: api.db.tableName,
        },
      },
    );
    expect(stdout).toMatch(/HTTP 200 .*"outcome":"credited"/);
  });

  it('an unknown code is a clear error', async () => {
    await expect(pay({ to: 'XX-Z99', amountVnd: 1_000 }, context())).rejects.toThrow(
      /no stall, sale or order/,
    );
  });
});
