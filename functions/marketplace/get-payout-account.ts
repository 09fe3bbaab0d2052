import { getPayoutAccount, notFound } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /seller/payout-account'), {
  handle: async ({ actor }) => {
    const account = await getPayoutAccount(marketplace(), actor);
    if (!account)
      throw notFound({ vi: 'tài khoản nhận tiền', en: 'payout account' }, 'payout_account_not_found');
    return account;
  },
});
