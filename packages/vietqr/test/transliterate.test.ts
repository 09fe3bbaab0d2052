import { describe, expect, it } from 'vitest';
import { transliterate } from '../src/index.ts';

describe('transliterate', () => {
  it('removes Vietnamese tone and vowel marks and maps Đ/đ to D/d', () => {
    expect(transliterate('Đặng Thị Ánh Tuyết – đường Lê Lợi')).toBe('Dang Thi Anh Tuyet – duong Le Loi');
    expect(transliterate('ỦNG HỘ LŨ LỤT')).toBe('UNG HO LU LUT');
  });

  it('handles decomposed (NFD) input the same as composed', () => {
    expect(transliterate('Nguyễn'.normalize('NFD'))).toBe('Nguyen');
  });

  it('leaves ASCII untouched and other scripts alone (the builder then rejects them)', () => {
    expect(transliterate('DH 123-abc')).toBe('DH 123-abc');
    expect(transliterate('“x”')).toBe('“x”');
  });
});
