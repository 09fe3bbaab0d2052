import type { Role } from '@chophien/core';
import type middy from '@middy/core';
import { TokenInvalid, verifyToken } from '../auth/verify-token.ts';
import { logger } from '../logger.ts';
import { HttpError } from '../problem.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import { header, stateOf } from './request-context.ts';

export type AuthRule = 'public' | 'any' | readonly Role[];

/** Browsers send the token as this cookie (forms on the storefront); API clients use a bearer token. */
export const TOKEN_COOKIE = 'cp_token';

function tokenOf(event: HttpEvent): string | undefined {
  const authorization = header(event, 'authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  for (const cookie of event.cookies ?? []) {
    const [name, ...value] = cookie.split('=');
    if (name?.trim() === TOKEN_COOKIE) return value.join('=').trim();
  }
  return undefined;
}

const unauthenticated = () =>
  new HttpError(401, 'unauthenticated', {
    vi: 'Bạn cần đăng nhập (thiếu hoặc sai mã xác thực).',
    en: 'Sign-in required (missing or invalid token).',
  });

/**
 * Public routes still read a token when one is sent (a signed-in buyer on a public page),
 * but a bad token there is ignored rather than refused.
 */
export const authenticate = (rule: AuthRule): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  before: async (request) => {
    const state = stateOf(request);
    const token = tokenOf(request.event);
    if (rule === 'public') {
      if (token) state.actor = await verifyToken(token).catch(() => undefined);
      return;
    }
    if (!token) throw unauthenticated();
    try {
      state.actor = await verifyToken(token);
    } catch (error) {
      if (error instanceof TokenInvalid) {
        logger.warn('token rejected', { reason: error.message });
        throw unauthenticated();
      }
      throw error;
    }
    if (rule !== 'any' && !state.actor.roles.some((role) => rule.includes(role))) {
      throw new HttpError(403, 'forbidden_role', {
        vi: 'Tài khoản của bạn không có vai trò được phép dùng chức năng này.',
        en: 'Your account does not have a role allowed to use this.',
      });
    }
  },
});
