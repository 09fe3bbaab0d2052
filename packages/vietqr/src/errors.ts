/**
 * Stable error and warning codes. Callers (API, bots, support tools) branch on `code` and `path`,
 * never on the message text, so messages may be reworded but codes must never change meaning.
 */
export type VietQRErrorCode =
  | 'EMPTY_PAYLOAD'
  | 'TLV_MALFORMED'
  | 'LENGTH_OVERRUN'
  | 'LENGTH_INVALID'
  | 'TEMPLATE_MALFORMED'
  | 'DUPLICATE_FIELD'
  | 'PAYLOAD_FORMAT_NOT_FIRST'
  | 'PAYLOAD_FORMAT_INVALID'
  | 'CRC_MISSING'
  | 'CRC_NOT_LAST'
  | 'CRC_MISMATCH'
  | 'CRC_FORMAT'
  | 'FIELD_MISSING'
  | 'FIELD_EMPTY'
  | 'VALUE_TOO_LONG'
  | 'VALUE_TOO_SHORT'
  | 'NOT_NUMERIC'
  | 'NOT_ASCII'
  | 'POI_INVALID'
  | 'GUID_NOT_NAPAS'
  | 'OTHER_NETWORK'
  | 'BIN_INVALID'
  | 'BANK_UNKNOWN'
  | 'SERVICE_INVALID'
  | 'CURRENCY_NOT_VND'
  | 'COUNTRY_NOT_VN'
  | 'AMOUNT_INVALID'
  | 'TIP_INDICATOR_INVALID'
  | 'TIP_FIELD_CONFLICT'
  | 'FEE_PERCENT_INVALID'
  | 'DATA_REQUEST_INVALID'
  | 'INPUT_INVALID'
  | 'INTERNAL_ERROR';

export type VietQRWarningCode =
  | 'CRC_LOWERCASE'
  | 'AMOUNT_TRAILING_DOT'
  | 'AMOUNT_OVER_NAPAS_LIMIT'
  | 'SERVICE_CODE_MISSING'
  | 'SERVICE_CODE_UNKNOWN'
  | 'BANK_UNKNOWN'
  | 'UNRESERVED_NOT_TEMPLATE';

export interface Message {
  readonly vi: string;
  readonly en: string;
}

export interface VietQRIssue<C extends string = VietQRErrorCode> {
  readonly code: C;
  /** Dotted field path such as `38.01.01`; empty for the payload as a whole. */
  readonly path: string;
  readonly message: Message;
}

export type VietQRWarning = VietQRIssue<VietQRWarningCode>;

/** Facts interpolated into messages. */
export interface IssueFacts {
  readonly name?: string;
  readonly max?: number;
  readonly min?: number;
  readonly length?: number;
  readonly expected?: string;
  readonly actual?: string;
  readonly position?: number;
  readonly network?: string;
}

type MessageTemplate = (path: string, f: IssueFacts) => Message;

const field = (path: string, f: IssueFacts): string => (f.name ? `${f.name} (${path})` : path);

const ERROR_MESSAGES: Record<VietQRErrorCode, MessageTemplate> = {
  EMPTY_PAYLOAD: () => ({ vi: 'Chuỗi mã QR rỗng.', en: 'The QR payload is empty.' }),
  TLV_MALFORMED: (p, f) => ({
    vi: `Cấu trúc ID-độ dài-giá trị hỏng tại vị trí ${f.position} (${p || 'gốc'}).`,
    en: `Malformed ID-length-value structure at position ${f.position} (${p || 'root'}).`,
  }),
  LENGTH_OVERRUN: (p, f) => ({
    vi: `Trường ${p} khai báo độ dài ${f.length} nhưng chỉ còn ${f.max} ký tự.`,
    en: `Field ${p} declares length ${f.length} but only ${f.max} characters remain.`,
  }),
  LENGTH_INVALID: (p, f) => ({
    vi: `Trường ${p} có độ dài không hợp lệ "${f.actual}" (phải từ 01 đến 99).`,
    en: `Field ${p} has an invalid length "${f.actual}" (must be 01 to 99).`,
  }),
  TEMPLATE_MALFORMED: (p) => ({
    vi: `Mẫu lồng nhau ${p} không tách được thành các trường con hợp lệ.`,
    en: `Nested template ${p} does not split into valid sub-fields.`,
  }),
  DUPLICATE_FIELD: (p) => ({
    vi: `Trường ${p} xuất hiện nhiều lần.`,
    en: `Field ${p} appears more than once.`,
  }),
  PAYLOAD_FORMAT_NOT_FIRST: () => ({
    vi: 'Trường 00 (phiên bản dữ liệu) phải đứng đầu.',
    en: 'Field 00 (payload format indicator) must come first.',
  }),
  PAYLOAD_FORMAT_INVALID: (_p, f) => ({
    vi: `Phiên bản dữ liệu (00) phải là "01", nhận được "${f.actual}".`,
    en: `Payload format indicator (00) must be "01", got "${f.actual}".`,
  }),
  CRC_MISSING: () => ({ vi: 'Thiếu mã kiểm tra CRC (63).', en: 'The CRC (63) is missing.' }),
  CRC_NOT_LAST: () => ({
    vi: 'Mã kiểm tra CRC (63) phải là trường cuối cùng.',
    en: 'The CRC (63) must be the last field.',
  }),
  CRC_MISMATCH: (_p, f) => ({
    vi: `Mã kiểm tra CRC không khớp: trong mã là ${f.actual}, tính được ${f.expected}.`,
    en: `CRC mismatch: the payload says ${f.actual}, computed ${f.expected}.`,
  }),
  CRC_FORMAT: (_p, f) => ({
    vi: `Mã kiểm tra CRC phải là 4 ký tự thập lục phân, nhận được "${f.actual}".`,
    en: `The CRC must be 4 hexadecimal digits, got "${f.actual}".`,
  }),
  FIELD_MISSING: (p, f) => ({
    vi: `Thiếu trường bắt buộc ${field(p, f)}.`,
    en: `Mandatory field ${field(p, f)} is missing.`,
  }),
  FIELD_EMPTY: (p, f) => ({ vi: `Trường ${field(p, f)} để trống.`, en: `Field ${field(p, f)} is empty.` }),
  VALUE_TOO_LONG: (p, f) => ({
    vi: `Trường ${field(p, f)} dài ${f.length} ký tự, tối đa ${f.max}.`,
    en: `Field ${field(p, f)} is ${f.length} characters long; the limit is ${f.max}.`,
  }),
  VALUE_TOO_SHORT: (p, f) => ({
    vi: `Trường ${field(p, f)} dài ${f.length} ký tự, cần ít nhất ${f.min}.`,
    en: `Field ${field(p, f)} is ${f.length} characters long; at least ${f.min} are required.`,
  }),
  NOT_NUMERIC: (p, f) => ({
    vi: `Trường ${field(p, f)} chỉ được chứa chữ số.`,
    en: `Field ${field(p, f)} must contain digits only.`,
  }),
  NOT_ASCII: (p, f) => ({
    vi: `Trường ${field(p, f)} chỉ được chứa ký tự ASCII in được (không dấu).`,
    en: `Field ${field(p, f)} may contain printable ASCII only (no diacritics).`,
  }),
  POI_INVALID: (_p, f) => ({
    vi: `Phương thức khởi tạo (01) phải là "11" (tĩnh) hoặc "12" (động), nhận được "${f.actual}".`,
    en: `Point of initiation (01) must be "11" (static) or "12" (dynamic), got "${f.actual}".`,
  }),
  GUID_NOT_NAPAS: (_p, f) => ({
    vi: `Định danh (38.00) phải là A000000727 của NAPAS, nhận được "${f.actual}".`,
    en: `The GUID (38.00) must be NAPAS's A000000727, got "${f.actual}".`,
  }),
  OTHER_NETWORK: (p, f) => ({
    vi: `Đây không phải mã VietQR mà là mã của mạng khác: ${f.network} (trường ${p}).`,
    en: `This is not a VietQR code but a code of another network: ${f.network} (field ${p}).`,
  }),
  BIN_INVALID: (_p, f) => ({
    vi: `Mã BIN ngân hàng phải gồm đúng 6 chữ số, nhận được "${f.actual}".`,
    en: `The bank BIN must be exactly 6 digits, got "${f.actual}".`,
  }),
  BANK_UNKNOWN: (_p, f) => ({
    vi: `Không tìm thấy ngân hàng "${f.actual}" trong danh bạ.`,
    en: `Bank "${f.actual}" is not in the directory.`,
  }),
  SERVICE_INVALID: (_p, f) => ({
    vi: `Loại dịch vụ không hợp lệ: "${f.actual}" (dùng "account" hoặc "card").`,
    en: `Invalid service: "${f.actual}" (use "account" or "card").`,
  }),
  CURRENCY_NOT_VND: (_p, f) => ({
    vi: `Tiền tệ (53) phải là 704 (VND), nhận được "${f.actual}".`,
    en: `Currency (53) must be 704 (VND), got "${f.actual}".`,
  }),
  COUNTRY_NOT_VN: (_p, f) => ({
    vi: `Mã quốc gia (58) phải là VN, nhận được "${f.actual}".`,
    en: `Country code (58) must be VN, got "${f.actual}".`,
  }),
  AMOUNT_INVALID: (p, f) => ({
    vi: `Số tiền ${p} không hợp lệ: "${f.actual}" (số nguyên VND lớn hơn 0, không phân cách, không phần lẻ).`,
    en: `Invalid amount ${p}: "${f.actual}" (integer VND above 0, no separators, no decimals).`,
  }),
  TIP_INDICATOR_INVALID: (_p, f) => ({
    vi: `Chỉ báo tiền boa/phí (55) phải là 01, 02 hoặc 03, nhận được "${f.actual}".`,
    en: `Tip or convenience indicator (55) must be 01, 02 or 03, got "${f.actual}".`,
  }),
  TIP_FIELD_CONFLICT: (p, f) => ({
    vi: `Trường ${p} không khớp với chỉ báo tiền boa/phí (55 = ${f.actual ?? 'không có'}).`,
    en: `Field ${p} does not match the tip or convenience indicator (55 = ${f.actual ?? 'absent'}).`,
  }),
  FEE_PERCENT_INVALID: (_p, f) => ({
    vi: `Phí phần trăm (57) phải từ 00.01 đến 99.99, nhận được "${f.actual}".`,
    en: `Percentage fee (57) must be between 00.01 and 99.99, got "${f.actual}".`,
  }),
  INTERNAL_ERROR: () => ({
    vi: 'Lỗi nội bộ của bộ giải mã; xin báo lại kèm chuỗi mã.',
    en: 'Internal parser error; please report it with the payload.',
  }),
  DATA_REQUEST_INVALID: (_p, f) => ({
    vi: `Yêu cầu dữ liệu khách hàng (62.09) chỉ gồm A, M, E, mỗi chữ tối đa một lần; nhận được "${f.actual}".`,
    en: `Consumer data request (62.09) may only hold A, M, E, each at most once; got "${f.actual}".`,
  }),
  INPUT_INVALID: (p, f) => ({
    vi: `Giá trị đầu vào không hợp lệ cho ${field(p, f)}: ${f.actual}.`,
    en: `Invalid input for ${field(p, f)}: ${f.actual}.`,
  }),
};

const WARNING_MESSAGES: Record<VietQRWarningCode, MessageTemplate> = {
  CRC_LOWERCASE: () => ({
    vi: 'Mã CRC viết thường; chấp nhận, nhưng chuẩn dùng chữ hoa.',
    en: 'The CRC is lower-case; accepted, but the standard uses upper case.',
  }),
  AMOUNT_TRAILING_DOT: () => ({
    vi: 'Số tiền kết thúc bằng dấu chấm; hợp lệ theo chuẩn nhưng có ứng dụng không chấp nhận.',
    en: 'The amount ends with a dot; valid per the standard, but some apps may refuse it.',
  }),
  AMOUNT_OVER_NAPAS_LIMIT: () => ({
    vi: 'Số tiền từ 500 triệu VND trở lên vượt hạn mức một giao dịch NAPAS247.',
    en: 'An amount of 500 million VND or more exceeds the NAPAS247 per-transaction limit.',
  }),
  SERVICE_CODE_MISSING: () => ({
    vi: 'Thiếu mã dịch vụ (38.02); ứng dụng thường hiểu là chuyển đến tài khoản.',
    en: 'The service code (38.02) is missing; apps usually assume a transfer to an account.',
  }),
  SERVICE_CODE_UNKNOWN: (_p, f) => ({
    vi: `Mã dịch vụ lạ "${f.actual}" (đã biết: QRIBFTTA, QRIBFTTC, QRPUSH, QRCASH).`,
    en: `Unknown service code "${f.actual}" (known: QRIBFTTA, QRIBFTTC, QRPUSH, QRCASH).`,
  }),
  BANK_UNKNOWN: (_p, f) => ({
    vi: `BIN ${f.actual} không có trong danh bạ ngân hàng; mã vẫn có thể hợp lệ.`,
    en: `BIN ${f.actual} is not in the bank directory; the code may still be valid.`,
  }),
  UNRESERVED_NOT_TEMPLATE: (p) => ({
    vi: `Trường ${p} không phải mẫu lồng nhau như chuẩn gợi ý; đã giữ nguyên giá trị.`,
    en: `Field ${p} is not a nested template as the standard suggests; its raw value is kept.`,
  }),
};

export function errorIssue(code: VietQRErrorCode, path: string, facts: IssueFacts = {}): VietQRIssue {
  return { code, path, message: ERROR_MESSAGES[code](path, facts) };
}

export function warningIssue(code: VietQRWarningCode, path: string, facts: IssueFacts = {}): VietQRWarning {
  return { code, path, message: WARNING_MESSAGES[code](path, facts) };
}

/** Thrown by `buildVietQR`: invalid input is a programming error at the call site, not a data condition. */
export class VietQRBuildError extends Error {
  readonly code: VietQRErrorCode;
  /** Input field name (e.g. `purpose`), or the payload path when no input field applies. */
  readonly field: string;
  readonly path: string;
  readonly messages: Message;

  constructor(code: VietQRErrorCode, field: string, path: string, facts: IssueFacts = {}) {
    const messages = ERROR_MESSAGES[code](path, { name: field, ...facts });
    super(`${messages.en} / ${messages.vi}`);
    this.name = 'VietQRBuildError';
    this.code = code;
    this.field = field;
    this.path = path;
    this.messages = messages;
  }
}
