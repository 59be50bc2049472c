/** An error the client caused or may see; rendered as `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = 'Anmeldung erforderlich.') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'Dafür fehlt Ihnen die Berechtigung.', details?: unknown) =>
  new AppError(403, 'forbidden', message, details);
export const notFound = (what = 'Eintrag') => new AppError(404, 'not_found', `${what} nicht gefunden.`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
/** A feature this server cannot offer as installed (a missing tool), not a passing outage. */
export const notImplemented = (code: string, message: string) => new AppError(501, code, message);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});
