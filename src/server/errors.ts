/** The one error class thrown below the routes; the error plugin turns it into `{ error: { code, message, details? } }`. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(code: string, options: { status?: number; params?: Record<string, string | number>; details?: unknown } = {}) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? statusForCode(code);
    this.params = options.params ?? {};
    this.details = options.details;
  }
}

function statusForCode(code: string): number {
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_TAKEN') || code.endsWith('_CONFLICT')) return 409;
  if (code.startsWith('AUTH_')) return 401;
  if (code === 'FORBIDDEN' || code.endsWith('_FORBIDDEN')) return 403;
  if (code === 'PAYLOAD_TOO_LARGE' || code.endsWith('_TOO_LARGE')) return 413;
  return 400;
}
