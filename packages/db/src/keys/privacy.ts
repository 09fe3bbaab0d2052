// Keys of personal data: consent records and their evidence (see docs/decisions/0002-table-design.md, "Onboarding").
import type { ItemKeys } from './foundation.ts';

/** A person's consents live in their own partition (newest last by time); a helper's list is on GSI1. */
export const consentKeys = (consent: {
  id: string;
  userId: string;
  givenAt: string;
  recordedBy: string;
}): ItemKeys => ({
  PK: `USER#${consent.userId}`,
  SK: `CONSENT#${consent.id}`,
  GSI1PK: consentsRecordedByPk(consent.recordedBy),
  GSI1SK: `${consent.givenAt}#${consent.id}`,
});
export const consentKey = (userId: string, consentId: string) => ({
  PK: `USER#${userId}`,
  SK: `CONSENT#${consentId}`,
});
export const consentsOfUserPrefix = (userId: string) => ({ PK: `USER#${userId}`, SKPrefix: 'CONSENT#' });
export const consentsRecordedByPk = (helperId: string) => `CONSENTSBY#${helperId}`;
/** The photo of a signed consent paper, beside its record; never served publicly. */
export const consentEvidenceKey = (userId: string, consentId: string) => ({
  PK: `USER#${userId}`,
  SK: `CONSENTPHOTO#${consentId}`,
});
