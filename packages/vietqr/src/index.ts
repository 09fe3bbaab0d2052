export { type Bank, type BankEntry, bankByBin, findBank, listBanks } from './banks.ts';
export { buildVietQR } from './build.ts';
export { crc16, crcHex } from './crc.ts';
export {
  type Message,
  VietQRBuildError,
  type VietQRErrorCode,
  type VietQRIssue,
  type VietQRWarning,
  type VietQRWarningCode,
} from './errors.ts';
export { type FieldSpec, type Format, type Presence, ROOT as FIELD_TABLE, type Template } from './fields.ts';
export { parseVietQR } from './parse.ts';
export { transliterate } from './transliterate.ts';
export type {
  AdditionalData,
  AlternateLanguage,
  AlternateLanguageInput,
  ParseResult,
  PointOfInitiation,
  Service,
  TipOrFee,
  VietQRData,
  VietQRInput,
} from './types.ts';
