/**
 * The exit code of `meldcode check`. The decision itself is src/policy/exit-code.ts (one
 * implementation); this adds what only the command line knows (patterns that matched no file) and
 * the numbers for the `--max-warnings` note on stderr.
 *
 *   2  a pattern matched no file, or a document could not be read (wins over everything, also
 *      over --exit-zero);
 *   0  with --exit-zero;
 *   1  a document is not a meldcode, an open finding has severity >= failOn, or there are more open
 *      warnings than --max-warnings;
 *   0  otherwise.
 *
 * Open = not covered by a waiver in force or a baseline entry. The elements that decide the verdict
 * have severity `error`, so with the default failOn a non-compliant meldcode fails, unless the
 * config lowers their severity (`rules: { M04: warning }`) or switches them off.
 */
import type { DocumentResult } from '../engine/result.js';
import { countFindings, exitCode, type FailOn } from '../policy/exit-code.js';

export interface ExitPolicy {
  failOn?: FailOn;
  maxWarnings?: number;
  exitZero?: boolean;
}

export interface ExitOutcome {
  code: 0 | 1 | 2;
  /** Open (not suppressed) warning-level findings in documents judged as a meldcode. */
  warnings: number;
  warningsExceeded: boolean;
}

export function exitOutcome(documents: readonly DocumentResult[], unmatched: readonly string[], policy: ExitPolicy): ExitOutcome {
  const warnings = countFindings(documents).warning;
  const max = policy.maxWarnings;
  const warningsExceeded = max !== undefined && max >= 0 && warnings > max;
  const code = unmatched.length ? 2 : exitCode(documents, policy);
  return { code, warnings, warningsExceeded };
}
