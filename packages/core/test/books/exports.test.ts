import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { salesBookPdf } from '../../src/books/pdf.ts';
import { salesBookXlsx } from '../../src/books/xlsx.ts';
import { buildSalesBook, parsePeriod, recordFromLedgerEntry, type SalesBook } from '../../src/index.ts';
import { busyLedger } from './generated.ts';

const dir = mkdtempSync(join(tmpdir(), 'chophien-books-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const household = {
  id: 'vendor-1',
  name: 'Nguyễn Thị Hoa',
  address: 'xã Tân Cương, tỉnh Thái Nguyên',
  place: 'Sạp TD-A01, Chợ Tân Đức',
};
function book(form: 'S1a-HKD' | 'S2a-HKD', count: number): SalesBook {
  const records = busyLedger('2026-11', count).map((entry) => recordFromLedgerEntry(entry, 'TD-A01'));
  return buildSalesBook({
    form,
    period: parsePeriod('2026-11'),
    household,
    records,
    drawnUpOn: '2026-12-01',
  });
}

function pdftotext(file: string): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 << 20,
    }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        'pdftotext not found: apt-get install -y poppler-utils (.ci/run installs it when missing)',
      );
    throw error;
  }
}

describe('sales book XLSX, opened again', () => {
  it.each(['S1a-HKD', 'S2a-HKD'] as const)(
    '%s: header, one row per sale with its amount, and a total equal to the book',
    async (form) => {
      const b = book(form, 250);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await salesBookXlsx(b)).buffer as ArrayBuffer);
      const sheet = workbook.getWorksheet(form)!;
      expect(sheet.getCell('A1').value).toBe('HỘ, CÁ NHÂN KINH DOANH: Nguyễn Thị Hoa');
      const last = b.form.columns.length;
      expect(sheet.getCell(1, last).value).toBe(`Mẫu số ${form}`);
      expect(sheet.getCell(2, last).value).toBe('(Kèm theo Thông tư số 152/2025/TT-BTC');
      expect(sheet.getCell('A6').value).toBe('SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ');
      expect(sheet.getCell('A8').value).toBe('Kỳ kê khai: Tháng 11 năm 2026');
      // The marks row (A, B, …, 1) follows the column headers; then the rows.
      const marks = b.form.columns.map((c) => c.mark);
      let markRow = 0;
      sheet.eachRow((row, n) => {
        if (marks.every((mark, i) => row.getCell(i + 1).value === mark)) markRow = n;
      });
      expect(markRow).toBeGreaterThan(9);
      const amountCol = b.form.columns.findIndex((c) => c.field === 'amount') + 1;
      const amounts: number[] = [];
      const rows = b.groups[0]!.rows;
      const first = markRow + 1 + (b.form.groupedByActivity ? 1 : 0);
      for (let i = 0; i < rows.length; i++) {
        const cell = sheet.getCell(first + i, amountCol);
        expect(cell.numFmt).toBe('#,##0');
        amounts.push(cell.value as number);
      }
      expect(amounts).toEqual(rows.map((r) => r.amountVnd));
      let totalCell: ExcelJS.Cell | undefined;
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (cell.value === 'Tổng cộng') totalCell = row.getCell(amountCol);
        });
      });
      const total = totalCell!.value as ExcelJS.CellFormulaValue;
      expect(total.result).toBe(b.totalVnd);
      expect(total.formula).toMatch(/^SUM\(/);
      expect(amounts.reduce((a, v) => a + v, 0)).toBe(b.totalVnd);
    },
  );
});

describe('sales book PDF, rendered and read back', () => {
  it('prints the form, every sale and the exact total in Vietnamese', async () => {
    const b = book('S2a-HKD', 120);
    const file = join(dir, 's2a.pdf');
    writeFileSync(file, await salesBookPdf(b));
    const text = pdftotext(file);
    expect(text).toContain('SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ');
    expect(text).toContain('Mẫu số S2a-HKD');
    expect(text).toContain('HỘ, CÁ NHÂN KINH DOANH: Nguyễn Thị Hoa');
    expect(text).toContain('Kỳ kê khai: Tháng 11 năm 2026');
    expect(text).toContain('Ngành nghề: Phân phối, cung cấp hàng hóa');
    const money = new Intl.NumberFormat('vi-VN').format(b.totalVnd);
    expect(text).toMatch(new RegExp(`Tổng cộng\\s+${money.replace(/\./g, '\\.')}`));
    // Every sale's code is on some page.
    for (const row of b.groups[0]!.rows) expect(text).toContain(row.docNo);
    expect(text).toContain('NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Trang ${pages}`);
  });
});
