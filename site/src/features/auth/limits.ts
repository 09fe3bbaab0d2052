import { type AttemptCounter, allowSignInCode, isDomainError } from '@chophien/core';
import { attemptCounter } from '@chophien/db';
import type { Lang } from '../../i18n/index.ts';
import { getDb } from '../../lib/services.ts';

let attempts: AttemptCounter | undefined;

/**
 * Counts a sign-in code request before either identity adapter is asked to send one (core/identity).
 * Undefined when the code may be sent; otherwise why not, in the person's language.
 */
export async function signInCodeRefusal(
  phone: string,
  client: string | undefined,
  lang: Lang,
): Promise<string | undefined> {
  attempts ??= attemptCounter(getDb());
  try {
    await allowSignInCode({ attempts }, { phone, client, at: new Date() });
    return undefined;
  } catch (error) {
    if (isDomainError(error) && error.kind === 'rate_limited') return error.messages[lang];
    throw error;
  }
}
