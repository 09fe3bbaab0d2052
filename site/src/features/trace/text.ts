import type { Lang } from '../../i18n/index.ts';

/** The trace page's own strings (kept with the feature so the shared dictionary stays small). */
const vi = {
  title: 'Truy xuất nguồn gốc',
  notRegisteredTitle: 'Mã chưa được đăng ký',
  notRegisteredBody:
    'Mã bạn vừa quét không có trong hệ thống truy xuất của Chợ Phiên. Sản phẩm có thể không rõ nguồn gốc hoặc tem đã bị làm giả.',
  notRegisteredAdvice: 'Hãy hỏi người bán, hoặc báo cho cán bộ xã / tổ công nghệ số cộng đồng.',
  invalidTitle: 'Mã không hợp lệ',
  invalidBody: 'Đây không phải mã truy xuất đúng chuẩn GS1 (sai số kiểm tra hoặc sai cấu trúc).',
  scannedCode: 'Mã đã quét',
  genuine: 'Mã thật — đã được xác thực bằng chữ ký số của Chợ Phiên.',
  notGenuine: 'CẢNH BÁO: mã này không phải mã thật. Tem có thể đã bị sửa hoặc làm giả.',
  lotOnly: 'Mã theo lô hàng: cho biết nguồn gốc của cả lô, không xác thực từng gói.',
  cloneTooMany:
    'CẢNH BÁO: mã này đã bị quét quá nhiều lần — có thể tem đã bị sao chép. Nhà sản xuất đã được báo.',
  clonePlaces:
    'CẢNH BÁO: mã này vừa được quét ở nhiều tỉnh cách xa nhau trong thời gian ngắn — có thể tem đã bị sao chép. Nhà sản xuất đã được báo.',
  firstScan: 'Quét lần đầu lúc {time}, đã quét {count} lần.',
  soldAt:
    'Sản phẩm này đã được kích hoạt (đã bán) lúc {time}. Nếu bạn vừa mua mới và chưa cào PIN, hãy cảnh giác.',
  product: 'Sản phẩm',
  lot: 'Mã lô',
  gtin: 'GTIN',
  serial: 'Số sê-ri',
  farm: 'Nơi sản xuất',
  household: 'Hộ sản xuất',
  place: 'Địa chỉ',
  plantingArea: 'Mã số vùng trồng',
  packingHouse: 'Mã cơ sở đóng gói',
  map: 'Xem trên bản đồ',
  certs: 'Chứng nhận',
  noCerts: 'Chưa khai báo chứng nhận.',
  validUntil: 'còn hiệu lực đến {date}',
  expired: 'ĐÃ HẾT HẠN từ {date}',
  certNumber: 'Số',
  issuer: 'Cấp bởi',
  stars: '{stars} sao',
  dates: 'Ngày tháng',
  harvestDate: 'Ngày thu hoạch',
  packDate: 'Ngày đóng gói',
  bestBefore: 'Hạn sử dụng',
  timeline: 'Hành trình sản phẩm',
  noEvents: 'Chưa có sự kiện nào được ghi.',
  onBehalf: 'cán bộ xã ghi thay hộ',
  phi: 'cách ly {days} ngày',
  temperature: '{c} °C',
  shipTo: 'đến {place}',
  receivedBy: 'nhận tại {place}',
  buy: 'Mua sản phẩm này',
  pinTitle: 'Kiểm tra mã PIN cào',
  pinHelp: 'Cào lớp phủ trên tem để thấy 6 chữ số. Lần kiểm tra đầu tiên sẽ đánh dấu sản phẩm là đã bán.',
  pinLabel: 'Mã PIN (6 chữ số)',
  pinSubmit: 'Kiểm tra',
  pinSoldNow: 'Chính hãng: đây là lần kiểm tra đầu tiên. Sản phẩm đã được đánh dấu là đã bán lúc {time}.',
  pinAlreadySold:
    'Mã PIN đúng nhưng sản phẩm ĐÃ được kiểm tra (đã bán) lúc {time}. Nếu bạn không phải người kiểm tra lần đó, hãy cảnh giác.',
  pinWrong: 'Mã PIN không đúng. Còn {left} lần thử.',
  pinLocked: 'Đã nhập sai quá nhiều lần; việc kiểm tra PIN cho tem này đã bị khoá.',
  pinInvalid: 'Mã PIN gồm đúng 6 chữ số.',
  regionTitle: 'Giúp phát hiện hàng giả (không bắt buộc)',
  regionHelp: 'Cho biết bạn đang ở tỉnh/thành nào. Chúng tôi chỉ lưu tên tỉnh, không lưu vị trí chính xác.',
  regionLabel: 'Tỉnh/thành của bạn',
  regionSubmit: 'Gửi',
  regionThanks: 'Cảm ơn bạn đã chia sẻ.',
  machine: 'Dữ liệu cho máy',
  epcis: 'Sự kiện EPCIS 2.0 (JSON-LD)',
  linkset: 'Linkset GS1',
  elementString: 'Chuỗi GS1',
  event: {
    input: 'Bón phân / phun thuốc',
    harvesting: 'Thu hoạch',
    cooling: 'Làm mát',
    packing: 'Đóng gói',
    shipping: 'Vận chuyển',
    receiving: 'Nhận hàng',
  },
  inputKind: { fertiliser: 'Phân bón', pesticide: 'Thuốc BVTV' },
  scheme: { vietgap: 'VietGAP', globalgap: 'GlobalG.A.P.', organic: 'Hữu cơ', ocop: 'OCOP' },
};

type Text = typeof vi;

const en: Text = {
  title: 'Product origin',
  notRegisteredTitle: 'Code not registered',
  notRegisteredBody:
    'The code you scanned is not in the Chợ Phiên traceability system. The product may be of unknown origin or the label may be fake.',
  notRegisteredAdvice: 'Ask the seller, or tell the commune officer / community digital team.',
  invalidTitle: 'Invalid code',
  invalidBody: 'This is not a valid GS1 trace code (wrong check digit or structure).',
  scannedCode: 'Scanned code',
  genuine: 'Genuine code — verified with the Chợ Phiên digital signature.',
  notGenuine: 'WARNING: this code is not genuine. The label may have been altered or forged.',
  lotOnly: 'Lot-level code: it shows where the whole lot came from, it does not verify each pack.',
  cloneTooMany:
    'WARNING: this code has been scanned too many times — the label may have been copied. The producer has been alerted.',
  clonePlaces:
    'WARNING: this code was just scanned in provinces far apart within a short time — the label may have been copied. The producer has been alerted.',
  firstScan: 'First scanned on {time}, scanned {count} times.',
  soldAt:
    'This item was activated (sold) on {time}. If you just bought it new and did not scratch the PIN, be careful.',
  product: 'Product',
  lot: 'Lot',
  gtin: 'GTIN',
  serial: 'Serial',
  farm: 'Where it was grown',
  household: 'Household',
  place: 'Address',
  plantingArea: 'Planting-area code',
  packingHouse: 'Packing-house code',
  map: 'Show on map',
  certs: 'Certifications',
  noCerts: 'No certifications declared.',
  validUntil: 'valid until {date}',
  expired: 'EXPIRED since {date}',
  certNumber: 'No.',
  issuer: 'Issued by',
  stars: '{stars} stars',
  dates: 'Dates',
  harvestDate: 'Harvested',
  packDate: 'Packed',
  bestBefore: 'Best before',
  timeline: 'Journey',
  noEvents: 'No events recorded yet.',
  onBehalf: 'recorded by the commune officer for the household',
  phi: '{days}-day pre-harvest interval',
  temperature: '{c} °C',
  shipTo: 'to {place}',
  receivedBy: 'received at {place}',
  buy: 'Buy this product',
  pinTitle: 'Check the scratch PIN',
  pinHelp: 'Scratch the label to see 6 digits. The first check marks the item as sold.',
  pinLabel: 'PIN (6 digits)',
  pinSubmit: 'Check',
  pinSoldNow: 'Genuine: this is the first check. The item was marked sold on {time}.',
  pinAlreadySold:
    'The PIN is right but this item was ALREADY checked (sold) on {time}. If that was not you, be careful.',
  pinWrong: 'Wrong PIN. {left} tries left.',
  pinLocked: 'Too many wrong tries; PIN checks for this label are locked.',
  pinInvalid: 'The PIN is exactly 6 digits.',
  regionTitle: 'Help detect fakes (optional)',
  regionHelp: 'Tell us which province you are in. We keep only the province name, never your exact location.',
  regionLabel: 'Your province',
  regionSubmit: 'Send',
  regionThanks: 'Thank you for sharing.',
  machine: 'Machine-readable data',
  epcis: 'EPCIS 2.0 events (JSON-LD)',
  linkset: 'GS1 linkset',
  elementString: 'GS1 element string',
  event: {
    input: 'Fertiliser / pesticide',
    harvesting: 'Harvested',
    cooling: 'Cooled',
    packing: 'Packed',
    shipping: 'Shipped',
    receiving: 'Received',
  },
  inputKind: { fertiliser: 'Fertiliser', pesticide: 'Pesticide' },
  scheme: { vietgap: 'VietGAP', globalgap: 'GlobalG.A.P.', organic: 'Organic', ocop: 'OCOP' },
};

export const traceText = (lang: Lang): Text => (lang === 'en' ? en : vi);

export const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

const zone = 'Asia/Ho_Chi_Minh';

/** Dates and times in Vietnam time, written the Vietnamese way in both languages (dd/mm/yyyy). */
export const showDate = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: zone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso.length === 10 ? `${iso}T00:00:00+07:00` : iso));
export const showTime = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
