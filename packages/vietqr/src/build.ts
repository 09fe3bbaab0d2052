/**
 * `buildVietQR`: input → payload in canonical ascending field order with the CRC last.
 * Invalid input throws `VietQRBuildError` (code, field, vi/en messages): a caller passing a
 * 30-character memo has a bug to fix, and a thrown error cannot be silently ignored.
 */
import { findBank } from './banks.ts';
import { crc16, crcHex } from './crc.ts';
import { VietQRBuildError } from './errors.ts';
import {
  COUNTRY_VN,
  CURRENCY_VND,
  F,
  type FieldSpec,
  NAPAS_GUID,
  SERVICE_ACCOUNT,
  SERVICE_CARD,
} from './fields.ts';
import { formatAmount } from './rules.ts';
import { charLength, checkValue, encodeTlv } from './tlv.ts';
import { isAscii, transliterate } from './transliterate.ts';
import type { AlternateLanguageInput, VietQRInput } from './types.ts';

/**
 * One field, ready to encode: Vietnamese in ASCII-only free text is transliterated first, then
 * the length is checked; over-long text is an error unless the caller asked for truncation.
 */
function field(spec: FieldSpec, inputName: string, raw: string, truncate: boolean): string {
  if (typeof raw !== 'string') {
    throw new VietQRBuildError('INPUT_INVALID', inputName, spec.path, {
      actual: `${typeof raw}, expected string`,
    });
  }
  let value = spec.format === 'S' ? raw.normalize('NFC') : raw;
  let chars = spec.format === 'S' ? charLength(value) : value.length;
  let problem = checkValue(spec, value, 0, value.length, chars);
  if (problem && spec.freeText) {
    if (spec.format === 'ANS' && !isAscii(value)) value = transliterate(value);
    chars = spec.format === 'S' ? charLength(value) : value.length;
    if (truncate && chars > spec.max) {
      value = value.slice(0, spec.max);
      chars = spec.max;
    }
    problem = checkValue(spec, value, 0, value.length, chars);
  }
  if (problem) {
    throw new VietQRBuildError(problem, inputName, spec.path, {
      length: chars,
      max: spec.max,
      min: spec.min,
    });
  }
  return encodeTlv(spec.id, value, chars);
}

function optional(spec: FieldSpec, inputName: string, raw: string | undefined, truncate: boolean): string {
  return raw === undefined || raw === '' ? '' : field(spec, inputName, raw, truncate);
}

/**
 * A template's value has its own 99-character ceiling, on top of its children's limits.
 * `ascii`: every child was checked to be ASCII, so UTF-16 length is the character count.
 */
function wrap(spec: FieldSpec, inputName: string, content: string, ascii: boolean): string {
  if (content === '') return '';
  const chars = ascii ? content.length : charLength(content);
  if (chars > spec.max) {
    throw new VietQRBuildError('VALUE_TOO_LONG', inputName, spec.path, { length: chars, max: spec.max });
  }
  return encodeTlv(spec.id, content, chars);
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}

function resolveBin(bin: string): string {
  if (typeof bin !== 'string' || bin.trim() === '') {
    throw new VietQRBuildError('FIELD_MISSING', 'bin', F.bin.path, { name: 'bin' });
  }
  if (bin.length === 6 && isDigits(bin)) return bin;
  const bank = findBank(bin);
  if (!bank) {
    if (isDigits(bin)) throw new VietQRBuildError('BIN_INVALID', 'bin', F.bin.path, { actual: bin });
    throw new VietQRBuildError('BANK_UNKNOWN', 'bin', F.bin.path, { actual: bin });
  }
  return bank.bin;
}

function serviceCode(service: VietQRInput['service']): string {
  if (service === undefined || service === 'account') return SERVICE_ACCOUNT;
  if (service === 'card') return SERVICE_CARD;
  throw new VietQRBuildError('SERVICE_INVALID', 'service', F.serviceCode.path, { actual: String(service) });
}

function languageTemplate(input: AlternateLanguageInput | undefined): string {
  if (!input) return '';
  const children = F.alternateLanguage.template!;
  const content =
    field(children.byId[0]!, 'alternateLanguage.language', input.language, false) +
    field(children.byId[1]!, 'alternateLanguage.merchantName', input.merchantName, false) +
    optional(children.byId[2]!, 'alternateLanguage.merchantCity', input.merchantCity, false);
  return wrap(F.alternateLanguage, 'alternateLanguage', content, false);
}

// Fixed fragments, encoded once.
const PAYLOAD_FORMAT = encodeTlv('00', '01', 2);
const POI_STATIC = encodeTlv('01', '11', 2);
const POI_DYNAMIC = encodeTlv('01', '12', 2);
const GUID = encodeTlv('00', NAPAS_GUID, NAPAS_GUID.length);
const CURRENCY = encodeTlv('53', CURRENCY_VND, 3);
const COUNTRY = encodeTlv('58', COUNTRY_VN, 2);
const CRC_HEADER = '6304';
// Every payload starts with 00 and 01, so the CRC state after them is a constant.
const PREFIX_LENGTH = PAYLOAD_FORMAT.length + POI_STATIC.length;
const CRC_AFTER_STATIC = crc16(PAYLOAD_FORMAT + POI_STATIC);
const CRC_AFTER_DYNAMIC = crc16(PAYLOAD_FORMAT + POI_DYNAMIC);

export function buildVietQR(input: VietQRInput): string {
  if (input === null || typeof input !== 'object') {
    throw new VietQRBuildError('INPUT_INVALID', 'input', '', { actual: 'not an object' });
  }
  const truncate = input.truncate === true;
  const bin = resolveBin(input.bin);
  if (input.accountNumber === undefined || input.accountNumber === '') {
    throw new VietQRBuildError('FIELD_MISSING', 'accountNumber', F.accountNumber.path, {
      name: 'accountNumber',
    });
  }
  const beneficiary = wrap(
    F.beneficiary,
    'accountNumber',
    encodeTlv('00', bin, 6) + field(F.accountNumber, 'accountNumber', input.accountNumber, false),
    true,
  );
  const service = serviceCode(input.service);
  const merchantAccount = wrap(
    F.merchantAccount,
    'accountNumber',
    GUID + beneficiary + encodeTlv('02', service, service.length),
    true,
  );

  let amount = '';
  if (input.amount !== undefined) {
    const digits = formatAmount(input.amount);
    if (digits === undefined) {
      throw new VietQRBuildError('AMOUNT_INVALID', 'amount', F.amount.path, { actual: String(input.amount) });
    }
    amount = encodeTlv('54', digits, digits.length);
  }
  const poi = input.pointOfInitiation ?? (amount ? 'dynamic' : 'static');
  if (poi !== 'static' && poi !== 'dynamic') {
    throw new VietQRBuildError('POI_INVALID', 'pointOfInitiation', F.poi.path, { actual: String(poi) });
  }

  // Named reads rather than a loop over keys: keeps property access monomorphic on the hot path.
  const a = F.additional.template!.byId;
  const additionalContent =
    optional(a[1]!, 'billNumber', input.billNumber, truncate) +
    optional(a[2]!, 'mobileNumber', input.mobileNumber, truncate) +
    optional(a[3]!, 'storeLabel', input.storeLabel, truncate) +
    optional(a[4]!, 'loyaltyNumber', input.loyaltyNumber, truncate) +
    optional(a[5]!, 'referenceLabel', input.referenceLabel, truncate) +
    optional(a[6]!, 'customerLabel', input.customerLabel, truncate) +
    optional(a[7]!, 'terminalLabel', input.terminalLabel, truncate) +
    optional(a[8]!, 'purpose', input.purpose, truncate);

  const body =
    PAYLOAD_FORMAT +
    (poi === 'dynamic' ? POI_DYNAMIC : POI_STATIC) +
    merchantAccount +
    optional(F.mcc, 'mcc', input.mcc, false) +
    CURRENCY +
    amount +
    COUNTRY +
    optional(F.merchantName, 'merchantName', input.merchantName, truncate) +
    optional(F.merchantCity, 'merchantCity', input.merchantCity, truncate) +
    optional(F.postalCode, 'postalCode', input.postalCode, truncate) +
    wrap(F.additional, 'additional', additionalContent, true) +
    languageTemplate(input.alternateLanguage) +
    CRC_HEADER;
  const crc = crc16(
    body,
    body.length,
    PREFIX_LENGTH,
    poi === 'dynamic' ? CRC_AFTER_DYNAMIC : CRC_AFTER_STATIC,
  );
  return body + crcHex(crc);
}
