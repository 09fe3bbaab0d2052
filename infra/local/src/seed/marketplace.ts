import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PayoutAccount } from '@chophien/core';
import { marketsStore, payoutAccountRepository, productKey } from '@chophien/db';
import { seedId } from './ids.ts';
import type { SeedSet } from './index.ts';
import { seedLots } from './trace.ts';

const UPDATED = '2026-10-01T01:00:00.000Z';

/** One payout account per seeded farmer: real NAPAS BINs, fictional account numbers. */
export const seedPayoutAccounts: PayoutAccount[] = [
  { n: 1, bankBin: '970405', accountNumber: '3904205123001', accountName: 'NGUYEN VAN THANH' }, // Agribank
  { n: 2, bankBin: '970418', accountNumber: '4651000123002', accountName: 'HOANG THI LAN' }, // BIDV
  { n: 3, bankBin: '970436', accountNumber: '1023456003', accountName: 'LY VAN CUONG' }, // Vietcombank
  { n: 4, bankBin: '970415', accountNumber: '108870123004', accountName: 'LE THI HOA' }, // VietinBank
  { n: 5, bankBin: '970422', accountNumber: '0912000005', accountName: 'PHAM VAN HUNG' }, // MB
  { n: 6, bankBin: '970407', accountNumber: '19036123456006', accountName: 'DO THI MAI' }, // Techcombank
].map(({ n, ...account }) => ({ ...account, farmerId: seedId('farmer', n), updatedAt: UPDATED }));

/**
 * Each seeded payout account is connected to a bank-notification channel (alternating payOS/SePay),
 * so `npm run bank -- pay --to CP…` can pay an order out of the box; the channel secrets go into the
 * local secrets file (bank/secrets-file.ts) like the stalls' channels.
 */
export const seedPayoutChannels = seedPayoutAccounts.map((account, index) => ({
  account,
  accountId: `acct-payout-${index + 1}`,
  channelId: `ch-payout-${index + 1}`,
  provider: index % 2 === 0 ? ('payos' as const) : ('sepay' as const),
}));

/** Owned by the marketplace area; each set runs once per data dir (see ./index.ts). */
export const marketplaceSeedSets: SeedSet[] = [
  {
    name: 'marketplace-payout-accounts-v1',
    async apply(db) {
      const payouts = payoutAccountRepository(db);
      for (const account of seedPayoutAccounts) await payouts.put(account);
      return seedPayoutAccounts.length;
    },
  },
  {
    name: 'marketplace-payout-channels-v1',
    async apply(db) {
      const store = marketsStore(db);
      for (const { account, accountId, channelId, provider } of seedPayoutChannels) {
        await store.putAccount(
          {
            id: accountId,
            vendorId: account.farmerId,
            bin: account.bankBin,
            accountNumber: account.accountNumber,
            holderName: account.accountName,
            provider,
            channelId,
            status: 'active',
            createdAt: UPDATED,
          },
          {
            id: channelId,
            provider,
            vendorId: account.farmerId,
            accountId,
            bin: account.bankBin,
            accountNumber: account.accountNumber,
          },
        );
      }
      return seedPayoutChannels.length * 2;
    },
  },
  {
    // A set of its own (not an edit of the products set) so data dirs seeded before it get the links too.
    name: 'marketplace-listing-lots-v1',
    async apply(db) {
      let items = 0;
      for (const lot of seedLots) {
        if (!lot.productId) continue;
        // The listing names its lot (and farm), so its page shows the origin and links to the trace page.
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: productKey(lot.productId),
            UpdateExpression: 'SET lotIds = :lots, farmId = :farm',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':lots': [lot.id], ':farm': lot.farmId },
          }),
        );
        items += 1;
      }
      return items;
    },
  },
];
