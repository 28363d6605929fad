/** Every failure a service can report, with the HTTP status the error handler renders it as. */
export const ERROR_STATUS = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type AppErrorOptions = {
  /** Interpolation values for the message key. */
  params?: Record<string, string | number>;
  /** Field name → message key, for errors about specific input fields. */
  fields?: Record<string, string>;
};

/**
 * The one application error. `messageKey` is an i18n key (see src/server/messages.ts)
 * so that the message reaches each user in their language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, messageKey: string, options: AppErrorOptions = {}) {
    super(messageKey);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = options.params ?? {};
    this.fields = options.fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(entity: string): AppError {
  return new AppError('not_found', 'errors.notFound', { params: { entity } });
}
