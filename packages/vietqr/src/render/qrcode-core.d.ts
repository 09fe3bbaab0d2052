/** Types for qrcode's symbol encoder, imported on its own by matrix.ts (the package types only its main module). */
declare module 'qrcode/lib/core/qrcode.js' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string | QRCode['segments'], options?: QRCodeOptions): QRCode;
}
