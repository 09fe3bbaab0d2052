/**
 * The bank simulator's provider API, locally: SePay's `GET /userapi/transactions/list` over the
 * simulated bank's ledger, so the missed-notification poll (decision 0707) runs against something real.
 * Auth: `Bearer <channel token>` (locally the channel's secret), and only that channel's account.
 */
import { timingSafeEqual } from 'node:crypto';
import { toVietnamTimeText } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { readSecretsFile } from '../../../../functions/markets/channel-secrets.ts';
import { services } from '../../../../functions/shared/services.ts';
import { type LocalRoute, sendJson } from '../api-server.ts';
import { bankTransactions } from '../bank/ledger.ts';
import { ensureSecretsFile } from '../bank/secrets-file.ts';
import type { LocalRouteContext } from './index.ts';

export const SEPAY_API_PATH = '/local/bank/sepay';

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function bankApiLocalRoutes(context: LocalRouteContext): LocalRoute[] {
  if (!context.dataDir) return [];
  const dataDir = context.dataDir;
  const secretsFile = ensureSecretsFile(dataDir);
  process.env.SEPAY_API_URL = `${context.apiUrl}${SEPAY_API_PATH}`;
  return [
    {
      method: 'GET',
      path: `${SEPAY_API_PATH}/userapi/transactions/list`,
      handle: async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
        const accountNumber = url.searchParams.get('account_number') ?? '';
        // The token must be the secret of a SePay channel of that very account.
        const holders = Object.entries(readSecretsFile(secretsFile).channels)
          .filter(([, secret]) => token && sameText(secret, token))
          .map(([channelId]) => channelId);
        const store = marketsStore(services().db);
        const channels = await Promise.all(holders.map((id) => store.getChannel(id)));
        const allowed = channels.some(
          (channel) => channel?.provider === 'sepay' && channel.accountNumber === accountNumber,
        );
        if (!allowed) return sendJson(res, 401, { status: 401, error: 'unauthorized' });
        const since = url.searchParams.get('transaction_date_min') ?? '0000-00-00 00:00:00';
        const transactions = bankTransactions(dataDir)
          .filter((entry) => entry.provider === 'sepay' && entry.accountNumber === accountNumber)
          .map((entry) => ({ entry, local: toVietnamTimeText(entry.at) }))
          .filter(({ local }) => local >= since)
          .map(({ entry, local }) => ({
            id: entry.id,
            bank_brand_name: 'SimBank',
            account_number: entry.accountNumber,
            transaction_date: local,
            amount_out: entry.direction === 'out' ? `${entry.amountVnd}.00` : '0.00',
            amount_in: entry.direction === 'in' ? `${entry.amountVnd}.00` : '0.00',
            accumulated: '0.00',
            transaction_content: entry.memo,
            reference_number: entry.id,
            code: null,
            sub_account: null,
            bank_account_id: null,
          }));
        return sendJson(res, 200, { status: 200, error: null, messages: { success: true }, transactions });
      },
    },
  ];
}
