import type { ConsentPurpose } from './consent-texts.ts';

/** How a household said yes when someone else set up its account (decision 0821). */
export type ConsentMethod = 'sms_code' | 'signed_paper';

/**
 * One consent a person gave: the purpose and the exact version of its text, who recorded it, when and how.
 * Kept after it is withdrawn (and after the account is erased): it is the proof of what was agreed, and when.
 */
export interface ConsentRecord {
  readonly id: string;
  readonly userId: string;
  readonly purpose: ConsentPurpose;
  readonly version: string;
  /** SHA-256 of the Vietnamese text of that version (consentTextHash). */
  readonly textHash: string;
  readonly method: ConsentMethod;
  /** Who asked and recorded it (a commune officer or digital team member). */
  readonly recordedBy: string;
  readonly recordedByName: string;
  readonly givenAt: string;
  readonly status: 'given' | 'withdrawn';
  readonly withdrawnAt?: string;
  /** `signed_paper`: a photo of the signed paper is kept beside the record (ConsentEvidence). */
  readonly hasEvidence: boolean;
}

/** The photo of a signed consent paper: a re-encoded JPEG without metadata, never public. */
export interface ConsentEvidence {
  readonly consentId: string;
  readonly userId: string;
  readonly contentType: 'image/jpeg';
  readonly bytes: Uint8Array;
}
