import { describe, expect, it } from 'vitest';
import { buildVietQR } from '../src/index.ts';
import { toPng, toSvg, VietQRRenderError } from '../src/render/index.ts';
import { decodePng, pathToPng } from './qr-decode.ts';

const payload = buildVietQR({
  bin: 'VCB',
  accountNumber: '0011001234567',
  amount: 50000,
  purpose: 'DH 123',
  alternateLanguage: { language: 'vi', merchantName: 'Chợ phiên Đồng Văn' },
});

describe('render', () => {
  it('PNG decodes (jsQR) to the identical payload, diacritics in 64 included', async () => {
    expect(decodePng(await toPng(payload))).toBe(payload);
  });

  it('SVG is a standalone document whose modules decode to the identical payload', () => {
    const svg = toSvg(payload, { size: '60mm', title: 'VietQR <Chợ>' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>VietQR &lt;Chợ&gt;</title>');
    const side = Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1]);
    const d = /<path fill="[^"]+" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(decodePng(pathToPng(d, side))).toBe(payload);
  });

  it('keeps a 4-module quiet zone', () => {
    const svg = toSvg(payload);
    const xs = [...svg.matchAll(/M(\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    expect(Math.min(...xs)).toBe(4);
  });

  it('refuses an invalid payload unless told not to validate', async () => {
    const broken = `${payload.slice(0, -4)}0000`;
    expect(() => toSvg(broken)).toThrow(VietQRRenderError);
    await expect(toPng(broken)).rejects.toBeInstanceOf(VietQRRenderError);
    expect(toSvg(broken, { validate: false })).toContain('<path');
  });
});
