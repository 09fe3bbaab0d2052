/**
 * A commune officer or community digital team member sits beside a farming household and creates its account
 * on its behalf, with the household's consent recorded: who asked, when, for which version of the consent
 * text, and how the household said yes — a code texted to the household's own phone and read back, or a
 * photo of the paper it signed (decision 0821). The household later signs in with its own phone, sees the
 * consent on its personal-data page and can withdraw it; from then on nobody acts for it.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { distinctGrants } from '../access/grants.ts';
import { declaredScope, registersHouseholdsIn } from '../access/rules.ts';
import { personNameInput, phoneInput } from '../admin/people.ts';
import { assertGivable, grantPerson } from '../admin/person-writes.ts';
import { communeSchema, provinceSchema } from '../admin/places.ts';
import { conflict, DomainError, fieldError, forbidden, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { checkPhotoBytes } from '../marketplace/photo.ts';
import type { PhotoProcessor } from '../marketplace/ports.ts';
import { consentTextHash, currentConsentText } from '../privacy/consent-texts.ts';
import type { ConsentEvidence, ConsentMethod, ConsentRecord } from '../privacy/model.ts';
import type { HouseholdRequest, OnboardingDeps } from './ports.ts';

export const HOUSEHOLD_CODE_TTL_MS = 10 * 60 * 1000;
export const HOUSEHOLD_CODE_ATTEMPTS = 5;
/** A consent paper's photo is kept as one JPEG item beside the record (DynamoDB holds 400 KB an item). */
export const EVIDENCE_MAX_BYTES = 300_000;

export const householdInput = z.object({
  name: personNameInput,
  phone: phoneInput,
  province: provinceSchema,
  commune: communeSchema,
});
export type HouseholdInput = z.input<typeof householdInput>;

export const householdCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, bilingual('Mã gồm 6 chữ số.', 'The code has 6 digits.')),
});

const hashCode = (code: string) => createHash('sha256').update(`household-consent\0${code}`).digest('hex');

/** The place must be one the helper works in (its commune's officer or digital team). */
function assertRegistersIn(actor: Actor, place: { province: string; commune: string }): void {
  if (!actor.roles.includes('commune_officer') && !actor.roles.includes('digital_helper'))
    throw forbidden('not_a_helper');
  if (!registersHouseholdsIn(actor, place)) throw declaredScope('body.commune');
}

/** The person with this phone may become a household through a helper (nobody, or not one already). */
function assertCanRegister(existing: UserProfile | undefined): void {
  assertGivable(existing);
  if (existing?.roles.includes('farmer'))
    throw fieldError(
      'conflict',
      'household_exists',
      {
        vi: 'Số điện thoại này đã có tài khoản hộ sản xuất. Hộ đăng nhập bằng số của mình.',
        en: 'This phone number already has a household account. The household signs in with it.',
      },
      { path: 'body.phone', message: { vi: 'Đã có tài khoản hộ với số này.', en: 'Already a household.' } },
    );
}

export function householdCodeText(siteUrl: string, helperName: string, name: string, code: string): string {
  return `Chợ Phiên: ${helperName} xin tạo tài khoản cho hộ ${name}. Nội dung đồng ý: ${siteUrl}/du-lieu-ca-nhan/van-ban . Nếu hộ đồng ý, đọc mã ${code} cho người giúp. Mã dùng trong 10 phút.`;
}

export function householdWelcomeText(siteUrl: string): string {
  return `Chợ Phiên: tài khoản hộ sản xuất của bạn đã được tạo. Đăng nhập bằng số điện thoại này tại ${siteUrl}/dang-nhap . Xem hoặc rút lại sự đồng ý tại ${siteUrl}/du-lieu-ca-nhan`;
}

/**
 * Step 1 (SMS): texts a 6-digit code to the household's own phone, with a link to the consent text. The
 * helper reads the text to the household; the household reads the code back if it agrees.
 */
export async function requestHouseholdConsent(
  deps: OnboardingDeps,
  actor: Actor,
  raw: unknown,
): Promise<{ requestId: string; expiresAt: string }> {
  const input = householdInput.parse(raw);
  assertRegistersIn(actor, input);
  assertCanRegister(await deps.people.getByPhone(input.phone));
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const request: HouseholdRequest = {
    id: deps.newId(),
    helperId: actor.userId,
    ...input,
    codeHash: hashCode(code),
    attempts: 0,
    expiresAt: new Date(deps.clock.now().getTime() + HOUSEHOLD_CODE_TTL_MS).toISOString(),
  };
  await deps.households.putRequest(request);
  await deps.sms.send({
    to: input.phone,
    text: householdCodeText(deps.siteUrl, actor.name ?? '', input.name, code),
  });
  return { requestId: request.id, expiresAt: request.expiresAt };
}

const wrongCode = () =>
  fieldError(
    'unprocessable',
    'invalid_code',
    { vi: 'Mã không đúng hoặc đã hết hạn.', en: 'The code is wrong or has expired.' },
    { path: 'body.code', message: { vi: 'Mã không đúng hoặc đã hết hạn.', en: 'Wrong or expired code.' } },
  );

/** Step 2 (SMS): the code the household read back creates its account with the consent recorded. */
export async function confirmHouseholdConsent(
  deps: OnboardingDeps,
  actor: Actor,
  requestId: string,
  raw: unknown,
): Promise<UserProfile> {
  const { code } = householdCodeInput.parse(raw);
  const request = await deps.households.getRequest(requestId);
  // Only the helper who asked may finish it: a request id seen over a shoulder is of no use to anyone else.
  if (!request || request.helperId !== actor.userId)
    throw notFound({ vi: 'yêu cầu tạo tài khoản', en: 'registration request' }, 'request_not_found');
  assertRegistersIn(actor, request);
  const fresh =
    Date.parse(request.expiresAt) > deps.clock.now().getTime() && request.attempts < HOUSEHOLD_CODE_ATTEMPTS;
  const good = fresh && timingSafeEqual(Buffer.from(hashCode(code)), Buffer.from(request.codeHash));
  if (!good) {
    await deps.households.countFailure(request.id, request.attempts);
    throw wrongCode();
  }
  return register(deps, actor, request, 'sms_code', undefined, request);
}

/**
 * The paper way: the household signed the printed consent text; its photo is kept (re-encoded, no
 * metadata, never public) as the evidence.
 */
export async function registerHouseholdOnPaper(
  deps: OnboardingDeps & { readonly images: PhotoProcessor },
  actor: Actor,
  raw: unknown,
  photo: Uint8Array,
): Promise<UserProfile> {
  const input = householdInput.parse(raw);
  assertRegistersIn(actor, input);
  const jpeg = await evidenceJpeg(deps.images, photo);
  return register(deps, actor, input, 'signed_paper', jpeg);
}

const noPhoto = () =>
  fieldError(
    'validation',
    'consent_photo_missing',
    { vi: 'Cần ảnh chụp tờ giấy đồng ý đã ký.', en: 'A photo of the signed consent paper is needed.' },
    {
      path: 'body.photo',
      message: { vi: 'Chụp ảnh tờ giấy đã ký.', en: 'Take a photo of the signed paper.' },
    },
  );

async function evidenceJpeg(images: PhotoProcessor, photo: Uint8Array): Promise<Uint8Array> {
  if (photo.length === 0) throw noPhoto();
  checkPhotoBytes(photo, images.maxPixels);
  let decoded: Awaited<ReturnType<PhotoProcessor['decode']>>;
  try {
    decoded = await images.decode(photo);
  } catch {
    throw new DomainError('unprocessable', 'photo_unreadable', {
      vi: 'Không đọc được ảnh. Hãy chụp lại.',
      en: 'The photo could not be read. Please take it again.',
    });
  }
  // Legible at 1200 px; smaller and coarser only when the paper's photo would not fit one item.
  for (const [width, quality] of [
    [1200, 70],
    [900, 60],
    [700, 50],
  ] as const) {
    const jpeg = await decoded.toJpeg(Math.min(width, decoded.width), quality);
    if (jpeg.bytes.length <= EVIDENCE_MAX_BYTES) return jpeg.bytes;
  }
  throw new DomainError('unprocessable', 'photo_too_detailed', {
    vi: 'Ảnh quá nhiều chi tiết để lưu. Hãy chụp riêng tờ giấy, đủ sáng.',
    en: 'The photo holds too much detail to keep. Photograph the paper alone, in good light.',
  });
}

async function register(
  deps: OnboardingDeps,
  actor: Actor,
  input: z.infer<typeof householdInput>,
  method: ConsentMethod,
  evidence: Uint8Array | undefined,
  request?: HouseholdRequest,
): Promise<UserProfile> {
  const existing = await deps.people.getByPhone(input.phone);
  assertCanRegister(existing);
  const now = deps.clock.now().toISOString();
  const place = { province: input.province, commune: input.commune };
  const { person: household, write: person } = await grantPerson(deps, {
    actorId: actor.userId,
    given: input,
    existing,
    grants: (current) => distinctGrants([...current, { role: 'farmer' }]),
    action: 'household_registered',
    facts: { ...place, consent: method },
    fields: { ...place, onBehalfConsent: 'given' },
  });
  const text = currentConsentText('household_by_helper');
  const consent: ConsentRecord = {
    id: deps.newId(),
    userId: household.id,
    purpose: 'household_by_helper',
    version: text.version,
    textHash: consentTextHash(text),
    method,
    recordedBy: actor.userId,
    recordedByName: actor.name ?? '',
    givenAt: now,
    status: 'given',
    hasEvidence: evidence !== undefined,
  };
  const evidenceItem: ConsentEvidence | undefined = evidence
    ? { consentId: consent.id, userId: household.id, contentType: 'image/jpeg', bytes: evidence }
    : undefined;
  const result = await deps.households.register({
    person,
    consent,
    ...(evidenceItem ? { evidence: evidenceItem } : {}),
    ...(request ? { request: { id: request.id, attempts: request.attempts } } : {}),
  });
  if (result === 'stale')
    throw conflict('household_stale', {
      vi: 'Yêu cầu này vừa được dùng hoặc tài khoản vừa thay đổi. Hãy làm lại từ đầu.',
      en: 'This request was just used or the account changed. Start again.',
    });
  await deps.identity.syncRoles(household, household.roles);
  await deps.sms.send({ to: household.phone, text: householdWelcomeText(deps.siteUrl) });
  return household;
}

/** The households this helper registered, newest first: each consent's state and the household today. */
export async function householdsRegisteredBy(
  deps: Pick<OnboardingDeps, 'households' | 'people'>,
  actor: Actor,
): Promise<Array<{ consent: ConsentRecord; household: UserProfile | undefined }>> {
  if (!actor.roles.includes('commune_officer') && !actor.roles.includes('digital_helper'))
    throw forbidden('not_a_helper');
  const consents = await deps.households.listRegisteredBy(actor.userId, 100);
  const people = await deps.people.getMany(consents.map((consent) => consent.userId));
  return consents.map((consent) => ({ consent, household: people.get(consent.userId) }));
}
