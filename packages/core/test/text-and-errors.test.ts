import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  bilingual,
  foldForSearch,
  formatVnd,
  removeDiacritics,
  slugify,
  toFieldIssues,
  vndAmount,
} from '../src/index.ts';

describe('Vietnamese text folding (offline)', () => {
  it.each([
    ['Chè Thái Nguyên', 'che thai nguyen'],
    ['ĐẶC SẢN Đà Lạt', 'dac san da lat'],
    ['Vải thiều  Thanh Hà!', 'vai thieu thanh ha'],
    ['Na La Hiên – Võ Nhai', 'na la hien vo nhai'],
    ['Bưởi Luận Văn', 'buoi luan van'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('removes every diacritic, including Đ which has no Unicode decomposition', () => {
    expect(removeDiacritics('Đường Ưng Ơi Ấy Ỹ')).toBe('Duong Ung Oi Ay Y');
  });

  it('always yields ASCII slugs', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(slugify(text)).toMatch(/^[a-z0-9-]*$/);
      }),
    );
  });
});

describe('money (offline)', () => {
  it('formats VND the Vietnamese way', () => {
    expect(formatVnd(120000)).toBe('120.000 ₫');
    expect(formatVnd(45000)).toBe('45.000 ₫');
  });

  it('accepts whole đồng below the NAPAS247 limit only', () => {
    expect(vndAmount.safeParse(50000).success).toBe(true);
    expect(vndAmount.safeParse(0).success).toBe(false);
    expect(vndAmount.safeParse(1000.5).success).toBe(false);
    expect(vndAmount.safeParse(500_000_000).success).toBe(false);
  });
});

describe('field issues (offline)', () => {
  it('splits bilingual custom messages and describes built-in ones in both languages', () => {
    const schema = z.object({ price: vndAmount, title: z.string().max(3), kind: z.enum(['a', 'b']) });
    const result = schema.safeParse({ price: 1.5, title: 'quá dài', kind: 'c' });
    expect(result.success).toBe(false);
    const issues = toFieldIssues(result.error!.issues, 'body');
    expect(issues.find((issue) => issue.path === 'body.price')?.message).toEqual({
      vi: 'Số tiền phải là số nguyên (đồng).',
      en: 'Amount must be a whole number of đồng.',
    });
    expect(issues.find((issue) => issue.path === 'body.title')?.message.vi).toBe('Tối đa 3 ký tự.');
    expect(issues.find((issue) => issue.path === 'body.kind')?.message.en).toMatch(/expected one of: a, b/);
  });

  it('keeps custom messages intact when they are not bilingual', () => {
    const [issue] = toFieldIssues(
      z.string().min(5, bilingual('Ngắn quá', 'Too short')).safeParse('ab').error!.issues,
    );
    expect(issue?.message).toEqual({ vi: 'Ngắn quá', en: 'Too short' });
  });
});
