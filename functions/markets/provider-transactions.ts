/**
 * The providers' transaction-list APIs, for the missed-notification poll (decision 0707).
 * SePay: `GET <api>/userapi/transactions/list` with the channel's API token (Bearer). payOS has no list
 * of an account's transactions (its API is per payment link), so its channels are not polled.
 */
import {
  type ChannelSecrets,
  readSePayTransactionList,
  type TransactionSource,
  toVietnamTimeText,
} from '@chophien/core';

const TIMEOUT_MS = 10_000;

export function providerTransactions(input: {
  sePayApiUrl: string;
  secrets: ChannelSecrets;
}): TransactionSource {
  return {
    async recentIncoming(channel, since) {
      if (channel.provider !== 'sepay') return 'unsupported';
      const token = await input.secrets.apiTokenFor(channel.id);
      if (!token) return 'unsupported';
      const url = new URL('userapi/transactions/list', `${input.sePayApiUrl.replace(/\/$/, '')}/`);
      url.searchParams.set('account_number', channel.accountNumber);
      url.searchParams.set('transaction_date_min', toVietnamTimeText(since.toISOString()));
      url.searchParams.set('limit', '5000');
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`SePay transaction list: HTTP ${response.status}`);
      return readSePayTransactionList(await response.json());
    },
  };
}
