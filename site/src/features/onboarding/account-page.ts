import type { AstroGlobal } from 'astro';
import { type Lang, localizePath } from '../../i18n/index.ts';
import { type FormState, handleForm } from '../producer/form.ts';
import { type AccountOwner, accountChangeActions } from './account-change.ts';
import { type Gate, gateStatus, pageGate } from './gate.ts';

/** What a payment-account page shows after its form was handled (when it did not redirect). */
export interface AccountPage {
  readonly gate: Gate;
  readonly result: FormState | undefined;
  /** The page's own address, in the reader's language. */
  readonly page: string;
  /** The change waiting for its code, if any. */
  readonly changeId: string | undefined;
  /** The account was just confirmed. */
  readonly done: boolean;
}

/**
 * The vendor's and the farmer's account pages work alike: only that owner gets past, a request step texts a
 * code (then `?doi=<change>`), the code step confirms (then `?xong=1`). A redirect comes back as a Response.
 */
export async function accountChangePage(
  astro: AstroGlobal,
  lang: Lang,
  owner: AccountOwner,
  path: string,
): Promise<AccountPage | Response> {
  const gate = await pageGate(astro, lang, (actor) => actor.roles.includes(owner));
  astro.response.status = gateStatus(gate);
  const page = localizePath(lang, path);
  let result: FormState | undefined;
  if (gate.kind === 'ok') {
    const handled = await handleForm(
      astro,
      lang,
      accountChangeActions(astro.cookies, lang, owner, {
        code: (changeId) => `${page}?doi=${encodeURIComponent(changeId)}`,
        done: () => `${page}?xong=1`,
      }),
    );
    if (handled instanceof Response) return handled;
    result = handled;
    if (result) astro.response.status = 422;
  }
  const changeId =
    astro.url.searchParams.get('doi') ?? (result?.intent === 'confirm' ? result.values.changeId : undefined);
  return {
    gate,
    result,
    page,
    changeId: changeId || undefined,
    done: astro.url.searchParams.get('xong') === '1',
  };
}
