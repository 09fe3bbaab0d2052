import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUserId } from '../../infra/local/src/dev-identity.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/** Phone sign-in against the real local API: the development identity provider's OTP routes. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const VENDOR = '+84987000011';

async function askCode(phone: string): Promise<string> {
  const response = await api.request('POST', '/dev/otp', { body: { phone } });
  expect(response.status).toBe(200);
  expect(response.json.devCode).toMatch(/^\d{6}$/);
  return response.json.devCode as string;
}

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('dev identity provider: phone + one-time code (connected)', () => {
  it('a seeded vendor asks for a code, verifies it, and the token works on the API', async () => {
    const requested = await api.request('POST', '/dev/otp', { body: { phone: VENDOR } });
    expect(requested.status).toBe(200);
    expect(requested.json).toMatchObject({ registered: true, expiresIn: 300 });
    const verified = await api.request('POST', '/dev/otp/verify', {
      body: { phone: VENDOR, code: requested.json.devCode },
    });
    expect(verified.status).toBe(200);
    expect(verified.json.created).toBe(false);
    const me = await api.request('GET', '/me', { token: verified.json.token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      name: 'Vũ Thị Hạnh',
      phone: VENDOR,
      roles: ['vendor'],
      registered: true,
    });
  });

  it('a code works once only', async () => {
    const code = await askCode(VENDOR);
    const first = await api.request('POST', '/dev/otp/verify', { body: { phone: VENDOR, code } });
    expect(first.status).toBe(200);
    const again = await api.request('POST', '/dev/otp/verify', { body: { phone: VENDOR, code } });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('no_code');
  });

  it('a wrong code is refused with the tries left, and the right one still works after it', async () => {
    const code = await askCode(VENDOR);
    const wrong = await api.request('POST', '/dev/otp/verify', {
      body: { phone: VENDOR, code: wrongCodeFor(code) },
      headers: { 'accept-language': 'en' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'wrong_code', details: { triesLeft: 4 } });
    expect(wrong.json.error.messages.vi).toContain('Mã xác nhận không đúng');
    expect(wrong.json.error.messages.en).toContain('not right');
    const right = await api.request('POST', '/dev/otp/verify', { body: { phone: VENDOR, code } });
    expect(right.status).toBe(200);
  });

  it('five wrong tries lock the code: even the right one fails until a new code is asked for', async () => {
    const code = await askCode(VENDOR);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await api.request('POST', '/dev/otp/verify', {
        body: { phone: VENDOR, code: wrongCodeFor(code) },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const locked = await api.request('POST', '/dev/otp/verify', { body: { phone: VENDOR, code } });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('too_many_tries');
    const fresh = await askCode(VENDOR);
    const ok = await api.request('POST', '/dev/otp/verify', { body: { phone: VENDOR, code: fresh } });
    expect(ok.status).toBe(200);
  });

  it('an unknown phone signs up as a new buyer, and signing in again finds the same person', async () => {
    const phone = '+84977123456';
    const requested = await api.request('POST', '/dev/otp', { body: { phone } });
    expect(requested.json.registered).toBe(false);
    const verified = await api.request('POST', '/dev/otp/verify', {
      body: { phone, code: requested.json.devCode },
    });
    expect(verified.status).toBe(200);
    expect(verified.json.created).toBe(true);
    expect(verified.json.user).toMatchObject({ id: signUpUserId(phone), roles: ['buyer'] });
    const me = await api.request('GET', '/me', { token: verified.json.token });
    expect(me.json).toMatchObject({ phone, roles: ['buyer'], registered: true });

    const again = await api.request('POST', '/dev/otp/verify', {
      body: { phone, code: await askCode(phone) },
    });
    expect(again.json.created).toBe(false);
    expect(again.json.user.id).toBe(verified.json.user.id);
  });

  it('verifying a phone that never asked for a code is a clear 404', async () => {
    const response = await api.request('POST', '/dev/otp/verify', {
      body: { phone: '+84966000000', code: '123456' },
    });
    expect(response.status).toBe(404);
    expect(response.json.error.messages).toEqual({
      vi: 'Số này chưa có mã đang chờ. Vui lòng xin mã trước.',
      en: 'No code is waiting for this number. Please ask for one first.',
    });
  });

  it('refuses bad input field by field, in both languages', async () => {
    const badPhone = await api.request('POST', '/dev/otp', { body: { phone: '0987000011' } });
    expect(badPhone.status).toBe(400);
    expect(badPhone.json.error.fields).toEqual([
      expect.objectContaining({
        path: 'phone',
        messages: {
          vi: 'Số điện thoại cần dạng +84 và 9–10 chữ số.',
          en: 'Phone must be +84 followed by 9–10 digits.',
        },
      }),
    ]);
    const badCode = await api.request('POST', '/dev/otp/verify', { body: { phone: VENDOR, code: '12ab' } });
    expect(badCode.status).toBe(400);
    expect(badCode.json.error.fields[0].path).toBe('code');
    const notJson = await api.request('POST', '/dev/otp', {
      rawBody: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });
});
