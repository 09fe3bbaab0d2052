import { bankInput, type bankProviders, removeDiacritics, toFieldIssues } from '@chophien/core';
import type { AstroCookies } from 'astro';
import type { Lang } from '../../i18n/index.ts';
import type { FormAction } from '../producer/form.ts';
import { apiJson } from './api.ts';

/**
 * A vendor's payment account or a farmer's payout account, set or changed by the person alone: the page
 * asks the API to text a code to the phone on their profile, then confirms with it (decisions 0606, 0820).
 * Both steps go through the API because confirming creates the account's notification channel and its
 * secret, which only the API may write. One form for both owners; only the routes differ.
 */
export type AccountOwner = 'vendor' | 'farmer';

const routes: Record<AccountOwner, string> = {
  vendor: '/vendor/payment-account/changes',
  farmer: '/seller/payout-account/changes',
};

export const providerLabels: Record<(typeof bankProviders)[number], string> = {
  payos: 'payOS',
  sepay: 'SePay',
};

/** "Nguyễn Văn A" → "NGUYEN VAN A": how banks print a holder's name. */
export const holderNameOf = (text: string): string =>
  removeDiacritics(text)
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function accountChangeActions(
  cookies: AstroCookies,
  lang: Lang,
  owner: AccountOwner,
  /** Where each step goes next: the code step (with the change id), or the end. */
  next: { code(changeId: string): string; done(): string },
): FormAction<unknown>[] {
  return [
    {
      intent: 'request',
      build: (read) => {
        const bank = bankInput.safeParse(read.text('bin') ?? '');
        if (!bank.success) read.fail('bin', toFieldIssues(bank.error.issues)[0]?.message[lang] ?? '');
        return {
          bin: bank.success ? bank.data : '',
          accountNumber: (read.text('accountNumber') ?? '').replace(/[\s.-]/g, ''),
          holderName: holderNameOf(read.text('holderName') ?? ''),
          provider: read.text('provider') ?? '',
        };
      },
      run: async (input) => {
        const { changeId } = await apiJson<{ changeId: string }>(cookies, 'POST', routes[owner], input);
        return next.code(changeId);
      },
    },
    {
      intent: 'confirm',
      build: (read) => ({ changeId: read.text('changeId') ?? '', code: read.text('code') ?? '' }),
      run: async ({ changeId, code }: { changeId: string; code: string }) => {
        if (!/^[0-9A-Za-z]{1,40}$/.test(changeId)) return next.code('');
        await apiJson(cookies, 'POST', `${routes[owner]}/${changeId}/confirm`, { code });
        return next.done();
      },
    },
  ];
}
