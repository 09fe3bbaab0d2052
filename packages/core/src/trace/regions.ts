/**
 * The 34 provinces and cities since 2025-07-01 (National Assembly Resolution 202/2025/QH15): the only locations a
 * buyer can share with a scan, so the scan log stays coarse and a forger cannot write free text into it.
 */
export const SCAN_REGIONS = [
  'Hà Nội',
  'Huế',
  'Hải Phòng',
  'Đà Nẵng',
  'Thành phố Hồ Chí Minh',
  'Cần Thơ',
  'Lai Châu',
  'Điện Biên',
  'Sơn La',
  'Lạng Sơn',
  'Quảng Ninh',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Cao Bằng',
  'Tuyên Quang',
  'Lào Cai',
  'Thái Nguyên',
  'Phú Thọ',
  'Bắc Ninh',
  'Hưng Yên',
  'Ninh Bình',
  'Quảng Trị',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Đồng Nai',
  'Tây Ninh',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
] as const;

export const isScanRegion = (value: string | undefined): value is (typeof SCAN_REGIONS)[number] =>
  value !== undefined && (SCAN_REGIONS as readonly string[]).includes(value);
