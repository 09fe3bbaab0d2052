/**
 * Every error this package can report, with a stable code and one message in Vietnamese and English.
 * Codes are part of the public contract (stored in logs, matched by callers); never rename one.
 */
const MESSAGES = {
  DL_NOT_A_STRING: { vi: 'Đầu vào không phải chuỗi ký tự', en: 'Input is not a string' },
  DL_TOO_LONG: { vi: 'URI quá dài', en: 'URI is too long' },
  DL_BAD_URI_CHAR: { vi: 'URI chứa ký tự không hợp lệ', en: 'URI contains illegal characters' },
  DL_BAD_SCHEME: {
    vi: 'Scheme phải là http://, HTTP://, https:// hoặc HTTPS://',
    en: 'Scheme must be http:// or HTTP:// or https:// or HTTPS://',
  },
  DL_BAD_DOMAIN: {
    vi: 'Tên miền trống hoặc chứa ký tự không hợp lệ',
    en: 'Domain is empty or contains illegal characters',
  },
  DL_NO_PRIMARY_KEY: {
    vi: 'Không tìm thấy khoá chính GS1 trong đường dẫn',
    en: 'No GS1 DL keys found in path info',
  },
  DL_TRAILING_SLASH: {
    vi: 'Đường dẫn không được kết thúc bằng dấu /',
    en: 'Path info cannot end in a slash',
  },
  DL_EMPTY_PATH_VALUE: { vi: 'Giá trị trong đường dẫn bị trống', en: 'Value path element is empty' },
  DL_EMPTY_QUERY_VALUE: { vi: 'Giá trị tham số truy vấn bị trống', en: 'Value query element is empty' },
  DL_BAD_PERCENT_ENCODING: {
    vi: 'Mã hoá phần trăm (%XX) không hợp lệ',
    en: 'Malformed percent-encoding (%XX)',
  },
  DL_NULL_CHARACTER: {
    vi: 'Giá trị sau giải mã chứa ký tự NUL',
    en: 'Decoded value contains an illegal null character',
  },
  DL_BAD_QUALIFIER_SEQUENCE: {
    vi: 'Các AI trong đường dẫn không phải chuỗi định danh phụ hợp lệ của khoá (sai thứ tự hoặc không được phép)',
    en: 'The AIs in the path are not a valid key-qualifier sequence for the key',
  },
  DL_UNKNOWN_AI: { vi: 'AI không tồn tại trong từ điển GS1', en: 'Unknown AI' },
  DL_NOT_DATA_ATTRIBUTE: {
    vi: 'AI này không được phép làm thuộc tính dữ liệu trong chuỗi truy vấn',
    en: 'AI is not a permitted Digital Link data attribute',
  },
  DL_QUALIFIER_IN_QUERY: {
    vi: 'AI này là định danh phụ của khoá và phải nằm trong đường dẫn, không phải chuỗi truy vấn',
    en: 'AI from query params should be in the path info',
  },
  DL_DUPLICATE_AI: { vi: 'AI xuất hiện nhiều lần', en: 'AI appears more than once' },
  DL_VALUE_TOO_SHORT: { vi: 'Giá trị AI quá ngắn', en: 'AI value is too short' },
  DL_VALUE_TOO_LONG: { vi: 'Giá trị AI quá dài', en: 'AI value is too long' },
  DL_NOT_NUMERIC: {
    vi: 'Giá trị AI phải là chữ số',
    en: 'A non-digit character was found where a digit is expected',
  },
  DL_BAD_CSET82: {
    vi: 'Giá trị AI chứa ký tự ngoài bộ GS1 CSET 82 (không dấu cách, không chữ có dấu tiếng Việt)',
    en: 'A non-CSET 82 character was found where a CSET 82 character is expected',
  },
  DL_BAD_CSET39: {
    vi: 'Giá trị AI chứa ký tự ngoài bộ GS1 CSET 39',
    en: 'A non-CSET 39 character was found',
  },
  DL_BAD_CSET64: {
    vi: 'Giá trị AI chứa ký tự ngoài bộ GS1 CSET 64',
    en: 'A non-CSET 64 character was found',
  },
  DL_BAD_CHECK_DIGIT: { vi: 'Số kiểm tra không đúng', en: 'Incorrect check digit' },
  DL_BAD_DATE: { vi: 'Ngày tháng không hợp lệ', en: 'Invalid date' },
  DL_BAD_TIME: { vi: 'Giờ phút không hợp lệ', en: 'Invalid time' },
  DL_BAD_COMPONENT: {
    vi: 'Một thành phần của giá trị AI không hợp lệ',
    en: 'A component of the AI value is invalid',
  },
  DL_REQUIRED_AI_MISSING: {
    vi: 'Thiếu AI bắt buộc đi kèm (quy tắc req= của từ điển GS1)',
    en: 'A required associated AI is missing (dictionary req= rule)',
  },
  DL_EXCLUDED_AI_PAIR: {
    vi: 'Hai AI này không được dùng cùng nhau (quy tắc ex= của từ điển GS1)',
    en: 'These AIs must not appear together (dictionary ex= rule)',
  },
  DL_INTERNAL: { vi: 'Lỗi nội bộ khi phân tích', en: 'Internal parser error' },
  GTIN_INVALID: { vi: 'GTIN không hợp lệ (8/12/13/14 chữ số, số kiểm tra đúng)', en: 'Invalid GTIN' },
  BUILD_BAD_INPUT: { vi: 'Dữ liệu đầu vào không hợp lệ', en: 'Invalid input' },
  EPCIS_BAD_INPUT: { vi: 'Dữ liệu sự kiện EPCIS không hợp lệ', en: 'Invalid EPCIS event input' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type Gs1ErrorCode = keyof typeof MESSAGES;

export interface LocalizedMessage {
  readonly vi: string;
  readonly en: string;
}

export interface Gs1Issue {
  readonly code: Gs1ErrorCode;
  readonly message: LocalizedMessage;
  /** The AI the problem is about, when there is one. */
  readonly ai?: string;
  /** Extra context (a value, a position), never needed to interpret `code`. */
  readonly detail?: string;
}

export function issue(code: Gs1ErrorCode, ai?: string, detail?: string): Gs1Issue {
  const base = MESSAGES[code];
  const message = ai === undefined ? base : { vi: `AI (${ai}): ${base.vi}`, en: `AI (${ai}): ${base.en}` };
  const out: { code: Gs1ErrorCode; message: LocalizedMessage; ai?: string; detail?: string } = {
    code,
    message,
  };
  if (ai !== undefined) out.ai = ai;
  if (detail !== undefined) out.detail = detail;
  return out;
}

export function messageOf(code: Gs1ErrorCode): LocalizedMessage {
  return MESSAGES[code];
}

/** Thrown by the builders (never by the parser), so a programming mistake fails loudly with a stable code. */
export class Gs1Error extends Error {
  readonly code: Gs1ErrorCode;
  readonly issues: readonly Gs1Issue[];
  constructor(issues: readonly Gs1Issue[]) {
    const first = issues[0] ?? issue('DL_INTERNAL');
    super(`${first.code}: ${first.message.en}${first.detail ? ` (${first.detail})` : ''}`);
    this.name = 'Gs1Error';
    this.code = first.code;
    this.issues = issues;
  }
}
