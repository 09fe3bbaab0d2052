import type { IdentityAdapter, SignInFailure } from './identity.ts';

/** The development identity provider over HTTP; its base URL is the local API's (API_URL). */
export function localIdentity(apiUrl: string | undefined = process.env.API_URL): IdentityAdapter {
  const post = async (path: string, body: unknown) => {
    if (!apiUrl) throw new Error('API_URL must be set for local sign-in');
    const response = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the dev provider's JSON, read field by field below.
    const json = (await response.json().catch(() => ({}))) as any;
    return { status: response.status, json };
  };

  return {
    showsCode: true,
    async requestCode(phone) {
      try {
        const { status, json } = await post('/dev/otp', { phone });
        if (status === 200 && typeof json.devCode === 'string') {
          return { ok: true, pending: { phone }, devCode: json.devCode };
        }
        return { ok: false, failure: status === 400 ? 'invalid_phone' : 'unavailable' };
      } catch (error) {
        console.error('[site] dev identity unreachable:', error instanceof Error ? error.message : error);
        return { ok: false, failure: 'unavailable' };
      }
    },
    async verifyCode(pending, code) {
      try {
        const { status, json } = await post('/dev/otp/verify', { phone: pending.phone, code });
        if (status === 200 && typeof json.token === 'string') return { ok: true, idToken: json.token };
        const failure = failureOf(status, json?.error?.code);
        if (failure === 'wrong_code') {
          const triesLeft = Number(json?.error?.details?.triesLeft);
          return { ok: false, failure, pending, ...(Number.isFinite(triesLeft) ? { triesLeft } : {}) };
        }
        return { ok: false, failure };
      } catch (error) {
        console.error('[site] dev identity unreachable:', error instanceof Error ? error.message : error);
        return { ok: false, failure: 'unavailable', pending };
      }
    },
  };
}

function failureOf(status: number, code: unknown): SignInFailure {
  switch (code) {
    case 'wrong_code':
      return 'wrong_code';
    case 'too_many_tries':
      return 'too_many_tries';
    case 'code_expired':
      return 'expired';
    case 'no_code':
      return 'no_code';
    default:
      return status === 400 ? 'wrong_code' : 'unavailable';
  }
}
