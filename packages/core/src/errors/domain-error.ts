/**
 * Errors the domain raises on purpose. Only these reach a caller with their message;
 * packages/http maps `kind` to an HTTP status in one table, anything else becomes a bare 500.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  /** A throttle or attempt limit is full (packages/core/src/limits): 429 with Retry-After. */
  | 'rate_limited'
  /** Busy or contended: retry later (HTTP 503 + Retry-After from `details.retryAfterSeconds`). */
  | 'unavailable';

export interface LocalizedMessage {
  readonly vi: string;
  readonly en: string;
}

export interface FieldIssue {
  /** Dotted path into the input, e.g. `packs.0.priceVnd`. */
  readonly path: string;
  readonly code: string;
  readonly message: LocalizedMessage;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly messages: LocalizedMessage;
  readonly fields: readonly FieldIssue[];
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    kind: DomainErrorKind,
    code: string,
    messages: LocalizedMessage,
    options: { fields?: readonly FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(messages.en);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.messages = messages;
    this.fields = options.fields ?? [];
    this.details = options.details;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

export const notFound = (what: LocalizedMessage, code = 'not_found'): DomainError =>
  new DomainError('not_found', code, {
    vi: `Không tìm thấy ${what.vi}.`,
    en: `${what.en.charAt(0).toUpperCase()}${what.en.slice(1)} not found.`,
  });

export const forbidden = (code = 'forbidden'): DomainError =>
  new DomainError('forbidden', code, {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  });

export const conflict = (code: string, messages: LocalizedMessage, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, messages, details ? { details } : {});

/** A domain error about one field of the request: its message, and the field's own (shown beside it). */
export const fieldError = (
  kind: DomainErrorKind,
  code: string,
  messages: LocalizedMessage,
  field: { readonly path: string; readonly message: LocalizedMessage; readonly code?: string },
): DomainError =>
  new DomainError(kind, code, messages, {
    fields: [{ path: field.path, code: field.code ?? code, message: field.message }],
  });

/** The store is busy (throttled, or a transaction kept losing races): the caller should retry soon. */
export const storeBusy = (retryAfterSeconds = 5): DomainError =>
  new DomainError(
    'unavailable',
    'busy',
    { vi: 'Hệ thống đang bận, vui lòng thử lại sau ít giây.', en: 'Busy, please retry in a few seconds.' },
    { details: { retryAfterSeconds } },
  );
