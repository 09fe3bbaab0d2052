import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelSheets } from '@chophien/core';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLotId, seedLots, seedTeaGtin } from '../../../infra/local/src/seed/trace.ts';
import { farmers, staff } from '../../../infra/local/src/seed/users.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';

/** Poppler renders and reads the PDFs exactly as a print shop's RIP would; without it the test must fail loudly. */
function poppler(tool: 'pdftoppm' | 'pdftotext' | 'pdffonts', args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `${tool} not found: apt-get install -y poppler-utils (.ci/run installs it when missing)`,
      );
    throw error;
  }
}

let api: TestApi;
let owner: string;
let dir: string;
const tea = seedLots[0]!;

beforeAll(async () => {
  api = await startTestApi();
  owner = await api.tokenFor({ phone: farmers[0]!.phone });
  dir = mkdtempSync(join(tmpdir(), 'chophien-labels-'));
});
afterAll(async () => {
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** GET the labels as raw bytes (fetch, so the binary body is not decoded as text). */
async function labels(query: string, headers: Record<string, string> = {}, token = owner) {
  const res = await fetch(`${api.url}/trace/lots/${seedLotId(1)}/labels?${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function savePdf(name: string, bytes: Uint8Array): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** Renders page `page` at 600 dpi, cropped to the millimetre box, and decodes the QR inside it. */
function decodeQr(file: string, page: number, box: { x: number; y: number; width: number; height: number }) {
  const px = (mm: number) => Math.round((mm / 25.4) * 600);
  const out = join(dir, `p${page}-${box.x}-${box.y}`);
  poppler('pdftoppm', [
    '-r',
    '600',
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    String(px(box.x)),
    '-y',
    String(px(box.y)),
    '-W',
    String(px(box.width)),
    '-H',
    String(px(box.height)),
    '-singlefile',
    '-png',
    file,
    out,
  ]);
  const png = PNG.sync.read(readFileSync(`${out}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

const pageText = (file: string, page: number) =>
  poppler('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-']).toString('utf8');

describe('PDF label sheets', () => {
  it('serial labels on the 65-up A4 sheet: pages, labels per page, Vietnamese text, embedded font, QR that resolves', async () => {
    // 5 seeded serials + 70 new ones = 75 labels: one full page of 65 and a page of 10.
    const issued = await api.request('POST', `/trace/lots/${seedLotId(1)}/serials`, {
      token: owner,
      body: { count: 70 },
    });
    expect(issued.status).toBe(201);
    const { res, bytes } = await labels('format=pdf&serials=true&size=38x21.2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="tem-${tea.lotCode}-seri-38x21.2.pdf"`,
    );
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');

    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(2);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toContain('Chè Thái Nguyên búp Tân Cương');

    const file = savePdf('serials', bytes);
    const fonts = poppler('pdffonts', [file]).toString('utf8');
    expect(fonts).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes/);
    const first = pageText(file, 1);
    const second = pageText(file, 2);
    // The name may wrap onto a second line on small labels.
    expect(first.replace(/\s+/g, ' ')).toContain('Chè Thái Nguyên búp Tân Cương');
    expect(first).toContain('Vùng trồng: VN-TNOR-0012');
    expect(first).toContain('Thu hoạch: 20/10/2026');
    expect(first).toContain(`(01)${seedTeaGtin}(10)${tea.lotCode}(21)`);
    expect(first.match(/Số sê-ri:/g)).toHaveLength(65);
    expect(second.match(/Số sê-ri:/g)).toHaveLength(10);

    const sheet = labelSheets['38x21.2'];
    const uri = decodeQr(file, 1, { ...sheet.origin, width: sheet.label.width, height: sheet.label.height });
    expect(uri).toBeDefined();
    const url = new URL(uri!);
    expect(url.pathname).toMatch(new RegExp(`^/01/${seedTeaGtin}/10/${tea.lotCode}/21/`));
    expect(first).toContain(`Số sê-ri: ${url.pathname.split('/').pop()}`);
    // The printed link resolves: a browser is sent to the trace page with the signed token, a machine gets the linkset.
    const page = await fetch(`${api.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain(
      `/truy-xuat${url.pathname}?t=${url.searchParams.get('t')}`,
    );
    const linkset = await fetch(`${api.url}${url.pathname}?linkType=linkset`);
    expect(linkset.status).toBe(200);
    // The last label of the last page decodes too (layout pitch, not only the first slot).
    const last = 9;
    const col = last % sheet.columns;
    const row = Math.floor(last / sheet.columns);
    const lastUri = decodeQr(file, 2, {
      x: sheet.origin.x + col * sheet.pitch.x,
      y: sheet.origin.y + row * sheet.pitch.y,
      width: sheet.label.width,
      height: sheet.label.height,
    });
    expect(lastUri).toMatch(new RegExp(`/01/${seedTeaGtin}/10/${tea.lotCode}/21/`));
    expect(lastUri).not.toBe(uri);
  });

  it('a thermal roll is one 50×30 mm page per label; lot labels of a GTIN-less lot carry the platform URI', async () => {
    const { res, bytes } = await labels('format=pdf&size=roll-50x30&copies=3');
    expect(res.status).toBe(200);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(3);
    const { width, height } = doc.getPage(2).getSize();
    expect([Math.round((width / 72) * 25.4), Math.round((height / 72) * 25.4)]).toEqual([50, 30]);
    const file = savePdf('roll', bytes);
    const uri = decodeQr(file, 3, { x: 0, y: 0, width: 50, height: 30 });
    expect(new URL(uri!).pathname).toBe(`/01/${seedTeaGtin}/10/${tea.lotCode}`);

    const lychee = seedLots[1]!;
    const lycheeOwner = await api.tokenFor({ phone: farmers[4]!.phone });
    const platform = await fetch(
      `${api.url}/trace/lots/${seedLotId(2)}/labels?format=pdf&size=63.5x38.1&copies=1`,
      {
        headers: { authorization: `Bearer ${lycheeOwner}` },
      },
    );
    const platformFile = savePdf('platform', new Uint8Array(await platform.arrayBuffer()));
    const sheet = labelSheets['63.5x38.1'];
    const platformUri = decodeQr(platformFile, 1, {
      ...sheet.origin,
      width: sheet.label.width,
      height: sheet.label.height,
    });
    expect(new URL(platformUri!).pathname).toBe(`/l/${lychee.lotCode}`);
    expect(pageText(platformFile, 1)).toContain(`Mã lô ${lychee.lotCode}`);
    expect(pageText(platformFile, 1)).toContain('Vải thiều Thanh Hà');
  });

  it('Accept: application/pdf picks the PDF; ?format wins over Accept; SVG stays the default', async () => {
    const byAccept = await labels('copies=1', { accept: 'application/pdf' });
    expect(byAccept.res.headers.get('content-type')).toBe('application/pdf');
    const forced = await labels('copies=1&format=svg', { accept: 'application/pdf' });
    expect(forced.res.headers.get('content-type')).toContain('image/svg+xml');
    const plain = await labels('copies=1');
    expect(plain.res.headers.get('content-type')).toContain('image/svg+xml');
    expect(new TextDecoder().decode(plain.bytes)).toContain('Chè Thái Nguyên búp Tân Cương');
  });

  it('refuses strangers and unknown sizes or formats (with field messages)', async () => {
    const stranger = await api.tokenFor({ phone: farmers[1]!.phone });
    expect((await labels('format=pdf', {}, stranger)).res.status).toBe(403);
    const buyer = staff.find((u) => u.roles.includes('buyer'))!;
    expect((await labels('format=pdf', {}, await api.tokenFor({ phone: buyer.phone }))).res.status).toBe(403);
    const bad = await api.request('GET', `/trace/lots/${seedLotId(1)}/labels?format=docx&size=A0`, {
      token: owner,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('format');
    expect(JSON.stringify(bad.json)).toContain('size');
  });
});
