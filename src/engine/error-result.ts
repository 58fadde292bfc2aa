/** A DocumentResult for a file that could not be read: verdict `error`, never "everything missing". */
import { inputErrorText } from '../i18n/input-errors.js';
import type { InputErrorCause } from '../load/errors.js';
import type { DocumentResult } from './result.js';

export function errorResult(file: string, cause: InputErrorCause, detail: Record<string, string | number> = {}): DocumentResult {
  return { file, verdict: 'error', elements: [], error: { cause, message: inputErrorText(cause, detail), detail } };
}
