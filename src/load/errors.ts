/**
 * Errors a user can cause with their input. They are values with a cause code, turned into one
 * Dutch or English line at the edge (src/i18n). Never shown as a stack trace.
 */

export type InputErrorCause =
  | 'not-found'
  | 'unreadable'
  | 'is-directory'
  | 'empty'
  | 'damaged'
  | 'encrypted'
  | 'no-text-layer'
  | 'unsupported-format'
  | 'legacy-doc'
  | 'odt'
  | 'rtf'
  | 'pages'
  | 'too-large'
  | 'too-many-pages'
  | 'zip-bomb'
  | 'binary'
  | 'timeout'
  | 'crashed'
  | 'no-match';

export class InputError extends Error {
  readonly cause: InputErrorCause;
  readonly file: string;
  /** Extra facts for the message, e.g. { limit: '50 MB', flag: '--max-file-size' }. */
  readonly detail: Record<string, string | number>;

  constructor(cause: InputErrorCause, file: string, detail: Record<string, string | number> = {}, message?: string) {
    super(message ?? `${cause}: ${file}`);
    this.name = 'InputError';
    this.cause = cause;
    this.file = file;
    this.detail = detail;
  }
}

export function isInputError(err: unknown): err is InputError {
  return err instanceof InputError || (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'InputError');
}
