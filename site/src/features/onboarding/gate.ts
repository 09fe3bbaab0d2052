import type { Actor } from '@chophien/core';
import type { AstroCookies } from 'astro';
import type { Lang } from '../../i18n/index.ts';
import { currentActor, signInHref } from '../auth/session.ts';

export type Gate =
  | { readonly kind: 'signed-out'; readonly signIn: string }
  | { readonly kind: 'refused'; readonly actor: Actor }
  | { readonly kind: 'ok'; readonly actor: Actor };

/**
 * Who is on an onboarding page: signed out (a sign-in link back here), someone the page is not for, or a
 * person it serves (`allowed`, by role only: the use-cases check the stall, market or commune again).
 */
export async function pageGate(
  ctx: { cookies: AstroCookies; url: URL },
  lang: Lang,
  allowed: (actor: Actor) => boolean,
): Promise<Gate> {
  const actor = await currentActor(ctx.cookies);
  if (!actor) return { kind: 'signed-out', signIn: signInHref(lang, `${ctx.url.pathname}${ctx.url.search}`) };
  return allowed(actor) ? { kind: 'ok', actor } : { kind: 'refused', actor };
}

export const gateStatus = (gate: Gate): number => (gate.kind === 'refused' ? 403 : 200);
