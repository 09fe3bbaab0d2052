import type { Channel, PaymentAccount, Stall } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import type { SeedSet } from './index.ts';
import { seedAccounts, seedFeeAccounts, seedMarkets } from './markets-data.ts';
import { staff } from './users.ts';

const CREATED = '2026-10-01T01:00:00.000Z';

/** Owned by the 4.0-markets area: markets, stalls, vendors' payment accounts and their channels. */
export const marketsSeedSets: SeedSet[] = [
  {
    name: 'markets-v2',
    async apply(db) {
      const store = marketsStore(db);
      let items = 0;
      for (const account of seedAccounts) {
        const stall = seedMarkets
          .flatMap((market) => market.stalls)
          .find((entry) => entry.vendorId === account.vendorId);
        if (!stall) continue;
        const paymentAccount: PaymentAccount = {
          id: account.id,
          vendorId: account.vendorId,
          bin: stall.account.bin,
          accountNumber: stall.account.accountNumber,
          holderName: stall.account.holderName,
          provider: account.provider,
          channelId: account.channelId,
          status: 'active',
          createdAt: CREATED,
        };
        const channel: Channel = {
          id: account.channelId,
          provider: account.provider,
          vendorId: account.vendorId,
          accountId: account.id,
          bin: stall.account.bin,
          accountNumber: stall.account.accountNumber,
        };
        await store.putAccount(paymentAccount, channel);
        items += 2;
      }
      for (const market of seedMarkets) {
        await store.putMarket({
          id: market.id,
          code: market.code,
          name: market.name,
          province: market.province,
          commune: market.commune,
          managerId: market.managerId,
          monthlyStallFeeVnd: market.monthlyStallFeeVnd,
        });
        items += 1;
        for (const seed of market.stalls) {
          const account = seedAccounts.find((entry) => entry.vendorId === seed.vendorId);
          const stall: Stall = {
            id: seed.id,
            marketId: market.id,
            code: seed.code,
            zone: seed.zone,
            number: seed.number,
            vendorId: seed.vendorId,
            vendorName: staff.find((user) => user.id === seed.vendorId)?.name ?? '',
            goods: seed.goods,
            ...(account ? { accountId: account.id } : {}),
          };
          await store.putStall(stall);
          items += 1;
        }
      }
      return items;
    },
  },
  {
    name: 'markets-fees-v1',
    async apply(db) {
      const store = marketsStore(db);
      for (const fee of seedFeeAccounts) {
        await store.putAccount(
          {
            id: fee.id,
            vendorId: fee.ownerId,
            bin: fee.bin,
            accountNumber: fee.accountNumber,
            holderName: fee.holderName,
            provider: fee.provider,
            channelId: fee.channelId,
            status: 'active',
            createdAt: CREATED,
          },
          {
            id: fee.channelId,
            provider: fee.provider,
            vendorId: fee.ownerId,
            accountId: fee.id,
            bin: fee.bin,
            accountNumber: fee.accountNumber,
            marketId: fee.marketId,
          },
        );
      }
      return seedFeeAccounts.length * 2;
    },
  },
];
