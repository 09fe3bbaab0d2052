import { createHash } from 'node:crypto';
import type { LocalizedMessage } from '../errors/domain-error.ts';

/**
 * What a person agrees to, word for word, versioned (Law on Personal Data Protection, in force 1 January
 * 2026: consent must be specific and provable). A text is never edited in place: a change is a new version
 * appended to its purpose's list, and every consent record keeps the version and a hash of the Vietnamese
 * text it was given for, so what someone agreed to can be shown years later (decision 0822).
 */
export interface ConsentText extends LocalizedMessage {
  /** The day this wording took effect. */
  readonly version: string;
}

export const consentPurposes = ['household_by_helper'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentTexts: Record<ConsentPurpose, readonly ConsentText[]> = {
  household_by_helper: [
    {
      version: '2026-01-01',
      vi: 'Tôi đồng ý để cán bộ xã hoặc thành viên tổ công nghệ số cộng đồng có tên dưới đây tạo tài khoản Chợ Phiên cho hộ tôi với họ tên, số điện thoại và xã, phường nơi hộ ở; và để cán bộ xã nơi hộ ở giúp hộ ghi sản phẩm, nhật ký sản xuất và đơn hàng trên Chợ Phiên. Tiền bán hàng luôn chuyển thẳng vào tài khoản ngân hàng của hộ. Tôi có thể xem, tải về dữ liệu của hộ và rút lại sự đồng ý này bất cứ lúc nào ở trang “Dữ liệu cá nhân”; khi rút lại, không ai được làm thay cho hộ nữa.',
      en: 'I agree that the commune officer or community digital team member named below creates a Chợ Phiên account for my household with its name, phone number and commune; and that the officers of our commune help the household record its products, production diary and orders on Chợ Phiên. Sales money always goes straight to the household’s own bank account. I can see and download the household’s data and withdraw this consent at any time on the “Personal data” page; once withdrawn, nobody may act for the household any more.',
    },
  ],
};

/** The wording in force now: the last version of its purpose. */
export function currentConsentText(purpose: ConsentPurpose): ConsentText {
  const versions = consentTexts[purpose];
  const current = versions[versions.length - 1];
  if (!current) throw new Error(`no consent text for ${purpose}`);
  return current;
}

/** The wording a record was given for, or undefined when the version is unknown. */
export const consentTextOf = (purpose: ConsentPurpose, version: string): ConsentText | undefined =>
  consentTexts[purpose].find((text) => text.version === version);

/** SHA-256 of the Vietnamese wording: stored with each consent so a later change of a text would show. */
export const consentTextHash = (text: ConsentText): string =>
  createHash('sha256').update(text.vi).digest('hex');
