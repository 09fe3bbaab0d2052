import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type PayoutAccountStore, payoutAccountSchema } from '@chophien/core';
import type { Db } from '../client.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { payoutAccountKey } from '../keys/marketplace.ts';

export function payoutAccountRepository(db: Db): PayoutAccountStore {
  return {
    async get(farmerId) {
      const result = await db.doc.send(
        new GetCommand({ TableName: db.tableName, Key: payoutAccountKey(farmerId) }),
      );
      if (!result.Item) return undefined;
      const { type: _type, ...account } = withoutKeys(result.Item);
      return payoutAccountSchema.parse(account);
    },
    async put(account) {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...payoutAccountKey(account.farmerId), type: 'PayoutAccount', ...account },
        }),
      );
    },
  };
}
