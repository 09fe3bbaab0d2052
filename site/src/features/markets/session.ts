import type { Actor, Role } from '@chophien/core';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import type { AstroCookies } from 'astro';

type Session = { actor: Actor; token: string };

/** The signed-in person from the `cp_token` cookie (same RS256 token as the API), if they hold one of `roles`. */
async function sessionWith(cookies: AstroCookies, roles: readonly Role[]): Promise<Session | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) return undefined;
  try {
    const actor = await verifyToken(token);
    return roles.some((role) => actor.roles.includes(role)) ? { actor, token } : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in vendor. */
export const vendorFromCookie = (cookies: AstroCookies) => sessionWith(cookies, ['vendor']);

/** The signed-in market manager (or admin). */
export const managerFromCookie = (cookies: AstroCookies) => sessionWith(cookies, ['market_manager', 'admin']);

/** The signed-in seller: a vendor, or a stall helper (who sells at the stalls they help at, decision 0820). */
export const sellerFromCookie = (cookies: AstroCookies) => sessionWith(cookies, ['vendor', 'stall_helper']);
