/**
 * A province's stall list as it arrives: the header in Vietnamese, numbers written the way people write
 * them. Used by the import tests (a small file) and the benchmark (10,000 rows).
 */
export const importHeader = [
  'Chợ',
  'Khu',
  'Số sạp',
  'Tên người bán',
  'Số điện thoại',
  'Ngân hàng',
  'Số tài khoản',
  'Phí tháng',
  'Mặt hàng',
];

export function importRows(
  marketCode: string,
  count: number,
  options: { phoneBase?: number } = {},
): string[][] {
  const base = options.phoneBase ?? 970_000_000;
  return Array.from({ length: count }, (_, i) => [
    marketCode,
    `Khu ${'ABCD'[i % 4]}`,
    `${'ABCD'[i % 4]}${String(i + 1).padStart(4, '0')}`,
    `Nguyễn Thị ${i + 1}`,
    `0${base + i}`,
    i % 3 === 0 ? 'Vietcombank' : '970415',
    `00110${String(i).padStart(8, '0')}`,
    i % 5 === 0 ? '300.000' : '',
    'Rau củ',
  ]);
}

export const toCsvText = (rows: readonly (readonly string[])[]) =>
  `${rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`;
