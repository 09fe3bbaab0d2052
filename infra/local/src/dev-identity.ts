import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bilingual, newBuyerProfile, toFieldIssues, type UserRepository } from '@chophien/core';
import { devUserId } from '@chophien/functions/shared/identity-directory';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import * as z from 'zod';
import { type LocalRoute, sendJson } from './api-server.ts';
import { createOtpStore, OTP_TTL_MS, type OtpStore } from './dev-otp.ts';

/**
 * The development identity provider: exists only in local mode (infra/aws never imports it).
 * It plays Cognito's part: RS256 ID tokens with `cognito:groups`, verified by handlers through its JWKS.
 */
export const DEV_AUDIENCE = 'chophien-local';
const KEY_ID = 'chophien-dev-1';
const TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface DevIdentity {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  jwks(): { keys: JWK[] };
  mintFor(user: { id: string; phone: string; name: string; roles: readonly string[] }): Promise<string>;
}

async function loadOrCreateKeys(dir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const privatePath = join(dir, 'private.jwk.json');
  const publicPath = join(dir, 'public.jwk.json');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK,
      publicJwk: JSON.parse(readFileSync(publicPath, 'utf8')) as JWK,
    };
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048,
  });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: 'RS256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
  writeFileSync(publicPath, JSON.stringify(publicJwk));
  return { privateJwk, publicJwk };
}

export async function createDevIdentity(options: { dataDir: string; apiUrl: string }): Promise<DevIdentity> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(join(options.dataDir, 'dev-idp'));
  const signingKey = await importJWK(privateJwk, 'RS256');
  const issuer = `${options.apiUrl}/dev-idp`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    audience: DEV_AUDIENCE,
    jwks: () => ({ keys: [publicJwk] }),
    mintFor: (user) =>
      new SignJWT({
        phone_number: user.phone,
        name: user.name,
        'cognito:groups': [...user.roles],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(issuer)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
        .sign(signingKey),
  };
}

/** `POST /dev/token {"phone": "+84…"}` or `{"userId": "…"}`: a token for a seeded user. */
export async function mintForRequest(
  identity: DevIdentity,
  users: UserRepository,
  body: unknown,
): Promise<{ status: number; payload: unknown }> {
  const request = (typeof body === 'object' && body !== null ? body : {}) as {
    phone?: unknown;
    userId?: unknown;
  };
  const user =
    typeof request.userId === 'string'
      ? await users.get(request.userId)
      : typeof request.phone === 'string'
        ? await users.getByPhone(request.phone)
        : undefined;
  if (user?.status === 'deactivated') return deactivated();
  if (!user) {
    return {
      status: 404,
      payload: {
        error: {
          code: 'unknown_user',
          message: 'Không có người dùng mẫu với số điện thoại hoặc mã này.',
          messages: {
            vi: 'Không có người dùng mẫu với số điện thoại hoặc mã này.',
            en: 'No seeded user has this phone number or id.',
          },
        },
      },
    };
  }
  const token = await identity.mintFor(user);
  return {
    status: 200,
    payload: {
      token,
      tokenType: 'Bearer',
      expiresIn: TOKEN_TTL_SECONDS,
      user: { id: user.id, roles: user.roles },
    },
  };
}

const phoneBody = z.object({
  phone: z
    .string()
    .regex(
      /^\+84\d{9,10}$/,
      bilingual('Số điện thoại cần dạng +84 và 9–10 chữ số.', 'Phone must be +84 followed by 9–10 digits.'),
    ),
});
const verifyBody = phoneBody.extend({
  code: z.string().regex(/^\d{6}$/, bilingual('Mã xác nhận gồm 6 chữ số.', 'The code has 6 digits.')),
});

type DevResponse = { status: number; payload: unknown };

const problem = (status: number, code: string, vi: string, en: string, extra: object = {}): DevResponse => ({
  status,
  payload: { error: { code, message: vi, messages: { vi, en }, ...extra } },
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): { data: T } | { error: DevResponse } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { data: parsed.data };
  const fields = toFieldIssues(parsed.error.issues).map((field) => ({
    path: field.path,
    code: field.code,
    message: field.message.vi,
    messages: field.message,
  }));
  return {
    error: problem(400, 'validation', 'Dữ liệu chưa hợp lệ.', 'The request is not valid.', { fields }),
  };
}

/** Cognito answers a disabled user the same way: no token, whatever the code. */
const deactivated = (): DevResponse =>
  problem(
    403,
    'account_deactivated',
    'Tài khoản này đã bị khoá. Hãy liên hệ quản trị viên của tỉnh.',
    'This account has been deactivated. Please contact the province administrator.',
  );

/**
 * A stable id for a person who signs up by phone: asking twice (a retried request) finds the
 * same profile instead of creating a second one. The console invites people under the same id.
 */
export const signUpUserId = devUserId;

/**
 * `POST /dev/otp {phone}`: a one-time code "sent by SMS" (a line in `<dataDir>/outbox.jsonl`) and,
 * because this is the development provider, also returned as `devCode`. Any +84 number may ask:
 * an unknown one becomes a new buyer when it verifies (see docs/decisions/0403-phone-sign-in.md).
 */
export async function requestOtp(
  deps: { otp: OtpStore; users: UserRepository; outboxFile: string; now?: () => Date },
  body: unknown,
): Promise<DevResponse> {
  const parsed = parseBody(phoneBody, body);
  if ('error' in parsed) return parsed.error;
  const { phone } = parsed.data;
  const { code, expiresAt } = deps.otp.issue(phone);
  const at = (deps.now ?? (() => new Date()))();
  const text = `Chợ Phiên: mã đăng nhập của bạn là ${code}, dùng trong 5 phút. Không đưa mã này cho ai.`;
  mkdirSync(dirname(deps.outboxFile), { recursive: true });
  appendFileSync(deps.outboxFile, `${JSON.stringify({ to: phone, text, at: at.toISOString() })}\n`, {
    mode: 0o600,
  });
  const registered = (await deps.users.getByPhone(phone)) !== undefined;
  return {
    status: 200,
    payload: {
      devCode: code,
      expiresAt: new Date(expiresAt).toISOString(),
      expiresIn: Math.round(OTP_TTL_MS / 1000),
      registered,
    },
  };
}

/** `POST /dev/otp/verify {phone, code}` → `{ token }`; an unknown phone is signed up as a buyer. */
export async function verifyOtp(
  deps: { otp: OtpStore; users: UserRepository; identity: DevIdentity; now?: () => Date },
  body: unknown,
): Promise<DevResponse> {
  const parsed = parseBody(verifyBody, body);
  if ('error' in parsed) return parsed.error;
  const { phone, code } = parsed.data;
  const check = deps.otp.check(phone, code);
  if (!check.ok) {
    switch (check.reason) {
      case 'wrong_code':
        return problem(
          400,
          'wrong_code',
          `Mã xác nhận không đúng. Còn ${check.triesLeft} lần thử.`,
          `That code is not right. ${check.triesLeft} tries left.`,
          { details: { triesLeft: check.triesLeft } },
        );
      case 'too_many_tries':
        return problem(
          429,
          'too_many_tries',
          'Nhập sai quá 5 lần. Vui lòng xin mã mới.',
          'Too many wrong tries. Please ask for a new code.',
        );
      case 'expired':
        return problem(
          410,
          'code_expired',
          'Mã đã hết hạn. Vui lòng xin mã mới.',
          'The code has expired. Please ask for a new code.',
        );
      default:
        return problem(
          404,
          'no_code',
          'Số này chưa có mã đang chờ. Vui lòng xin mã trước.',
          'No code is waiting for this number. Please ask for one first.',
        );
    }
  }
  let user = await deps.users.getByPhone(phone);
  let created = false;
  if (user?.status === 'deactivated') return deactivated();
  if (!user) {
    user = newBuyerProfile(signUpUserId(phone), phone, (deps.now ?? (() => new Date()))());
    await deps.users.put(user);
    created = true;
  } else if (user.status === 'invited') {
    // First sign-in of someone an admin, manager or officer invited: the invitation is taken up.
    user = { ...user, status: 'active' };
    await deps.users.put(user);
  }
  const token = await deps.identity.mintFor(user);
  return {
    status: 200,
    payload: {
      token,
      tokenType: 'Bearer',
      expiresIn: TOKEN_TTL_SECONDS,
      user: { id: user.id, roles: user.roles, name: user.name },
      created,
    },
  };
}

/** The phone sign-in routes of the development provider (local only, like `/dev/token`). */
export function devOtpRoutes(deps: {
  identity: DevIdentity;
  users: UserRepository;
  dataDir: string;
  otp?: OtpStore;
}): LocalRoute[] {
  const otp = deps.otp ?? createOtpStore();
  const outboxFile = join(deps.dataDir, 'outbox.jsonl');
  const jsonRoute =
    (answer: (body: unknown) => Promise<DevResponse>): LocalRoute['handle'] =>
    async (_req, res, body) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return sendJson(
          res,
          400,
          problem(400, 'malformed_json', 'JSON không hợp lệ.', 'Malformed JSON.').payload,
        );
      }
      const { status, payload } = await answer(parsed);
      sendJson(res, status, payload);
    };
  return [
    {
      method: 'POST',
      path: '/dev/otp',
      handle: jsonRoute((body) => requestOtp({ otp, users: deps.users, outboxFile }, body)),
    },
    {
      method: 'POST',
      path: '/dev/otp/verify',
      handle: jsonRoute((body) => verifyOtp({ otp, users: deps.users, identity: deps.identity }, body)),
    },
  ];
}
