/**
 * The sales books of Circular 152/2025/TT-BTC (household business accounting, in force 1 January 2026,
 * replacing Circular 88/2021/TT-BTC), as data: the one place their layout is written down. The XLSX and
 * PDF writers only draw what is here. What was and was not confirmed against official text is in
 * docs/decisions/1000-household-sales-books.md.
 */

export interface Localized {
  readonly vi: string;
  readonly en: string;
}

/** A cell a book row fills. */
export type BookField = 'docNo' | 'docDate' | 'description' | 'amount';

export interface BookColumn {
  readonly field: BookField;
  /** The column's letter or number on the form ("A", "B", "C", "1"). */
  readonly mark: string;
  readonly header: Localized;
  /** A header spanning this and adjacent columns of the same group ("Chứng từ"). */
  readonly group?: Localized;
  /** Relative width (XLSX character widths; the PDF scales them to the page). */
  readonly width: number;
}

export type BookFormCode = 'S1a-HKD' | 'S2a-HKD' | 'S2b-HKD';

export interface BookForm {
  readonly code: BookFormCode;
  readonly title: string;
  /** Who keeps this book, as the circular sorts households by their tax obligations. */
  readonly keptBy: Localized;
  readonly columns: readonly BookColumn[];
  /** Rows are listed under their line of business with a subtotal each (S2a, S2b). */
  readonly groupedByActivity: boolean;
}

const BASIS = [
  '(Kèm theo Thông tư số 152/2025/TT-BTC',
  'ngày 31 tháng 12 năm 2025 của Bộ trưởng',
  'Bộ Tài chính)',
] as const;

export const FORM_HEADER = {
  household: 'HỘ, CÁ NHÂN KINH DOANH',
  address: 'Địa chỉ',
  taxCode: 'Mã số thuế',
  basis: BASIS,
  place: 'Địa điểm kinh doanh',
  period: 'Kỳ kê khai',
  unit: 'Đơn vị tính: đồng',
  total: 'Tổng cộng',
  subtotal: 'Cộng',
  empty: 'Không phát sinh doanh thu trong kỳ',
  signedOn: (day: string) => `Ngày ${day.slice(8, 10)} tháng ${day.slice(5, 7)} năm ${day.slice(0, 4)}`,
  signer: ['NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/', 'CÁ NHÂN KINH DOANH', '(Ký, họ tên, đóng dấu nếu có)'],
  notProvided: '(chưa khai)',
} as const;

const voucherColumns: readonly BookColumn[] = [
  {
    field: 'docNo',
    mark: 'A',
    group: { vi: 'Chứng từ', en: 'Voucher' },
    header: { vi: 'Số hiệu', en: 'Number' },
    width: 14,
  },
  {
    field: 'docDate',
    mark: 'B',
    group: { vi: 'Chứng từ', en: 'Voucher' },
    header: { vi: 'Ngày, tháng', en: 'Date' },
    width: 12,
  },
  { field: 'description', mark: 'C', header: { vi: 'Diễn giải', en: 'Description' }, width: 58 },
  { field: 'amount', mark: '1', header: { vi: 'Số tiền', en: 'Amount' }, width: 18 },
];

export const BOOK_FORMS: Readonly<Record<BookFormCode, BookForm>> = {
  'S1a-HKD': {
    code: 'S1a-HKD',
    title: 'SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ',
    keptBy: {
      vi: 'Hộ có doanh thu năm không quá ngưỡng chịu thuế (không nộp thuế GTGT, TNCN)',
      en: 'Households at or under the yearly revenue threshold (no VAT or PIT)',
    },
    columns: [
      { field: 'docDate', mark: 'A', header: { vi: 'Ngày tháng', en: 'Date' }, width: 12 },
      { field: 'description', mark: 'B', header: { vi: 'Diễn giải', en: 'Description' }, width: 66 },
      { field: 'amount', mark: '1', header: { vi: 'Số tiền', en: 'Amount' }, width: 18 },
    ],
    groupedByActivity: false,
  },
  'S2a-HKD': {
    code: 'S2a-HKD',
    title: 'SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ',
    keptBy: {
      vi: 'Hộ nộp thuế GTGT và TNCN theo tỷ lệ % trên doanh thu',
      en: 'Households paying VAT and PIT as a percentage of revenue',
    },
    columns: voucherColumns,
    groupedByActivity: true,
  },
  'S2b-HKD': {
    code: 'S2b-HKD',
    title: 'SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ',
    keptBy: {
      vi: 'Hộ nộp thuế GTGT trên doanh thu, TNCN trên thu nhập tính thuế (kèm sổ S2c, S2d, S2e)',
      en: 'Households paying VAT on revenue and PIT on taxable income (with books S2c, S2d, S2e)',
    },
    columns: voucherColumns,
    groupedByActivity: true,
  },
};

export const bookFormCodes = Object.keys(BOOK_FORMS) as BookFormCode[];

/**
 * The books of the same circular that the platform does not write, and why: it sees sales, not costs,
 * stock movements or cash on hand. Shown to the household so it knows what it still keeps itself.
 */
export const BOOKS_KEPT_BY_HAND: ReadonlyArray<{ code: string; title: Localized; why: Localized }> = [
  {
    code: 'S2c-HKD',
    title: { vi: 'Sổ chi tiết doanh thu, chi phí', en: 'Revenue and cost detail book' },
    why: {
      vi: 'Nền tảng không biết chi phí của hộ.',
      en: 'The platform does not see the household’s costs.',
    },
  },
  {
    code: 'S2d-HKD',
    title: {
      vi: 'Sổ chi tiết vật liệu, dụng cụ, sản phẩm, hàng hóa',
      en: 'Materials, tools, products and goods book',
    },
    why: {
      vi: 'Nền tảng không theo dõi nhập, xuất kho.',
      en: 'The platform does not track stock in and out.',
    },
  },
  {
    code: 'S2e-HKD',
    title: { vi: 'Sổ chi tiết tiền', en: 'Cash and bank detail book' },
    why: {
      vi: 'Nền tảng không biết số dư tiền mặt, tiền gửi.',
      en: 'The platform does not know cash or bank balances.',
    },
  },
  {
    code: 'S3a-HKD',
    title: { vi: 'Sổ theo dõi nghĩa vụ thuế khác', en: 'Other tax obligations book' },
    why: { vi: 'Chỉ hộ có thuế khác mới phải ghi.', en: 'Only for households with other taxes.' },
  },
];

/** The one line of business every sale on the platform falls under (farm produce and market goods). */
export const GOODS_ACTIVITY: Localized = {
  vi: 'Ngành nghề: Phân phối, cung cấp hàng hóa',
  en: 'Line of business: distribution and supply of goods',
};
