/**
 * The sales book as PDF (pdf-lib, DejaVu Sans subset: the label font, trace/label-font.ts), drawn from the
 * form's layout data (forms.ts): A4 portrait, the form's header block on the first page, column headers
 * repeated on every page, descriptions wrapped (never cut: it is a legal record), a running page number.
 * Text is written as raw content streams from per-character glyph codes (memoised): a year of a busy stall
 * is ~36,000 rows, and pdf-lib's drawText shapes every string through fontkit.
 */
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, PDFName, type PDFPage } from 'pdf-lib';
import { labelFontBytes } from '../trace/label-font.ts';
import { bookMoney, type SalesBook } from './book.ts';
import { type BookColumn, FORM_HEADER } from './forms.ts';

const PT_PER_MM = 72 / 25.4;
const PAGE = { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM };
const MARGIN = 14 * PT_PER_MM;
const BODY = 8.5;
const LINE = 11;
const PAD = 3;

const NO_FEATURES = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'liga', 'clig', 'calt', 'kern', 'mark', 'mkmk', 'rclt'].map((f) => [f, false]),
);

/** Per-character glyph codes and advance widths, remembered for the document. */
function glyphs(font: PDFFont) {
  const hex = new Map<string, string>();
  const advance = new Map<string, number>();
  const code = (ch: string) => {
    let h = hex.get(ch);
    if (h === undefined) {
      h = font.encodeText(ch).toString().slice(1, -1);
      hex.set(ch, h);
    }
    return h;
  };
  const width = (ch: string) => {
    let w = advance.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1);
      advance.set(ch, w);
    }
    return w;
  };
  return {
    hexOf: (text: string) => {
      let hexes = '';
      for (const ch of text) hexes += code(ch);
      return hexes;
    },
    widthOf: (text: string, size: number) => {
      let sum = 0;
      for (const ch of text) sum += width(ch);
      return sum * size;
    },
  };
}

type Glyphs = ReturnType<typeof glyphs>;

/** Greedy word wrap by measured width (each word measured once); a word longer than the line is broken by characters. */
function wrap(g: Glyphs, text: string, size: number, room: number): string[] {
  if (g.widthOf(text, size) <= room) return [text];
  const space = g.widthOf(' ', size);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = g.widthOf(word, size);
    if (line && lineWidth + space + w <= room) {
      line = `${line} ${word}`;
      lineWidth += space + w;
      continue;
    }
    if (line) lines.push(line);
    if (w <= room) {
      line = word;
      lineWidth = w;
      continue;
    }
    let rest = word;
    while (g.widthOf(rest, size) > room) {
      let cut = rest.length - 1;
      while (cut > 1 && g.widthOf(rest.slice(0, cut), size) > room) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = g.widthOf(rest, size);
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

class Canvas {
  private ops: string[] = [];
  private fontKey = '';
  page!: PDFPage;
  y = 0;
  pages = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    readonly g: Glyphs,
  ) {}

  newPage() {
    this.flush();
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.fontKey = this.page.node.newFontDictionary(this.font.name, this.font.ref).toString();
    this.pages += 1;
    this.y = PAGE.height - MARGIN;
  }

  text(
    value: string,
    x: number,
    y: number,
    size: number,
    align: 'left' | 'center' | 'right' = 'left',
    bold = false,
  ) {
    const normal = value.normalize('NFC');
    const left =
      align === 'left'
        ? x
        : align === 'center'
          ? x - this.g.widthOf(normal, size) / 2
          : x - this.g.widthOf(normal, size);
    // Bold: fill + thin outline (one embedded face, as on the label sheets).
    const mode = bold ? `2 Tr ${(size * 0.03).toFixed(2)} w ` : '';
    this.ops.push(
      `BT ${mode}${this.fontKey} ${size} Tf ${left.toFixed(2)} ${y.toFixed(2)} Td <${this.g.hexOf(normal)}> Tj ET`,
    );
  }

  rect(x: number, y: number, w: number, h: number) {
    this.ops.push(`${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re S`);
  }

  flush() {
    if (!this.page || this.ops.length === 0) return;
    const content = `q 0 0 0 rg 0 0 0 RG 0.5 w\n${this.ops.join('\n')}\nQ\n`;
    // Node's zlib, not pdf-lib's JavaScript deflate: a year's book is ~600 pages of content.
    const stream = this.doc.context.stream(deflateSync(Buffer.from(content, 'latin1'), { level: 6 }), {
      Filter: PDFName.of('FlateDecode'),
    });
    this.page.node.addContentStream(this.doc.context.register(stream));
    this.ops = [];
  }
}

function columnEdges(columns: readonly BookColumn[]) {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const room = PAGE.width - 2 * MARGIN;
  let x = MARGIN;
  return columns.map((column) => {
    const w = (column.width / total) * room;
    const edge = { column, x, w };
    x += w;
    return edge;
  });
}

export async function salesBookPdf(book: SalesBook): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await labelFontBytes(), { subset: true, features: NO_FEATURES });
  doc.setTitle(`${book.form.code} — ${book.form.title} — ${book.household.name} — ${book.period.label.vi}`);
  doc.setLanguage('vi-VN');
  doc.setCreator('Chợ Phiên');
  doc.setProducer('Chợ Phiên (pdf-lib)');
  const canvas = new Canvas(doc, font, glyphs(font));
  const edges = columnEdges(book.form.columns);
  const right = PAGE.width - MARGIN;
  const h = book.household;

  canvas.newPage();
  canvas.text(`${FORM_HEADER.household}: ${h.name}`, MARGIN, canvas.y, 10, 'left', true);
  canvas.text(`Mẫu số ${book.form.code}`, right - 60, canvas.y, 10, 'center', true);
  canvas.text(`${FORM_HEADER.address}: ${h.address || FORM_HEADER.notProvided}`, MARGIN, canvas.y - 13, 9);
  canvas.text(`${FORM_HEADER.taxCode}: ${h.taxCode ?? FORM_HEADER.notProvided}`, MARGIN, canvas.y - 26, 9);
  FORM_HEADER.basis.forEach((line, i) => {
    canvas.text(line, right - 60, canvas.y - 12 - i * 10, 7.5, 'center');
  });
  canvas.y -= 60;
  canvas.text(book.form.title, PAGE.width / 2, canvas.y, 13, 'center', true);
  canvas.y -= 15;
  for (const line of wrap(canvas.g, `${FORM_HEADER.place}: ${h.place}`, 9, right - MARGIN)) {
    canvas.text(line, PAGE.width / 2, canvas.y, 9, 'center');
    canvas.y -= 11;
  }
  canvas.text(`${FORM_HEADER.period}: ${book.period.label.vi}`, PAGE.width / 2, canvas.y, 9, 'center');
  canvas.y -= 13;
  canvas.text(FORM_HEADER.unit, right, canvas.y, 8.5, 'right');
  canvas.y -= 6;

  const header = () => {
    const height = 2 * LINE + 4;
    const top = canvas.y;
    for (const { column, x, w } of edges) {
      const label = column.group ? `${column.group.vi}: ${column.header.vi}` : column.header.vi;
      const lines = wrap(canvas.g, label, BODY, w - 2 * PAD).slice(0, 2);
      lines.forEach((line, i) => {
        canvas.text(line, x + w / 2, top - 10 - i * LINE, BODY, 'center', true);
      });
      canvas.rect(x, top - height, w, height);
      canvas.rect(x, top - height - LINE, w, LINE);
      canvas.text(column.mark, x + w / 2, top - height - LINE + 3, BODY, 'center');
    }
    canvas.y = top - height - LINE;
  };

  const bottom = MARGIN + 14;
  const row = (cells: Partial<Record<BookColumn['field'], string>>, bold = false) => {
    const wrapped = edges.map(({ column, w }) =>
      wrap(canvas.g, cells[column.field] ?? '', BODY, w - 2 * PAD),
    );
    const height = Math.max(...wrapped.map((lines) => lines.length)) * LINE + 3;
    if (canvas.y - height < bottom) {
      canvas.text(`Trang ${canvas.pages}`, PAGE.width / 2, MARGIN, 7.5, 'center');
      canvas.newPage();
      header();
    }
    edges.forEach(({ column, x, w }, i) => {
      const align = column.field === 'amount' ? 'right' : column.field === 'description' ? 'left' : 'center';
      const at = align === 'right' ? x + w - PAD : align === 'center' ? x + w / 2 : x + PAD;
      wrapped[i]!.forEach((line, j) => {
        canvas.text(line, at, canvas.y - 9 - j * LINE, BODY, align, bold);
      });
      canvas.rect(x, canvas.y - height, w, height);
    });
    canvas.y -= height;
  };

  header();
  for (const group of book.groups) {
    if (group.label) row({ description: group.label });
    if (group.rows.length === 0) row({ description: FORM_HEADER.empty, amount: '0' });
    for (const entry of group.rows)
      row({
        docNo: entry.docNo,
        docDate: entry.docDate,
        description: entry.description,
        amount: bookMoney(entry.amountVnd),
      });
    if (book.form.groupedByActivity)
      row({ description: FORM_HEADER.subtotal, amount: bookMoney(group.subtotalVnd) }, true);
  }
  row({ description: FORM_HEADER.total, amount: bookMoney(book.totalVnd) }, true);

  if (canvas.y - 110 < bottom) {
    canvas.text(`Trang ${canvas.pages}`, PAGE.width / 2, MARGIN, 7.5, 'center');
    canvas.newPage();
  }
  const signX = right - 80;
  canvas.text(FORM_HEADER.signedOn(book.drawnUpOn), signX, canvas.y - 18, 9, 'center');
  FORM_HEADER.signer.forEach((line, i) => {
    canvas.text(line, signX, canvas.y - 31 - i * 11, i === 2 ? 8 : 9, 'center', i < 2);
  });
  canvas.text(book.household.name, signX, canvas.y - 100, 9.5, 'center', true);
  canvas.text(`Trang ${canvas.pages}`, PAGE.width / 2, MARGIN, 7.5, 'center');
  canvas.flush();
  return doc.save({ useObjectStreams: true });
}
