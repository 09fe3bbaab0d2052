/**
 * The sales book as an Excel workbook (exceljs), drawn from the form's layout data (forms.ts): the form's
 * header block, column headers with their letters, one row per sale, subtotals and a live SUM total whose
 * cached value is the book's exact total. Imported lazily by the handler that exports it.
 */
import ExcelJS from 'exceljs';
import type { SalesBook } from './book.ts';
import { FORM_HEADER } from './forms.ts';

const MONEY = '#,##0';
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

type Cellish = ExcelJS.Cell;

function style(
  cell: Cellish,
  options: {
    bold?: boolean;
    italic?: boolean;
    size?: number;
    align?: 'left' | 'center' | 'right';
    border?: boolean;
    wrap?: boolean;
  },
) {
  cell.font = {
    name: 'Times New Roman',
    size: options.size ?? 11,
    bold: options.bold ?? false,
    italic: options.italic ?? false,
  };
  cell.alignment = {
    vertical: 'middle',
    horizontal: options.align ?? 'left',
    wrapText: options.wrap ?? false,
  };
  if (options.border) cell.border = box;
}

export async function salesBookXlsx(book: SalesBook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chợ Phiên';
  workbook.title = `${book.form.code} ${book.period.label.vi}`;
  workbook.created = new Date(`${book.drawnUpOn}T00:00:00Z`);
  const sheet = workbook.addWorksheet(book.form.code, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columns = book.form.columns;
  const last = columns.length;
  sheet.columns = columns.map((column) => ({ width: column.width }));

  const put = (
    row: number,
    col: number,
    value: ExcelJS.CellValue,
    options: Parameters<typeof style>[1] = {},
  ) => {
    const cell = sheet.getCell(row, col);
    cell.value = value;
    style(cell, options);
    return cell;
  };
  const wide = (row: number, value: string, options: Parameters<typeof style>[1]) => {
    sheet.mergeCells(row, 1, row, last);
    put(row, 1, value, options);
  };

  const h = book.household;
  put(1, 1, `${FORM_HEADER.household}: ${h.name}`, { bold: true });
  put(2, 1, `${FORM_HEADER.address}: ${h.address || FORM_HEADER.notProvided}`);
  put(3, 1, `${FORM_HEADER.taxCode}: ${h.taxCode ?? FORM_HEADER.notProvided}`);
  put(1, last, `Mẫu số ${book.form.code}`, { bold: true, align: 'center' });
  FORM_HEADER.basis.forEach((line, i) => {
    put(2 + i, last, line, { italic: true, align: 'center', size: 9 });
  });
  wide(6, book.form.title, { bold: true, size: 14, align: 'center' });
  wide(7, `${FORM_HEADER.place}: ${h.place}`, { align: 'center', wrap: true });
  wide(8, `${FORM_HEADER.period}: ${book.period.label.vi}`, { align: 'center' });
  put(9, last, FORM_HEADER.unit, { italic: true, align: 'right' });

  // Column headers: a group ("Chứng từ") spans its columns on the first header row.
  const grouped = columns.some((column) => column.group);
  let row = 10;
  if (grouped) {
    for (let c = 0; c < last; c++) {
      const column = columns[c]!;
      if (column.group) {
        const span = columns.slice(c).findIndex((other) => other.group?.vi !== column.group?.vi);
        const end = span === -1 ? last : c + span;
        if (c === 0 || columns[c - 1]!.group?.vi !== column.group.vi) {
          sheet.mergeCells(row, c + 1, row, end);
          put(row, c + 1, column.group.vi, { bold: true, align: 'center', border: true });
        }
        put(row + 1, c + 1, column.header.vi, { bold: true, align: 'center', border: true });
      } else {
        sheet.mergeCells(row, c + 1, row + 1, c + 1);
        put(row, c + 1, column.header.vi, { bold: true, align: 'center', border: true });
      }
    }
    row += 2;
  } else {
    columns.forEach((column, c) => {
      put(row, c + 1, column.header.vi, { bold: true, align: 'center', border: true });
    });
    row += 1;
  }
  columns.forEach((column, c) => {
    put(row, c + 1, column.mark, { italic: true, align: 'center', border: true });
  });
  const headerLast = row;
  sheet.views = [{ state: 'frozen', ySplit: headerLast }];
  sheet.pageSetup.printTitlesRow = `${grouped ? headerLast - 2 : headerLast - 1}:${headerLast}`;
  row += 1;

  const amountCol = columns.findIndex((column) => column.field === 'amount') + 1;
  const descriptionCol = columns.findIndex((column) => column.field === 'description') + 1;
  const subtotalCells: string[] = [];
  for (const group of book.groups) {
    if (group.label) {
      for (let c = 1; c <= last; c++)
        put(row, c, c === descriptionCol ? group.label : null, { italic: true, border: true });
      row += 1;
    }
    const first = row;
    if (group.rows.length === 0) {
      for (let c = 1; c <= last; c++)
        put(row, c, c === descriptionCol ? FORM_HEADER.empty : c === amountCol ? 0 : null, { border: true });
      row += 1;
    }
    for (const entry of group.rows) {
      columns.forEach((column, c) => {
        const value =
          column.field === 'amount'
            ? entry.amountVnd
            : column.field === 'docDate'
              ? entry.docDate
              : column.field === 'docNo'
                ? entry.docNo
                : entry.description;
        const cell = put(row, c + 1, value, {
          border: true,
          align: column.field === 'amount' ? 'right' : column.field === 'description' ? 'left' : 'center',
        });
        if (column.field === 'amount') cell.numFmt = MONEY;
      });
      row += 1;
    }
    if (book.form.groupedByActivity) {
      const range = `${sheet.getColumn(amountCol).letter}${first}:${sheet.getColumn(amountCol).letter}${row - 1}`;
      for (let c = 1; c <= last; c++)
        put(row, c, c === descriptionCol ? FORM_HEADER.subtotal : null, { bold: true, border: true });
      const cell = put(
        row,
        amountCol,
        { formula: `SUM(${range})`, result: group.subtotalVnd },
        { bold: true, border: true, align: 'right' },
      );
      cell.numFmt = MONEY;
      subtotalCells.push(cell.address);
      row += 1;
    } else {
      subtotalCells.push(
        `${sheet.getColumn(amountCol).letter}${first}:${sheet.getColumn(amountCol).letter}${row - 1}`,
      );
    }
  }
  for (let c = 1; c <= last; c++)
    put(row, c, c === descriptionCol ? FORM_HEADER.total : null, { bold: true, border: true });
  const total = put(
    row,
    amountCol,
    { formula: `SUM(${subtotalCells.join(',')})`, result: book.totalVnd },
    { bold: true, border: true, align: 'right' },
  );
  total.numFmt = MONEY;
  total.name = 'TongCong';
  row += 2;

  put(row, last, FORM_HEADER.signedOn(book.drawnUpOn), { italic: true, align: 'center' });
  FORM_HEADER.signer.forEach((line, i) => {
    put(row + 1 + i, last, line, { bold: i < 2, italic: i === 2, align: 'center', size: i === 2 ? 9 : 11 });
  });
  put(row + 7, last, book.household.name, { bold: true, align: 'center' });

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
