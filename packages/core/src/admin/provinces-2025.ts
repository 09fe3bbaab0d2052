/**
 * Vietnam's 34 provincial-level units after the 2025 reorganisation (in force 2025-07-01; two tiers:
 * province → commune/ward, no district). `formerly` lists the provinces merged into each, so old addresses
 * ("Hải Dương", "Bắc Kạn") map to today's unit.
 *
 * Source: National Assembly Resolution 202/2025/QH15, as compiled in the project's shared data
 * (`provinces-2025.json`); copied here so a fresh clone needs nothing beside it. Check against the official
 * list before relying on it for anything legal.
 */
export interface ProvinceUnit {
  readonly name: string;
  readonly ascii: string;
  readonly kind: 'thanh-pho' | 'tinh';
  readonly formerly: readonly string[];
}

export const provinces2025: readonly ProvinceUnit[] = [
  { name: 'Hà Nội', ascii: 'Ha Noi', kind: 'thanh-pho', formerly: [] },
  { name: 'Huế', ascii: 'Hue', kind: 'thanh-pho', formerly: ['Thừa Thiên Huế'] },
  { name: 'Hải Phòng', ascii: 'Hai Phong', kind: 'thanh-pho', formerly: ['Hải Phòng', 'Hải Dương'] },
  { name: 'Đà Nẵng', ascii: 'Da Nang', kind: 'thanh-pho', formerly: ['Đà Nẵng', 'Quảng Nam'] },
  {
    name: 'Thành phố Hồ Chí Minh',
    ascii: 'Ho Chi Minh City',
    kind: 'thanh-pho',
    formerly: ['Thành phố Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  },
  { name: 'Cần Thơ', ascii: 'Can Tho', kind: 'thanh-pho', formerly: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'] },
  { name: 'Lai Châu', ascii: 'Lai Chau', kind: 'tinh', formerly: [] },
  { name: 'Điện Biên', ascii: 'Dien Bien', kind: 'tinh', formerly: [] },
  { name: 'Sơn La', ascii: 'Son La', kind: 'tinh', formerly: [] },
  { name: 'Lạng Sơn', ascii: 'Lang Son', kind: 'tinh', formerly: [] },
  { name: 'Quảng Ninh', ascii: 'Quang Ninh', kind: 'tinh', formerly: [] },
  { name: 'Thanh Hóa', ascii: 'Thanh Hoa', kind: 'tinh', formerly: [] },
  { name: 'Nghệ An', ascii: 'Nghe An', kind: 'tinh', formerly: [] },
  { name: 'Hà Tĩnh', ascii: 'Ha Tinh', kind: 'tinh', formerly: [] },
  { name: 'Cao Bằng', ascii: 'Cao Bang', kind: 'tinh', formerly: [] },
  { name: 'Tuyên Quang', ascii: 'Tuyen Quang', kind: 'tinh', formerly: ['Tuyên Quang', 'Hà Giang'] },
  { name: 'Lào Cai', ascii: 'Lao Cai', kind: 'tinh', formerly: ['Lào Cai', 'Yên Bái'] },
  { name: 'Thái Nguyên', ascii: 'Thai Nguyen', kind: 'tinh', formerly: ['Thái Nguyên', 'Bắc Kạn'] },
  { name: 'Phú Thọ', ascii: 'Phu Tho', kind: 'tinh', formerly: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'] },
  { name: 'Bắc Ninh', ascii: 'Bac Ninh', kind: 'tinh', formerly: ['Bắc Ninh', 'Bắc Giang'] },
  { name: 'Hưng Yên', ascii: 'Hung Yen', kind: 'tinh', formerly: ['Hưng Yên', 'Thái Bình'] },
  { name: 'Ninh Bình', ascii: 'Ninh Binh', kind: 'tinh', formerly: ['Ninh Bình', 'Hà Nam', 'Nam Định'] },
  { name: 'Quảng Trị', ascii: 'Quang Tri', kind: 'tinh', formerly: ['Quảng Trị', 'Quảng Bình'] },
  { name: 'Quảng Ngãi', ascii: 'Quang Ngai', kind: 'tinh', formerly: ['Quảng Ngãi', 'Kon Tum'] },
  { name: 'Gia Lai', ascii: 'Gia Lai', kind: 'tinh', formerly: ['Gia Lai', 'Bình Định'] },
  { name: 'Khánh Hòa', ascii: 'Khanh Hoa', kind: 'tinh', formerly: ['Khánh Hòa', 'Ninh Thuận'] },
  { name: 'Lâm Đồng', ascii: 'Lam Dong', kind: 'tinh', formerly: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'] },
  { name: 'Đắk Lắk', ascii: 'Dak Lak', kind: 'tinh', formerly: ['Đắk Lắk', 'Phú Yên'] },
  { name: 'Đồng Nai', ascii: 'Dong Nai', kind: 'tinh', formerly: ['Đồng Nai', 'Bình Phước'] },
  { name: 'Tây Ninh', ascii: 'Tay Ninh', kind: 'tinh', formerly: ['Tây Ninh', 'Long An'] },
  { name: 'Vĩnh Long', ascii: 'Vinh Long', kind: 'tinh', formerly: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'] },
  { name: 'Đồng Tháp', ascii: 'Dong Thap', kind: 'tinh', formerly: ['Đồng Tháp', 'Tiền Giang'] },
  { name: 'Cà Mau', ascii: 'Ca Mau', kind: 'tinh', formerly: ['Cà Mau', 'Bạc Liêu'] },
  { name: 'An Giang', ascii: 'An Giang', kind: 'tinh', formerly: ['An Giang', 'Kiên Giang'] },
];
