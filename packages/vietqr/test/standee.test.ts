import { describe, expect, it } from 'vitest';
import { parseVietQR } from '../src/index.ts';
import {
  marketSheetHtml,
  type StandeeInput,
  stallCheckCode,
  stallStandeeSvg,
  verifyStallCheckCode,
} from '../src/standee/index.ts';
import { decodePng, pathToPng } from './qr-decode.ts';
import { assertWellFormedXml } from './xml-check.ts';

const SECRET = 'test-secret-not-for-production';

const stall: StandeeInput = {
  marketName: 'Chợ phiên Đồng Văn',
  stallNumber: '12',
  stallCode: 'HG-DV-012',
  vendorName: 'Bà Nguyễn Thị Hoà & con gái <Mai>',
  bin: 'Vietcombank',
  accountNumber: '0011001235678',
  checkCode: stallCheckCode(SECRET, 'HG-DV-012', '0011001235678'),
};

/** Decodes the QR exactly as drawn inside the standee's `<g id="qr">`. */
function decodeStandeeQr(svg: string): string | undefined {
  const group = /<g id="qr" data-modules="(\d+)"[^>]*>[\s\S]*?<path fill="#000000" d="([^"]+)"/.exec(svg);
  if (!group) throw new Error('no QR group in the standee');
  return decodePng(pathToPng(group[2]!, Number(group[1])));
}

describe('stall check code', () => {
  it('is 8 Crockford base32 characters, stable, and verifiable with retyping slack', () => {
    const code = stallCheckCode(SECRET, 'HG-DV-012', '0011001235678');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(stallCheckCode(SECRET, 'HG-DV-012', '0011001235678')).toBe(code);
    expect(verifyStallCheckCode(SECRET, 'HG-DV-012', '0011001235678', code)).toBe(true);
    expect(
      verifyStallCheckCode(SECRET, 'HG-DV-012', '0011001235678', code.toLowerCase().replace('-', ' ')),
    ).toBe(true);
  });

  it('does not verify for another account, another stall, or another secret', () => {
    const code = stallCheckCode(SECRET, 'HG-DV-012', '0011001235678');
    expect(verifyStallCheckCode(SECRET, 'HG-DV-012', '9999999999', code)).toBe(false);
    expect(verifyStallCheckCode(SECRET, 'HG-DV-013', '0011001235678', code)).toBe(false);
    expect(verifyStallCheckCode('other', 'HG-DV-012', '0011001235678', code)).toBe(false);
    expect(verifyStallCheckCode(SECRET, 'HG-DV-012', '0011001235678', 'ABCD')).toBe(false);
  });

  it('separates fields so shifted boundaries give different codes', () => {
    expect(stallCheckCode(SECRET, 'A1', '23')).not.toBe(stallCheckCode(SECRET, 'A', '123'));
  });
});

describe('stall standee', () => {
  const svg = stallStandeeSvg(stall);

  it('is a well-formed A6 portrait SVG', () => {
    assertWellFormedXml(svg);
    expect(svg).toContain('width="105mm" height="148mm" viewBox="0 0 105 148"');
  });

  it('prints names with diacritics (escaped), bank short name and the masked account only', () => {
    expect(svg).toContain('Chợ phiên Đồng Văn');
    expect(svg).toContain('Bà Nguyễn Thị Hoà &amp; con gái &lt;Mai&gt;');
    expect(svg).toContain('Vietcombank');
    expect(svg).toContain('•••• 5678');
    expect(svg).not.toContain('0011001235678');
    expect(svg).toContain(stall.checkCode);
  });

  it('carries a static QR that decodes to a payload whose 62.08 is the stall code', () => {
    const payload = decodeStandeeQr(svg);
    expect(payload).toBeDefined();
    const result = parseVietQR(payload!);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.additional.purpose).toBe('HG-DV-012');
    expect(result.data.pointOfInitiation).toBe('static');
    expect(result.data.accountNumber).toBe('0011001235678');
    expect(result.data.bin).toBe('970436');
  });

  it('builds a market sheet: one HTML, one A6 page per stall', () => {
    const html = marketSheetHtml('Chợ phiên Đồng Văn – sạp', [
      stall,
      { ...stall, stallNumber: '13', stallCode: 'HG-DV-013' },
    ]);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@page { size: 105mm 148mm; margin: 0; }');
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
    assertWellFormedXml(
      html.replace('<!doctype html>', '').replace('<meta charset="utf-8">', '<meta charset="utf-8"/>'),
    );
  });
});
