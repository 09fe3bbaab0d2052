import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, productKey, productKeys } from '@chophien/db';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { generatedListing } from '../catalogue.ts';
import { type BenchArea, percentile } from '../contract.ts';

async function timed(fn: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await fn();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`bench request failed: ${response.status}`);
  return performance.now() - started;
}

export const area: BenchArea = {
  name: 'marketplace',
  needsStack: true,
  floors: {
    'site.productPageKb': { op: '<=', value: 60 },
  },
  async run(ctx) {
    const api = ctx.apiUrl as string;
    const db = createDb();
    // One listing everyone buys at once (the worst case: one hot stock pool).
    const hot = generatedListing(0, seedId('farmer', 1));
    await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: { ...productKeys(hot), ...hot, type: 'Product' } }),
    );
    try {
      // 20 buyers at once, 10 rounds, all after the same product (the worst case: one hot pool).
      const phones = [
        '+84987000001',
        '+84987000011',
        '+84987000012',
        '+84987000013',
        '+84987000014',
        '+84987000021',
        '+84987000022',
        '+84987000031',
        '+84987000041',
        '+84912000002',
      ];
      const tokens: string[] = [];
      for (const phone of phones) {
        const response = await fetch(`${api}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone }),
        });
        if (response.ok) tokens.push(((await response.json()) as { token: string }).token);
      }
      const body = JSON.stringify({
        items: [{ productId: hot.id, packId: 'goi', quantity: 1 }],
        fulfilment: 'pickup',
        contact: { name: 'Người mua thử', phone: '0987000001' },
      });
      const checkoutSamples: number[] = [];
      for (let round = 0; round < 10; round += 1) {
        checkoutSamples.push(
          ...(await Promise.all(
            Array.from({ length: 20 }, (_, b) =>
              timed(() =>
                fetch(`${api}/orders`, {
                  method: 'POST',
                  headers: {
                    'content-type': 'application/json',
                    authorization: `Bearer ${tokens[b % tokens.length]}`,
                  },
                  body,
                }),
              ),
            ),
          )),
        );
      }

      let productPageKb = Number.NaN;
      if (ctx.siteUrl) {
        const page = await fetch(`${ctx.siteUrl}/san-pham/che-thai-nguyen-bup-tan-cuong`, {
          headers: { 'accept-encoding': 'gzip, br' },
        });
        // The page inlines its only stylesheet and ships no script: the HTML is everything but images.
        productPageKb = Number(((await page.arrayBuffer()).byteLength / 1024).toFixed(1));
      }
      return {
        'orders.checkoutP50Ms': Number(percentile(checkoutSamples, 50).toFixed(1)),
        'orders.checkoutP95Ms': Number(percentile(checkoutSamples, 95).toFixed(1)),
        'site.productPageKb': productPageKb,
      };
    } finally {
      await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: productKey(hot.id) }));
      db.raw.destroy();
    }
  },
};
