/**
 * Stall standee: an A6 portrait (105 × 148 mm) print-ready SVG. Vendor and market names keep their
 * diacritics because they are printed text, outside the QR; the QR itself is a static VietQR with
 * the stall code in 62.08 so that most transfers carry it back to the platform.
 */
import { findBank } from '../banks.ts';
import { buildVietQR } from '../build.ts';
import { modulePath, QUIET_ZONE, qrMatrix } from '../render/matrix.ts';
import { escapeXml } from '../xml.ts';

export interface StandeeInput {
  marketName: string;
  /** As shown to people, e.g. `12` or `B-07`. */
  stallNumber: string;
  /** Platform stall code, ASCII, ≤ 25 characters; goes into 62.08 (purpose). */
  stallCode: string;
  vendorName: string;
  /** BIN or bank name, as for `buildVietQR`. */
  bin: string;
  accountNumber: string;
  /** From `stallCheckCode(secret, stallCode, accountNumber)`, computed by the platform. */
  checkCode: string;
}

const WIDTH = 105;
const HEIGHT = 148;
const QR_SIZE = 64;
const QR_TOP = 45;
const FONT = "'Be Vietnam Pro', 'Noto Sans', Arial, sans-serif";
const MONO = "'JetBrains Mono', 'Noto Sans Mono', 'Courier New', monospace";

/** `•••• 5678`: enough for the vendor to recognise the account, too little to copy it. */
export function maskAccount(accountNumber: string): string {
  return `•••• ${accountNumber.length > 4 ? accountNumber.slice(-4) : ''}`.trimEnd();
}

/** The standee's payload: static (reusable), stall code as the transfer memo. */
export function stallPayload(input: Pick<StandeeInput, 'bin' | 'accountNumber' | 'stallCode'>): string {
  return buildVietQR({
    bin: input.bin,
    accountNumber: input.accountNumber,
    purpose: input.stallCode,
    pointOfInitiation: 'static',
  });
}

/**
 * Centred text. Without font metrics the width is estimated (0.56 em per character). A line that
 * would overflow is first set smaller (down to 70 %), then squeezed with `textLength`, so long
 * market or vendor names stay on the card and readable.
 */
function text(
  content: string,
  y: number,
  size: number,
  options: { weight?: number; font?: string; fill?: string } = {},
): string {
  const maxWidth = WIDTH - 12;
  const perEm = [...content].length * 0.56;
  const fitted = Math.max(size * 0.7, Math.min(size, maxWidth / perEm));
  const fontSize = Math.round(fitted * 100) / 100;
  const squeeze =
    perEm * fontSize > maxWidth ? ` textLength="${maxWidth}" lengthAdjust="spacingAndGlyphs"` : '';
  return (
    `<text x="${WIDTH / 2}" y="${y}" text-anchor="middle" font-family="${escapeXml(options.font ?? FONT)}" ` +
    `font-size="${fontSize}" font-weight="${options.weight ?? 400}" fill="${options.fill ?? '#1a1a1a'}"${squeeze}>` +
    `${escapeXml(content)}</text>`
  );
}

export function stallStandeeSvg(input: StandeeInput): string {
  const payload = stallPayload(input);
  const matrix = qrMatrix(payload);
  const side = matrix.size + 2 * QUIET_ZONE;
  const scale = QR_SIZE / side;
  const bank = findBank(input.bin);
  const bankName = bank?.shortName ?? input.bin;
  const qrLeft = (WIDTH - QR_SIZE) / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}mm" height="${HEIGHT}mm" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">`,
    `<title>${escapeXml(`${input.marketName} – Sạp ${input.stallNumber} – ${input.vendorName}`)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${WIDTH}" height="22" fill="#b3261e"/>`,
    text(input.marketName, 14, 7, { weight: 700, fill: '#ffffff' }),
    text(`Sạp số ${input.stallNumber}`, 32, 9, { weight: 700 }),
    text(input.vendorName, 40, 5.5, { weight: 600 }),
    `<g id="qr" data-modules="${side}" transform="translate(${qrLeft} ${QR_TOP}) scale(${scale.toFixed(6)})" shape-rendering="crispEdges">`,
    `<rect width="${side}" height="${side}" fill="#ffffff"/>`,
    `<path fill="#000000" d="${modulePath(matrix)}"/>`,
    '</g>',
    text(`Mã kiểm tra · Check code: ${input.checkCode}`, QR_TOP + QR_SIZE + 6, 4, {
      font: MONO,
      weight: 600,
    }),
    text(bankName, QR_TOP + QR_SIZE + 16, 5, { weight: 700 }),
    text(maskAccount(input.accountNumber), QR_TOP + QR_SIZE + 22.5, 5, { font: MONO }),
    text('Quét bằng ứng dụng ngân hàng bất kỳ · Scan with any banking app', HEIGHT - 6, 3, {
      fill: '#555555',
    }),
    '</svg>',
  ].join('\n');
}
