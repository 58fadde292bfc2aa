/**
 * The exit code of `meldcode check`, like ESLint, Vale and markdownlint-cli2:
 *
 *   2  a document could not be checked (verdict `error`: unreadable, encrypted, no text layer …).
 *      This wins over everything, also over `exitZero`. (Usage and config errors also exit 2, but
 *      the CLI decides that before any document is checked.)
 *   0  with `exitZero`, when no document has verdict `error`.
 *   1  a document is `not-a-meldcode` (whatever failOn says);
 *   1  an open finding has severity >= `failOn` (error > warning > info; default `error`).
 *      A finding is a partial or missing element that applies; it is open unless a waiver or
 *      baseline entry suppresses it, and an expired waiver does not suppress. The elements that
 *      decide the verdict (art. 2 Besluit) have severity `error` in the rule set, so with the
 *      default a non-compliant document fails, unless its gaps are waived, baselined, or
 *      downgraded in the config (`rules: { M04: warning }`);
 *   1  the number of open `warning` findings over all documents exceeds `maxWarnings`
 *      (unset or negative: no limit; `0`: any open warning fails);
 *   0  otherwise.
 */
import type { DocumentResult } from '../engine/result.js';
import type { Severity } from '../rules/schema.js';
import { isActiveSuppression, isFinding, isJudged, isOpenFinding } from './findings.js';

export type FailOn = Severity;

export interface ExitCodeOptions {
  /** Lowest severity of an open finding that fails the run (default `error`). */
  failOn?: FailOn;
  /** Most open warnings allowed (unset or < 0: no limit). */
  maxWarnings?: number;
  /** Exit 0 even when findings fail the run (input errors still give 2). */
  exitZero?: boolean;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface FindingCounts {
  /** Open findings per severity (an expired-waiver finding is open and counted here). */
  error: number;
  warning: number;
  info: number;
  /** Findings suppressed by a waiver or baseline entry that still holds. */
  suppressed: number;
  /** Open findings whose waiver expired (a subset of error + warning + info). */
  expired: number;
}

/**
 * Counts findings over the documents judged as a meldcode. `error` documents have no elements, and
 * the elements of a `not-a-meldcode` document are not findings (that document fails on its own).
 */
export function countFindings(results: readonly DocumentResult[]): FindingCounts {
  const c: FindingCounts = { error: 0, warning: 0, info: 0, suppressed: 0, expired: 0 };
  for (const doc of results) {
    if (!isJudged(doc)) continue;
    for (const e of doc.elements) {
      if (!isFinding(e)) continue;
      if (isActiveSuppression(e)) c.suppressed++;
      else {
        c[e.severity]++;
        if (e.suppressed?.expired) c.expired++;
      }
    }
  }
  return c;
}

export function exitCode(results: readonly DocumentResult[], opts: ExitCodeOptions = {}): 0 | 1 | 2 {
  if (results.some((d) => d.verdict === 'error')) return 2;
  if (opts.exitZero) return 0;
  if (results.some((d) => d.verdict === 'not-a-meldcode')) return 1;
  const threshold = RANK[opts.failOn ?? 'error'];
  for (const doc of results) {
    if (!isJudged(doc)) continue;
    for (const e of doc.elements) if (isOpenFinding(e) && RANK[e.severity] >= threshold) return 1;
  }
  const max = opts.maxWarnings;
  if (max !== undefined && max >= 0 && countFindings(results).warning > max) return 1;
  return 0;
}
