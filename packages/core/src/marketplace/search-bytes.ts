/**
 * The byte layout of a search snapshot: unsigned LEB128 varints and length-prefixed UTF-8. Sorted doc ids
 * are stored as gaps, so a posting list of a common word costs about a byte per listing, in the
 * snapshot and in memory alike.
 */
export class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;

  private reserve(bytes: number) {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  uint(value: number): void {
    this.reserve(5);
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buffer[this.length++] = rest;
  }

  bytes(values: Uint8Array): void {
    this.uint(values.length);
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  text(value: string): void {
    this.bytes(new TextEncoder().encode(value));
  }

  /** Ascending values as the first one and then the gaps, with no count (the caller records the length). */
  gaps(values: ArrayLike<number>, from: number, to: number): void {
    let previous = 0;
    for (let i = from; i < to; i++) {
      const value = values[i] as number;
      this.uint(value - previous);
      previous = value;
    }
  }

  get size(): number {
    return this.length;
  }

  /**
   * 32-bit numbers, little-endian, at a 4-byte boundary (padded with a length-prefixed run of zeros),
   * so the reader can view them in place instead of decoding them.
   */
  words(values: ArrayLike<number>): void {
    this.uint(values.length);
    const padding = (4 - ((this.length + 1) % 4)) % 4;
    this.uint(padding);
    this.reserve(padding + values.length * 4);
    this.length += padding;
    const view = new DataView(this.buffer.buffer, this.buffer.byteOffset);
    for (let i = 0; i < values.length; i++) {
      view.setUint32(this.length, values[i] as number, true);
      this.length += 4;
    }
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export class ByteReader {
  private offset = 0;

  constructor(private readonly buffer: Uint8Array) {}

  uint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.offset >= this.buffer.length) throw new Error('search snapshot is truncated');
      const byte = this.buffer[this.offset++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }

  bytes(): Uint8Array {
    const length = this.uint();
    if (this.offset + length > this.buffer.length) throw new Error('search snapshot is truncated');
    const slice = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  text(): string {
    return new TextDecoder().decode(this.bytes());
  }

  /** What `words` wrote, viewed in place (the buffer must start at a 4-byte boundary). */
  words(): Uint32Array {
    const count = this.uint();
    const padding = this.uint();
    this.offset += padding;
    if (this.offset + count * 4 > this.buffer.length) throw new Error('search snapshot is truncated');
    const view = new Uint32Array(this.buffer.buffer, this.buffer.byteOffset + this.offset, count);
    this.offset += count * 4;
    return view;
  }
}

/** Typed-array views read the host's byte order; snapshots are little-endian, as x86 and arm64 are. */
export const hostIsLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Calls `visit` with each value of a gap-coded list (`ByteWriter.gaps`) in bytes[from, to): the posting
 * lists stay compressed in memory and are read only for the words a query asks for.
 */
export function forEachGap(
  bytes: Uint8Array,
  from: number,
  to: number,
  visit: (value: number) => void,
): void {
  let value = 0;
  let i = from;
  while (i < to) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[i++] as number;
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    value += gap;
    visit(value);
  }
}
