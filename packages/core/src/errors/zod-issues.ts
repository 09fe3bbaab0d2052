import type * as z from 'zod';
import type { FieldIssue, LocalizedMessage } from './domain-error.ts';

/**
 * Field-level messages in Vietnamese and English for zod issues. Schemas may carry their own
 * bilingual text as `{ message: 'vi|en' }`-style custom messages via `bilingual()`.
 */
const SEPARATOR = '\u241E';

/** A custom zod message carrying both languages (split again by `toFieldIssues`). */
export const bilingual = (vi: string, en: string): string => `${vi}${SEPARATOR}${en}`;

function describe(issue: z.core.$ZodIssue): LocalizedMessage {
  if (issue.message.includes(SEPARATOR)) {
    const [vi = '', en = ''] = issue.message.split(SEPARATOR);
    return { vi, en };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { vi: 'Trường này là bắt buộc.', en: 'This field is required.' };
      return {
        vi: `Kiểu dữ liệu không đúng, cần ${issue.expected}.`,
        en: `Wrong type, expected ${issue.expected}.`,
      };
    case 'too_small':
      if (issue.origin === 'string')
        return {
          vi: `Cần ít nhất ${issue.minimum} ký tự.`,
          en: `Must be at least ${issue.minimum} characters.`,
        };
      if (issue.origin === 'array')
        return {
          vi: `Cần ít nhất ${issue.minimum} mục.`,
          en: `Must have at least ${issue.minimum} items.`,
        };
      return {
        vi: `Giá trị phải ${issue.inclusive ? '≥' : '>'} ${issue.minimum}.`,
        en: `Must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}.`,
      };
    case 'too_big':
      if (issue.origin === 'string')
        return {
          vi: `Tối đa ${issue.maximum} ký tự.`,
          en: `Must be at most ${issue.maximum} characters.`,
        };
      if (issue.origin === 'array')
        return { vi: `Tối đa ${issue.maximum} mục.`, en: `Must have at most ${issue.maximum} items.` };
      return {
        vi: `Giá trị phải ${issue.inclusive ? '≤' : '<'} ${issue.maximum}.`,
        en: `Must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}.`,
      };
    case 'invalid_format':
      return { vi: `Định dạng không hợp lệ (${issue.format}).`, en: `Invalid format (${issue.format}).` };
    case 'invalid_value':
      return {
        vi: `Giá trị không hợp lệ; chấp nhận: ${issue.values.map(String).join(', ')}.`,
        en: `Invalid value; expected one of: ${issue.values.map(String).join(', ')}.`,
      };
    case 'unrecognized_keys':
      return {
        vi: `Trường không được phép: ${issue.keys.join(', ')}.`,
        en: `Unknown field(s): ${issue.keys.join(', ')}.`,
      };
    case 'not_multiple_of':
      return { vi: `Phải là bội số của ${issue.divisor}.`, en: `Must be a multiple of ${issue.divisor}.` };
    default:
      return { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' };
  }
}

export function toFieldIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return {
      path: prefix ? (path ? `${prefix}.${path}` : prefix) : path,
      code: issue.code,
      message: describe(issue),
    };
  });
}
