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

/**
 * The old paste-a-token sign-in, kept only so the markets pages' "sign-in" POST branches still compile.
 * @deprecated SignIn.astro now links to the phone sign-in page (`/dang-nhap`, features/auth).
 */
export async function signInFromForm(request: Request, cookies: AstroCookies): Promise<boolean> {
  const form = await request.formData();
  const token = String(form.get('token') ?? '').trim();
  if (!token) return false;
  try {
    await verifyToken(token);
  } catch {
    return false;
  }
  cookies.set(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 12 * 3600 });
  return true;
}
