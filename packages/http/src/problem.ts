import type { DomainErrorKind, FieldIssue, LocalizedMessage } from '@chophien/core';

/** The one mapping from a domain error kind to an HTTP status. */
export const statusOfKind: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * Headers a kind of error carries: a 503 (busy) or a 429 (a throttle, core/limits) tells the caller when to
 * retry (payment providers and browsers honour it).
 */
export function headersOfError(
  kind: DomainErrorKind,
  details?: Readonly<Record<string, unknown>>,
): Record<string, string> {
  if (kind !== 'unavailable' && kind !== 'rate_limited') return {};
  const seconds = Number(details?.retryAfterSeconds);
  return { 'retry-after': String(Number.isInteger(seconds) && seconds > 0 ? seconds : 5) };
}

/** Errors of the HTTP layer itself (before a use-case runs); marked safe to show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messages: LocalizedMessage,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(messages.en);
    this.name = 'HttpError';
  }
}

export interface ProblemBody {
  readonly error: {
    readonly code: string;
    /** In the caller's language (Accept-Language), Vietnamese by default. */
    readonly message: string;
    readonly messages: LocalizedMessage;
    readonly fields?: ReadonlyArray<{
      path: string;
      code: string;
      message: string;
      messages: LocalizedMessage;
    }>;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly requestId: string;
  };
}

export type Language = 'vi' | 'en';

/** Vietnamese unless the caller clearly prefers English. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function problemBody(
  input: {
    code: string;
    messages: LocalizedMessage;
    fields?: readonly FieldIssue[];
    details?: Readonly<Record<string, unknown>>;
  },
  requestId: string,
  language: Language,
): ProblemBody {
  return {
    error: {
      code: input.code,
      message: input.messages[language],
      messages: input.messages,
      ...(input.fields && input.fields.length > 0
        ? {
            fields: input.fields.map((field) => ({
              path: field.path,
              code: field.code,
              message: field.message[language],
              messages: field.message,
            })),
          }
        : {}),
      ...(input.details ? { details: input.details } : {}),
      requestId,
    },
  };
}
