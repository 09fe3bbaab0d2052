import { auditEntry } from '../admin/audit.ts';
import type { ConsoleDeps } from '../admin/ports.ts';
import { conflict, forbidden, notFound } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { type ConsentText, consentTextOf } from './consent-texts.ts';
import type { ConsentRecord } from './model.ts';
import type { PrivacyStore } from './ports.ts';

export interface ConsentDeps extends Pick<ConsoleDeps, 'people' | 'clock' | 'newId'> {
  readonly privacy: PrivacyStore;
}

const CONSENT = { vi: 'sự đồng ý', en: 'consent' };

/** A person's own consents, newest first, each with the exact text they agreed to. */
export async function myConsents(
  deps: Pick<ConsentDeps, 'privacy'>,
  actor: Actor,
): Promise<Array<ConsentRecord & { text: ConsentText | undefined }>> {
  const consents = await deps.privacy.listConsents(actor.userId);
  return consents
    .map((consent) => ({ ...consent, text: consentTextOf(consent.purpose, consent.version) }))
    .sort((a, b) => b.givenAt.localeCompare(a.givenAt));
}

/**
 * The person takes a consent back. For a household set up by a helper, nobody acts for it from the next
 * request on (access rules read `onBehalfConsent` from the stored profile). Withdrawing twice changes nothing.
 */
export async function withdrawConsent(
  deps: ConsentDeps,
  actor: Actor,
  consentId: string,
): Promise<ConsentRecord> {
  const consent = await deps.privacy.getConsent(actor.userId, consentId);
  if (!consent) throw notFound(CONSENT, 'consent_not_found');
  if (consent.userId !== actor.userId) throw forbidden();
  if (consent.status === 'withdrawn') return consent;
  const profile = await deps.people.get(actor.userId);
  if (!profile) throw notFound({ vi: 'tài khoản', en: 'account' });
  const now = deps.clock.now().toISOString();
  const withdrawn: ConsentRecord = { ...consent, status: 'withdrawn', withdrawnAt: now };
  const next: UserProfile = {
    ...profile,
    ...(consent.purpose === 'household_by_helper' ? { onBehalfConsent: 'withdrawn' as const } : {}),
    version: (profile.version ?? 0) + 1,
    updatedAt: now,
  };
  const audit = auditEntry(
    deps,
    actor.userId,
    'consent_withdrawn',
    { kind: 'person', id: actor.userId },
    { consent: consent.id, purpose: consent.purpose, status: 'given' },
    { consent: consent.id, purpose: consent.purpose, status: 'withdrawn' },
  );
  const result = await deps.privacy.withdrawConsent({
    consent: withdrawn,
    profile: next,
    expectedVersion: profile.version ?? 0,
    audit,
  });
  if (result === 'stale')
    throw conflict('consent_stale', {
      vi: 'Tài khoản vừa thay đổi. Hãy tải lại trang rồi làm lại.',
      en: 'Your account changed just now. Reload and try again.',
    });
  return withdrawn;
}
