import type { Actor } from '@chophien/core';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import type { AstroCookies } from 'astro';

/** The signed-in vendor from the `cp_token` cookie (same RS256 token as the API), or undefined. */
export async function vendorFromCookie(
  cookies: AstroCookies,
): Promise<{ actor: Actor; token: string } | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) return undefined;
  try {
    const actor = await verifyToken(token);
    return actor.roles.includes('vendor') ? { actor, token } : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in market manager (or admin) from the same cookie. */
export async function managerFromCookie(
  cookies: AstroCookies,
): Promise<{ actor: Actor; token: string } | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) return undefined;
  try {
    const actor = await verifyToken(token);
    return actor.roles.includes('market_manager') || actor.roles.includes('admin')
      ? { actor, token }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in seller: a vendor, or a stall helper (who sells at the stalls they help at, decision 0820). */
export async function sellerFromCookie(
  cookies: AstroCookies,
): Promise<{ actor: Actor; token: string } | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) return undefined;
  try {
    const actor = await verifyToken(token);
    return actor.roles.includes('vendor') || actor.roles.includes('stall_helper')
      ? { actor, token }
      : undefined;
  } catch {
    return undefined;
  }
}
