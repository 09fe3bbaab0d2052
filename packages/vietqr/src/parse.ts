/**
 * `parseVietQR`: one pass over the payload with index arithmetic. Each template is scanned once
 * into a span table (`parser/scan.ts`), values are validated in place (`parser/checks.ts`), and only
 * the ones returned to the caller are cut out as substrings (`parser/read.ts`). Never throws.
 */
import { bankByBin, publicBank } from './banks.ts';
import { crc16Ascii } from './crc.ts';
import { errorIssue } from './errors.ts';
import {
  COUNTRY_VN,
  CURRENCY_VND,
  F,
  KNOWN_SERVICE_CODES,
  NAPAS_GUID,
  NAPAS247_LIMIT_VND,
  OTHER_NETWORK_GUIDS,
  ROOT,
} from './fields.ts';
import {
  checkCrc,
  checkSpec,
  checkTipAndFee,
  checkTrailingCrc,
  checkUnreserved,
  nested,
  peekGuid,
} from './parser/checks.ts';
import { collectUnknown, readAdditional, readTemplateFields, readTipOrFee } from './parser/read.ts';
import {
  Context,
  countOf,
  endOf,
  equals,
  has,
  hasSurrogates,
  idAt,
  NO_SPANS,
  scan,
  startOf,
  subPath,
  text,
} from './parser/scan.ts';
import { isConsumerDataRequest, readAmount } from './rules.ts';
import type { ParseResult, VietQRData } from './types.ts';

export function parseVietQR(payload: string): ParseResult {
  if (typeof payload !== 'string' || payload.length === 0) {
    return { ok: false, errors: [errorIssue('EMPTY_PAYLOAD', '')], warnings: [] };
  }
  // For the usual all-ASCII payload one pass both proves "no astral characters" and computes the CRC.
  const crcEnd = payload.length - 4;
  const asciiCrc = crcEnd > 0 ? crc16Ascii(payload, crcEnd) : -1;
  const astral = asciiCrc < 0 && hasSurrogates(payload);
  const ctx = new Context(payload, astral, asciiCrc, crcEnd);
  try {
    return parseInto(ctx);
  } catch {
    // The contract is "never throws": a bug here must reach the caller as a result, not a crash.
    ctx.error('INTERNAL_ERROR', '');
    return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  }
}

function parseInto(ctx: Context): ParseResult {
  const s = ctx.s;
  const root = scan(ctx, 0, s.length, '');
  if (root === NO_SPANS) {
    checkTrailingCrc(ctx);
    return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  }

  if (idAt(root, 0) !== 0) {
    if (has(root, 0)) ctx.error('PAYLOAD_FORMAT_NOT_FIRST', '00');
  }
  checkCrc(ctx, root);
  // ID 38 absent but another network's template present: say which network instead of "38 missing".
  let otherNetwork = false;
  if (!has(root, 38)) {
    for (let k = 0, n = countOf(root); k < n; k++) {
      const id = idAt(root, k);
      if (id >= 2 && id <= 51) {
        const guid = peekGuid(ctx, root, id);
        const name = guid ? OTHER_NETWORK_GUIDS[guid.toUpperCase()] : undefined;
        ctx.error('OTHER_NETWORK', subPath('', id), {
          network: name ? `${name} (GUID ${guid})` : guid ? `GUID ${guid}` : `ID ${id}`,
        });
        otherNetwork = true;
        break;
      }
    }
  }
  for (const spec of ROOT.fields) {
    const id = spec.num;
    if (spec.presence === 'M' && !has(root, id) && id !== 63 && !(id === 38 && otherNetwork)) {
      ctx.error('FIELD_MISSING', spec.path, { name: spec.name.en });
    }
  }
  for (let k = 0, n = countOf(root); k < n; k++) {
    const id = idAt(root, k);
    const spec = ROOT.byId[id];
    if (spec && !spec.template && id !== 63) checkSpec(ctx, spec, startOf(root, id), endOf(root, id));
    else if (!spec && id >= 65) checkUnreserved(ctx, root, id);
  }

  if (has(root, 0) && !equals(ctx, root, 0, '01')) {
    ctx.error('PAYLOAD_FORMAT_INVALID', '00', { actual: text(ctx, root, 0) });
  }
  if (has(root, 1) && !equals(ctx, root, 1, '11') && !equals(ctx, root, 1, '12')) {
    ctx.error('POI_INVALID', '01', { actual: text(ctx, root, 1) });
  }

  const account = nested(ctx, root, F.merchantAccount);
  const beneficiary = nested(ctx, account, F.beneficiary);
  if (has(account, 0) && !equals(ctx, account, 0, NAPAS_GUID)) {
    const guid = text(ctx, account, 0)!;
    if (guid.toUpperCase() !== NAPAS_GUID) ctx.error('GUID_NOT_NAPAS', '38.00', { actual: guid });
  }
  if (account !== NO_SPANS && !has(account, 2)) ctx.warn('SERVICE_CODE_MISSING', '38.02');
  else if (account !== NO_SPANS) {
    const code = text(ctx, account, 2)!;
    if (!KNOWN_SERVICE_CODES.includes(code)) ctx.warn('SERVICE_CODE_UNKNOWN', '38.02', { actual: code });
  }

  if (has(root, 53) && !equals(ctx, root, 53, CURRENCY_VND)) {
    ctx.error('CURRENCY_NOT_VND', '53', { actual: text(ctx, root, 53) });
  }
  if (has(root, 58) && !equals(ctx, root, 58, COUNTRY_VN)) {
    ctx.error('COUNTRY_NOT_VN', '58', { actual: text(ctx, root, 58) });
  }
  let amount = -1;
  if (has(root, 54)) {
    amount = readAmount(s, startOf(root, 54), endOf(root, 54));
    if (amount < 0) ctx.error('AMOUNT_INVALID', '54', { actual: text(ctx, root, 54) });
    else {
      if (s.charCodeAt(endOf(root, 54) - 1) === 46) ctx.warn('AMOUNT_TRAILING_DOT', '54');
      if (amount >= NAPAS247_LIMIT_VND) ctx.warn('AMOUNT_OVER_NAPAS_LIMIT', '54');
    }
  }
  checkTipAndFee(ctx, root);
  const additional = nested(ctx, root, F.additional);
  if (has(additional, 9) && !isConsumerDataRequest(s, startOf(additional, 9), endOf(additional, 9))) {
    ctx.error('DATA_REQUEST_INVALID', '62.09', { actual: text(ctx, additional, 9) });
  }
  const language = nested(ctx, root, F.alternateLanguage);

  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };

  // Everything below is known to be present and well-formed.
  const bin = text(ctx, beneficiary, 0)!;
  const bank = bankByBin(bin);
  if (!bank) ctx.warn('BANK_UNKNOWN', '38.01.00', { actual: bin });
  const unknown: Record<string, string> = {};
  for (let k = 0, n = countOf(root); k < n; k++) {
    const id = idAt(root, k);
    if (!ROOT.byId[id]) unknown[subPath('', id)] = text(ctx, root, id)!;
  }
  collectUnknown(ctx, F.merchantAccount.template!, account, unknown);
  collectUnknown(ctx, F.beneficiary.template!, beneficiary, unknown);
  const additionalData = readAdditional(ctx, additional, unknown);

  // One literal with every key, in reading order: a single object shape (fast) and readable JSON.
  // Absent optional fields are `undefined`, which JSON.stringify leaves out.
  const tip = readTipOrFee(ctx, root);
  const data: VietQRData = {
    pointOfInitiation: equals(ctx, root, 1, '12') ? 'dynamic' : 'static',
    bin,
    bank: bank ? publicBank(bank) : undefined,
    accountNumber: text(ctx, beneficiary, 1)!,
    serviceCode: text(ctx, account, 2),
    amount: amount > 0 ? amount : undefined,
    currency: text(ctx, root, 53)!,
    country: text(ctx, root, 58)!,
    tipOrFee: tip,
    mcc: text(ctx, root, 52),
    merchantName: text(ctx, root, 59),
    merchantCity: text(ctx, root, 60),
    postalCode: text(ctx, root, 61),
    additional: additionalData,
    alternateLanguage: undefined,
    guid: text(ctx, account, 0)!,
    unknown,
    crc: text(ctx, root, 63)!,
  };
  if (language !== NO_SPANS) {
    const lang: Record<string, string> = {};
    readTemplateFields(ctx, F.alternateLanguage.template!, language, lang, unknown);
    data.alternateLanguage = {
      language: lang['language']!,
      merchantName: lang['merchantName']!,
      ...(lang['merchantCity'] !== undefined ? { merchantCity: lang['merchantCity'] } : {}),
    };
  }
  return { ok: true, data, warnings: ctx.warnings };
}
