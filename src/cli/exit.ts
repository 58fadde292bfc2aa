/**
 * Exit codes: 0 all compliant (thresholds met), 1 gaps at or above the threshold or a document
 * that is not a meldcode, 2 usage error or an unreadable input (which wins over 1).
 */
import type { DocumentResult } from '../engine/result.js';
import type { Severity } from '../rules/schema.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface ExitPolicy {
  failOn: Severity;
  maxWarnings?: number;
  exitZero?: boolean;
}

export interface ExitOutcome {
  code: 0 | 1 | 2;
  /** Open (not suppressed) warning-level gaps, for --max-warnings. */
  warnings: number;
  warningsExceeded: boolean;
}

function open(e: DocumentResult['elements'][number]): boolean {
  const gap = e.applies && (e.status === 'partial' || e.status === 'missing');
  return gap && !(e.suppressed && !e.suppressed.expired);
}

/** Whether one document fails the run at threshold `failOn`. */
export function documentFails(doc: DocumentResult, failOn: Severity): boolean {
  if (doc.verdict === 'not-a-meldcode') return true;
  if (doc.verdict === 'error') return false;
  return doc.elements.some((e) => open(e) && (e.decidesVerdict || RANK[e.severity] >= RANK[failOn]));
}

export function exitOutcome(documents: DocumentResult[], unmatched: string[], policy: ExitPolicy): ExitOutcome {
  const warnings = documents.reduce((n, d) => n + (d.verdict === 'compliant' || d.verdict === 'non-compliant' ? d.elements.filter((e) => open(e) && e.severity === 'warning').length : 0), 0);
  const warningsExceeded = policy.maxWarnings !== undefined && warnings > policy.maxWarnings;
  if (unmatched.length || documents.some((d) => d.verdict === 'error')) return { code: 2, warnings, warningsExceeded };
  if (policy.exitZero) return { code: 0, warnings, warningsExceeded };
  const fails = documents.some((d) => documentFails(d, policy.failOn)) || warningsExceeded;
  return { code: fails ? 1 : 0, warnings, warningsExceeded };
}
