import {
  isDomainError,
  type LocalizedMessage,
  parseVietnameseInteger,
  parseVietnameseNumber,
  toFieldIssues,
} from '@chophien/core';
import { ZodError } from 'zod';
import type { Lang } from '../../i18n/index.ts';
import { producerText } from './text.ts';

/**
 * The desk's one way of handling a form post, with no client JavaScript: read the fields, build the
 * core input, run the same use-case the API runs, then either 303 to the next page or give the page
 * back the submitted values and the errors to show beside each field.
 *
 * Form fields are named after the core input's paths ("title.vi", "packs.0.priceVnd", "input.name"), so
 * a zod issue or a DomainError field from core lands on the field that caused it without a mapping table.
 */

export interface FormState {
  readonly intent: string;
  readonly values: Readonly<Record<string, string>>;
  /** Field name → message in the page's language. */
  readonly errors: Readonly<Record<string, string>>;
  /** A message that belongs to no single field (e.g. the pre-harvest rule, a forbidden write). */
  readonly message?: string;
}

export interface FormAction<Input> {
  readonly intent: string;
  /** Builds the use-case input from the fields; reports unreadable numbers and dates on `read`. */
  build(read: FieldReader): Input;
  /** Runs the use-case; returns where to go next (a path on this site). */
  run(input: Input): Promise<string>;
  /** When the input's paths differ from the field names (e.g. blank pack rows skipped): core path → field. */
  fieldOf?(path: string): string;
}

/** Reads string fields and turns them into what core expects, collecting "not a number"-style errors. */
export class FieldReader {
  readonly errors: Record<string, string> = {};
  readonly #text;

  constructor(
    readonly values: Record<string, string>,
    private readonly all: FormData,
    lang: Lang,
  ) {
    this.#text = producerText(lang);
  }

  /** Trimmed text; blank is `undefined` (so optional core fields stay absent). */
  text(name: string): string | undefined {
    const value = this.values[name]?.trim();
    return value ? value : undefined;
  }

  /** Every value of a repeated field (checkbox groups). */
  list(name: string): string[] {
    return this.all
      .getAll(name)
      .map(String)
      .filter((v) => v.trim() !== '');
  }

  checked(name: string): boolean {
    return this.all.has(name);
  }

  /** An uploaded file (multipart forms); undefined when none was chosen. */
  file(name: string): File | undefined {
    const value = this.all.get(name);
    return value instanceof File && value.size > 0 ? value : undefined;
  }

  /**
   * A whole number, by the one Vietnamese number rule (core text/vn-number.ts): "45.000" and "45 000"
   * read as 45000; "1,5" is refused as not whole (never silently 15).
   */
  int(name: string): number | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const parsed = parseVietnameseInteger(raw);
    if (!parsed.ok) {
      this.errors[name] =
        parsed.reason === 'not_whole' ? this.#text.wholeNumberNeeded : this.#text.numberNeeded;
      return undefined;
    }
    return parsed.value;
  }

  /** A decimal by the same rule: a comma is the decimal mark ("21,5668"), dots group thousands. */
  decimal(name: string): number | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const parsed = parseVietnameseNumber(raw);
    if (!parsed.ok) {
      this.errors[name] = this.#text.numberNeeded;
      return undefined;
    }
    return parsed.value;
  }

  /** A `datetime-local` value read as Vietnam time (UTC+7, no daylight saving) → ISO with offset. */
  vietnamTime(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) {
      this.errors[name] = this.#text.dateTimeNeeded;
      return undefined;
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw)) {
      this.errors[name] = this.#text.dateTimeNeeded;
      return undefined;
    }
    return `${raw.length === 16 ? `${raw}:00` : raw}+07:00`;
  }

  fail(name: string, message: string): void {
    this.errors[name] = message;
  }
}

const pick = (lang: Lang, message: LocalizedMessage) => message[lang];

/** Core paths from the API's body carry a "body." prefix; the form's field names do not. */
const fieldName = (path: string) => path.replace(/^body\./, '');

/**
 * Handles a POST for one of `actions` (chosen by the hidden `intent` field). Returns a 303 Response on
 * success, the form state to render on a user error, or undefined when this is not a POST. Anything
 * that is not a user error (a crash) is rethrown, so it becomes a 500 rather than a silent message.
 */
export async function handleForm(
  ctx: { request: Request; redirect(path: string, status?: 303): Response },
  lang: Lang,
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own input type
  actions: readonly FormAction<any>[],
): Promise<Response | FormState | undefined> {
  if (ctx.request.method !== 'POST') return undefined;
  const form = await ctx.request.formData();
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  const intent = values.intent ?? '';
  const action = actions.find((a) => a.intent === intent);
  if (!action) {
    return {
      intent,
      values,
      errors: {},
      message: lang === 'en' ? 'Unknown form.' : 'Biểu mẫu không hợp lệ.',
    };
  }
  const read = new FieldReader(values, form, lang);
  const input = action.build(read);
  if (Object.keys(read.errors).length > 0) return { intent, values, errors: read.errors };
  try {
    return ctx.redirect(await action.run(input), 303);
  } catch (error) {
    if (error instanceof ZodError) {
      const errors: Record<string, string> = {};
      for (const issue of toFieldIssues(error.issues))
        errors[action.fieldOf?.(issue.path) ?? (issue.path || '_')] ??= pick(lang, issue.message);
      return { intent, values, errors };
    }
    if (isDomainError(error)) {
      const errors: Record<string, string> = {};
      for (const field of error.fields) {
        const path = fieldName(field.path);
        errors[action.fieldOf?.(path) ?? path] ??= pick(lang, field.message);
      }
      return { intent, values, errors, message: pick(lang, error.messages) };
    }
    throw error;
  }
}

/** The state for one form on the page: its own errors and values after a failed post, else empty. */
export function stateFor(result: FormState | undefined, intent: string): FormState {
  return result && result.intent === intent ? result : { intent, values: {}, errors: {} };
}

/** A desk path with the "saved" note the next page shows (`?ok=<what>`, read by `savedNote`). */
export function withOk(path: string, what: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(what)}`;
}
