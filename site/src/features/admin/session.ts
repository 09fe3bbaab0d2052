import { type Actor, isAdmin } from '@chophien/core';
import type { AstroCookies } from 'astro';
import type { Lang } from '../../i18n/index.ts';
import { currentActor, signInHref } from '../auth/session.ts';

export type ConsoleGate =
  | { readonly kind: 'signed-out'; readonly signIn: string }
  | { readonly kind: 'not-admin'; readonly actor: Actor }
  | { readonly kind: 'admin'; readonly actor: Actor };

/** Who is at the console: only an admin (as the stored profile says) gets past; core checks again. */
export async function consoleGate(
  ctx: { cookies: AstroCookies; url: URL },
  lang: Lang,
): Promise<ConsoleGate> {
  const actor = await currentActor(ctx.cookies);
  if (!actor) return { kind: 'signed-out', signIn: signInHref(lang, `${ctx.url.pathname}${ctx.url.search}`) };
  return isAdmin(actor) ? { kind: 'admin', actor } : { kind: 'not-admin', actor };
}

/** HTTP status of a gate that is not an admin's. */
export const gateStatus = (gate: ConsoleGate) => (gate.kind === 'not-admin' ? 403 : 200);
