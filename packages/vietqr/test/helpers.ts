import { crc16, crcHex } from '../src/crc.ts';

/** Appends `6304` and the correct CRC to a hand-written body, for crafting edge cases. */
export function withCrc(body: string): string {
  const head = `${body}6304`;
  return head + crcHex(crc16(head));
}

export const tlv = (id: string, value: string): string =>
  id + String([...value].length).padStart(2, '0') + value;

/** A minimal valid static payload body (no CRC) around a configurable merchant-account template. */
export function body(parts: { account?: string; extra?: string; poi?: string } = {}): string {
  const account =
    parts.account ??
    tlv('00', 'A000000727') +
      tlv('01', tlv('00', '970436') + tlv('01', '0011001234567')) +
      tlv('02', 'QRIBFTTA');
  return (
    tlv('00', '01') +
    tlv('01', parts.poi ?? '11') +
    tlv('38', account) +
    tlv('53', '704') +
    tlv('58', 'VN') +
    (parts.extra ?? '')
  );
}
