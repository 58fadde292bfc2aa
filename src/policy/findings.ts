/**
 * What counts as a finding, shared by waivers, baseline and exit code (the same definitions as
 * isGap/isSuppressed in src/report/common.ts):
 *
 * - a *finding* is an element that applies and is `partial` or `missing`;
 * - it is *suppressed* when a waiver or baseline entry covers it and that cover has not expired;
 * - an *open* finding is a finding that is not suppressed (an expired waiver leaves it open).
 */
import type { DocumentResult, ElementResult } from '../engine/result.js';

export function isFinding(e: ElementResult): boolean {
  return e.applies && (e.status === 'partial' || e.status === 'missing');
}

export function isActiveSuppression(e: ElementResult): boolean {
  return !!e.suppressed && !e.suppressed.expired;
}

export function isOpenFinding(e: ElementResult): boolean {
  return isFinding(e) && !isActiveSuppression(e);
}

/** Documents whose elements are judged: not `error` (no elements) and not `not-a-meldcode`. */
export function isJudged(doc: DocumentResult): boolean {
  return doc.verdict === 'compliant' || doc.verdict === 'non-compliant';
}

/** Today's local date as YYYY-MM-DD (waiver expiry is a local calendar date, as in InSpec). */
export function localDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
