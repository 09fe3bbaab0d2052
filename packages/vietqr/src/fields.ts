/**
 * The VietQR field table (NAPAS QR_Format_T&C v1.0, Tables 1, 2, 4 and 8), defined once.
 * The builder encodes from it and the parser validates against it; rules that a table row cannot
 * express (amount syntax, tip/fee coupling, fixed values such as 704/VN) live in `rules.ts`.
 */

/** N = digits; ANS = printable ASCII (EMV common character set); S = any Unicode. */
export type Format = 'N' | 'ANS' | 'S';
/** M = mandatory, O = optional, C = conditional (checked by a rule, not by the table). */
export type Presence = 'M' | 'O' | 'C';

export interface FieldSpec {
  readonly id: string;
  /** `id` as a number, for index arithmetic. */
  readonly num: number;
  /** Dotted path from the root, e.g. `38.01.01`. */
  readonly path: string;
  /** Property name in parsed data and builder input. */
  readonly key: string;
  readonly name: { readonly vi: string; readonly en: string };
  readonly format: Format;
  readonly min: number;
  readonly max: number;
  readonly presence: Presence;
  /** Free text typed by people: Vietnamese is transliterated and may be truncated on request. */
  readonly freeText: boolean;
  readonly template: Template | undefined;
}

export interface Template {
  readonly path: string;
  readonly fields: readonly FieldSpec[];
  /** Indexed by numeric ID (0–99) so the parser can dispatch without string keys. */
  readonly byId: readonly (FieldSpec | undefined)[];
}

type Row = Omit<FieldSpec, 'path' | 'template' | 'num' | 'freeText'> & {
  readonly freeText?: boolean;
  readonly children?: readonly Row[];
};

function template(path: string, rows: readonly Row[]): Template {
  const byId: (FieldSpec | undefined)[] = new Array(100).fill(undefined);
  const fields = rows.map((row) => {
    const path_ = path ? `${path}.${row.id}` : row.id;
    // One literal with every property in one order: all specs share a hidden class, which keeps
    // the parser's property reads monomorphic (spreading rows made them megamorphic and slow).
    const spec: FieldSpec = {
      id: row.id,
      num: Number(row.id),
      path: path_,
      key: row.key,
      name: row.name,
      format: row.format,
      min: row.min,
      max: row.max,
      presence: row.presence,
      freeText: row.freeText === true,
      template: row.children ? template(path_, row.children) : undefined,
    };
    byId[spec.num] = spec;
    return spec;
  });
  return { path, fields, byId };
}

const additionalText = (id: string, key: string, vi: string, en: string): Row => ({
  id,
  key,
  name: { vi, en },
  format: 'ANS',
  min: 1,
  max: 25,
  presence: 'O',
  freeText: true,
});

export const ROOT: Template = template('', [
  {
    id: '00',
    key: 'payloadFormat',
    name: { vi: 'Phiên bản dữ liệu', en: 'Payload Format Indicator' },
    format: 'N',
    min: 2,
    max: 2,
    presence: 'M',
  },
  {
    id: '01',
    key: 'pointOfInitiation',
    name: { vi: 'Phương thức khởi tạo', en: 'Point of Initiation Method' },
    format: 'N',
    min: 2,
    max: 2,
    presence: 'M',
  },
  {
    id: '38',
    key: 'merchantAccount',
    name: { vi: 'Thông tin định danh người thụ hưởng', en: 'Merchant Account Information' },
    format: 'S',
    min: 1,
    max: 99,
    presence: 'M',
    children: [
      {
        id: '00',
        key: 'guid',
        name: { vi: 'Định danh duy nhất toàn cầu', en: 'GUID' },
        format: 'S',
        min: 1,
        max: 32,
        presence: 'M',
      },
      {
        id: '01',
        key: 'beneficiary',
        name: { vi: 'Tổ chức thụ hưởng', en: 'Beneficiary organization' },
        format: 'S',
        min: 1,
        max: 99,
        presence: 'M',
        children: [
          {
            id: '00',
            key: 'bin',
            name: { vi: 'Mã BIN ngân hàng', en: 'Acquirer ID / BIN' },
            format: 'N',
            min: 6,
            max: 6,
            presence: 'M',
          },
          {
            id: '01',
            key: 'accountNumber',
            name: { vi: 'Số tài khoản / số thẻ', en: 'Account or card number' },
            format: 'ANS',
            min: 1,
            max: 19,
            presence: 'M',
          },
        ],
      },
      {
        id: '02',
        key: 'serviceCode',
        name: { vi: 'Mã dịch vụ', en: 'Service code' },
        format: 'ANS',
        min: 1,
        max: 10,
        presence: 'C',
      },
    ],
  },
  {
    id: '52',
    key: 'mcc',
    name: { vi: 'Mã danh mục đơn vị chấp nhận', en: 'Merchant Category Code' },
    format: 'N',
    min: 4,
    max: 4,
    presence: 'O',
  },
  {
    id: '53',
    key: 'currency',
    name: { vi: 'Mã tiền tệ', en: 'Transaction Currency' },
    format: 'N',
    min: 3,
    max: 3,
    presence: 'M',
  },
  {
    id: '54',
    key: 'amount',
    name: { vi: 'Số tiền', en: 'Transaction Amount' },
    format: 'ANS',
    min: 1,
    max: 13,
    presence: 'C',
  },
  {
    id: '55',
    key: 'tipIndicator',
    name: { vi: 'Chỉ báo tiền boa/phí', en: 'Tip or Convenience Indicator' },
    format: 'N',
    min: 2,
    max: 2,
    presence: 'O',
  },
  {
    id: '56',
    key: 'feeFixed',
    name: { vi: 'Phí cố định', en: 'Convenience Fee Fixed' },
    format: 'ANS',
    min: 1,
    max: 13,
    presence: 'C',
  },
  {
    id: '57',
    key: 'feePercentage',
    name: { vi: 'Phí phần trăm', en: 'Convenience Fee Percentage' },
    format: 'ANS',
    min: 1,
    max: 5,
    presence: 'C',
  },
  {
    id: '58',
    key: 'country',
    name: { vi: 'Mã quốc gia', en: 'Country Code' },
    format: 'ANS',
    min: 2,
    max: 2,
    presence: 'M',
  },
  {
    id: '59',
    key: 'merchantName',
    name: { vi: 'Tên đơn vị chấp nhận', en: 'Merchant Name' },
    format: 'ANS',
    min: 1,
    max: 25,
    presence: 'O',
    freeText: true,
  },
  {
    id: '60',
    key: 'merchantCity',
    name: { vi: 'Thành phố', en: 'Merchant City' },
    format: 'ANS',
    min: 1,
    max: 15,
    presence: 'O',
    freeText: true,
  },
  {
    id: '61',
    key: 'postalCode',
    name: { vi: 'Mã bưu chính', en: 'Postal Code' },
    format: 'ANS',
    min: 1,
    max: 10,
    presence: 'O',
    freeText: true,
  },
  {
    id: '62',
    key: 'additional',
    name: { vi: 'Thông tin bổ sung', en: 'Additional Data Field Template' },
    format: 'ANS',
    min: 1,
    max: 99,
    presence: 'C',
    children: [
      additionalText('01', 'billNumber', 'Số hóa đơn', 'Bill Number'),
      additionalText('02', 'mobileNumber', 'Số điện thoại', 'Mobile Number'),
      additionalText('03', 'storeLabel', 'Mã cửa hàng', 'Store Label'),
      additionalText('04', 'loyaltyNumber', 'Mã khách hàng thân thiết', 'Loyalty Number'),
      additionalText('05', 'referenceLabel', 'Mã tham chiếu', 'Reference Label'),
      additionalText('06', 'customerLabel', 'Mã khách hàng', 'Customer Label'),
      additionalText('07', 'terminalLabel', 'Mã số điểm bán', 'Terminal Label'),
      additionalText('08', 'purpose', 'Nội dung chuyển khoản', 'Purpose of Transaction'),
      {
        id: '09',
        key: 'consumerDataRequest',
        name: { vi: 'Yêu cầu dữ liệu khách hàng', en: 'Additional Consumer Data Request' },
        format: 'ANS',
        min: 1,
        max: 3,
        presence: 'O',
      },
    ],
  },
  {
    id: '63',
    key: 'crc',
    name: { vi: 'Mã kiểm tra CRC', en: 'CRC' },
    format: 'ANS',
    min: 4,
    max: 4,
    presence: 'M',
  },
  {
    id: '64',
    key: 'alternateLanguage',
    name: { vi: 'Thông tin bằng ngôn ngữ khác', en: 'Merchant Information – Language Template' },
    // The spec says ANS, yet its children are S; the template itself is checked through them.
    format: 'S',
    min: 1,
    max: 99,
    presence: 'O',
    children: [
      {
        id: '00',
        key: 'language',
        name: { vi: 'Mã ngôn ngữ', en: 'Language Preference' },
        format: 'ANS',
        min: 2,
        max: 2,
        presence: 'M',
      },
      {
        id: '01',
        key: 'merchantName',
        name: { vi: 'Tên đơn vị (ngôn ngữ khác)', en: 'Merchant Name – Alternate Language' },
        format: 'S',
        min: 1,
        max: 25,
        presence: 'M',
      },
      {
        id: '02',
        key: 'merchantCity',
        name: { vi: 'Thành phố (ngôn ngữ khác)', en: 'Merchant City – Alternate Language' },
        format: 'S',
        min: 1,
        max: 15,
        presence: 'O',
      },
    ],
  },
]);

function child(t: Template, id: number): FieldSpec {
  const spec = t.byId[id];
  if (!spec) throw new Error(`field table has no ${t.path}.${id}`);
  return spec;
}

/** Direct handles on the rows the builder and the rules refer to by meaning. */
export const F = {
  payloadFormat: child(ROOT, 0),
  poi: child(ROOT, 1),
  merchantAccount: child(ROOT, 38),
  guid: child(child(ROOT, 38).template!, 0),
  beneficiary: child(child(ROOT, 38).template!, 1),
  bin: child(child(child(ROOT, 38).template!, 1).template!, 0),
  accountNumber: child(child(child(ROOT, 38).template!, 1).template!, 1),
  serviceCode: child(child(ROOT, 38).template!, 2),
  mcc: child(ROOT, 52),
  currency: child(ROOT, 53),
  amount: child(ROOT, 54),
  tipIndicator: child(ROOT, 55),
  feeFixed: child(ROOT, 56),
  feePercentage: child(ROOT, 57),
  country: child(ROOT, 58),
  merchantName: child(ROOT, 59),
  merchantCity: child(ROOT, 60),
  postalCode: child(ROOT, 61),
  additional: child(ROOT, 62),
  crc: child(ROOT, 63),
  alternateLanguage: child(ROOT, 64),
} as const;

export const NAPAS_GUID = 'A000000727';
export const CURRENCY_VND = '704';
export const COUNTRY_VN = 'VN';
export const SERVICE_ACCOUNT = 'QRIBFTTA';
export const SERVICE_CARD = 'QRIBFTTC';
/** Codes seen in NAPAS member specs and deployed apps beyond the two in the public v1.0 spec. */
export const KNOWN_SERVICE_CODES: readonly string[] = [SERVICE_ACCOUNT, SERVICE_CARD, 'QRPUSH', 'QRCASH'];
/** NAPAS247 per-transaction ceiling: amounts must stay under 500 million VND. */
export const NAPAS247_LIMIT_VND = 500_000_000;

/** GUIDs of other EMVCo networks found in Vietnamese QR codes, to name them in errors. */
export const OTHER_NETWORK_GUIDS: Readonly<Record<string, string>> = {
  A000000775: 'VNPAY-QR',
};
