import { DomainError, type DomainErrorKind, type LocalizedMessage } from '@chophien/core';
import { TOKEN_COOKIE } from '@chophien/http';
import type { AstroCookies } from 'astro';

/**
 * A storefront form that needs what only the API holds (channel secrets when an account is confirmed, the
 * stall check-code secret in standees) posts here, and the page calls the API with the person's own token:
 * the API authorizes and validates as for any client. Its refusals come back as the DomainError they were,
 * so the form shows them beside the right field; anything else is a crash (a 500 page).
 */
const kindOfStatus: Record<number, DomainErrorKind> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  422: 'unprocessable',
  429: 'unprocessable',
};

interface Problem {
  error?: {
    code?: string;
    messages?: LocalizedMessage;
    fields?: Array<{ path: string; code: string; messages: LocalizedMessage }>;
  };
}

const apiBase = (): string => {
  const apiUrl = process.env.API_URL;
  if (!apiUrl) throw new Error('API_URL is not set');
  return apiUrl.replace(/\/+$/, '');
};

async function send(cookies: AstroCookies, method: 'GET' | 'POST', path: string, body?: unknown) {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token)
    throw new DomainError('unauthenticated', 'unauthenticated', {
      vi: 'Phiên đăng nhập đã hết, vui lòng đăng nhập lại.',
      en: 'Your session has ended, please sign in again.',
    });
  const response = await fetch(`${apiBase()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const kind = kindOfStatus[response.status];
  if (kind) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    const error = problem.error;
    throw new DomainError(
      kind,
      error?.code ?? kind,
      error?.messages ?? { vi: 'Yêu cầu không thực hiện được.', en: 'The request was refused.' },
      {
        fields: (error?.fields ?? []).map((field) => ({
          path: field.path,
          code: field.code,
          message: field.messages,
        })),
      },
    );
  }
  if (!response.ok) throw new Error(`API ${method} ${path} answered ${response.status}`);
  return response;
}

/** JSON from the API (POST with a body, or GET). */
export async function apiJson<T>(
  cookies: AstroCookies,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) {
  return (await (await send(cookies, method, path, body)).json()) as T;
}

/** A text body from the API (an SVG standee). */
export async function apiText(cookies: AstroCookies, path: string): Promise<string> {
  return (await send(cookies, 'GET', path)).text();
}
