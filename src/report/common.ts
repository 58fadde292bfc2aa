/** Helpers shared by the reporters: labels, locations, gap counting, batch summary. */
import path from 'node:path';
import type { Location } from '../document/model.js';
import type { DocumentResult, ElementResult, EraInfo, SectorInfo, Status } from '../engine/result.js';
import { local, MESSAGES, t, type Lang, type MessageKey } from '../i18n/messages.js';
import type { Severity } from '../rules/schema.js';
import { skipReasonText } from '../batch/skip-reasons.js';
import { reportTranslator } from './texts.js';
import type { ReportInput, RuleMeta } from './types.js';

export const TOOL_NAME = 'meldcode-check';
export const INFORMATION_URI = 'https://github.com/meldcode-check/meldcode-check';
export const RULE_DOCS_BASE = `${INFORMATION_URI}/blob/main/docs/rules/`;

export function helpUri(id: string): string {
  return `${RULE_DOCS_BASE}${encodeURIComponent(id)}.md`;
}

/** Status symbols used in every human report. */
export const SYMBOLS: Record<Status, string> = { present: '✔', partial: '◐', missing: '✖', 'not-applicable': '–' };

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

// ── Labels ───────────────────────────────────────────────────────────────────────────

export function statusText(status: Status, lang: Lang): string {
  return t(lang, `status.${status}` as MessageKey);
}

export function verdictText(verdict: DocumentResult['verdict'], lang: Lang, short = false): string {
  return t(lang, `${short ? 'verdictShort' : 'verdict'}.${verdict}` as MessageKey);
}

export function severityText(severity: Severity, lang: Lang): string {
  return t(lang, `severity.${severity}` as MessageKey);
}

export function sectorText(sector: string, lang: Lang): string {
  const key = `sector.${sector}` as MessageKey;
  return key in MESSAGES_KEYS ? t(lang, key) : sector;
}

/** "herkend aan "beschermd wonen" (3×), …" / "opgegeven met --sector". */
export function sectorSourceText(sector: SectorInfo, lang: Lang): string {
  if (sector.source === 'option') return t(lang, 'sectorSource.option');
  if (sector.source === 'default') return t(lang, 'sectorSource.default');
  return sector.reasons.length ? t(lang, 'sectorSource.detected', { reasons: sector.reasons.join(', ') }) : t(lang, 'sectorSource.detectedNoReasons');
}

export function eraText(era: EraInfo['value'], lang: Lang): string {
  return t(lang, `era.${era}` as MessageKey);
}

export function markerText(marker: string, lang: Lang): string {
  const key = `marker.${marker}` as MessageKey;
  return key in MESSAGES_KEYS ? t(lang, key) : marker;
}

const MESSAGES_KEYS: Record<string, unknown> = MESSAGES;

// ── Text helpers ─────────────────────────────────────────────────────────────────────

/** Length in code points (é, ✔ and « count as one). */
export function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function truncate(s: string, max: number): string {
  if (width(s) <= max) return s;
  return `${[...s].slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

export function padEnd(s: string, n: number): string {
  const w = width(s);
  return w >= n ? s : s + ' '.repeat(n - w);
}

export function padStart(s: string, n: number): string {
  const w = width(s);
  return w >= n ? s : ' '.repeat(n - w) + s;
}

/** Word-wraps `text` to `max` columns; returns the lines. */
export function wrap(text: string, max: number): string[] {
  // Split on ordinary white space only: a no-break space (U+00A0) keeps "p. 3 r. 12" together.
  const words = text.split(/[ \t\r\n]+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if (width(line) + 1 + width(w) <= max) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

// ── Locations ────────────────────────────────────────────────────────────────────────

/** The last part of a heading path, shortened. */
export function shortSection(section: string, max = 40): string {
  const parts = section.split(' › ');
  return truncate(parts[parts.length - 1]!.trim(), max);
}

/**
 * A location for people: "p. 3 r. 12" (PDF), "r. 14:1" (Markdown), '§ "Stap 2" ¶5' (DOCX).
 * `withSection` adds the section also where a page or line is known.
 */
export function formatLocation(loc: Location | undefined, lang: Lang, withSection = false): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.page !== undefined) parts.push(t(lang, 'loc.page', { n: loc.page }));
  // The column only where it says something (a Markdown block starts at column 1).
  if (loc.line !== undefined) parts.push(t(lang, 'loc.line', { n: loc.column !== undefined && loc.column > 1 && loc.page === undefined ? `${loc.line}:${loc.column}` : loc.line }));
  const positional = parts.length > 0;
  if (loc.section && (withSection || !positional)) parts.unshift(`§ "${shortSection(loc.section)}"`);
  if (loc.paragraph !== undefined && !positional) parts.push(t(lang, 'loc.paragraph', { n: loc.paragraph }));
  return parts.join(' ');
}

function anchorKey(a: NonNullable<ElementResult['anchor']>): string {
  return [a.heading ?? '', a.line ?? '', a.paragraph ?? '', a.page ?? ''].join('|');
}

const sharedCache = new WeakMap<DocumentResult, Set<string>>();

/**
 * Anchors that several findings of one document share. The engine anchors an absent element at
 * its step's heading when it has one, else at the first heading of the document; an anchor that
 * several absent elements share is that generic fallback and says nothing about where to look.
 */
function sharedAnchors(doc: DocumentResult): Set<string> {
  let set = sharedCache.get(doc);
  if (!set) {
    const counts = new Map<string, number>();
    for (const e of doc.elements) if (!e.evidence.length && e.anchor) counts.set(anchorKey(e.anchor), (counts.get(anchorKey(e.anchor)) ?? 0) + 1);
    set = new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k));
    sharedCache.set(doc, set);
  }
  return set;
}

/** The specific place an absent element was expected, or undefined for the generic fallback. */
export function specificAnchor(e: ElementResult, doc?: DocumentResult): ElementResult['anchor'] {
  if (!e.anchor) return undefined;
  if (doc && sharedAnchors(doc).has(anchorKey(e.anchor))) return undefined;
  return e.anchor;
}

/** Where a finding is: its first evidence, or the place it was expected (a specific anchor). */
export function whereOf(e: ElementResult, lang: Lang, doc?: DocumentResult): { text: string; kind: 'evidence' | 'anchor' | 'none' } {
  const ev = e.evidence[0];
  if (ev) return { text: formatLocation(ev.location, lang), kind: 'evidence' };
  const anchor = specificAnchor(e, doc);
  if (anchor) {
    const where = anchor.heading ? `§ "${shortSection(anchor.heading)}"` : formatLocation(anchor, lang);
    if (where) return { text: t(lang, 'loc.expectedAt', { where }), kind: 'anchor' };
  }
  return { text: '', kind: 'none' };
}

// ── Gaps and counts ──────────────────────────────────────────────────────────────────

/** A waiver or baseline entry that still holds (an expired one resurfaces the finding). */
export function isSuppressed(e: ElementResult): boolean {
  return !!e.suppressed && !e.suppressed.expired;
}

/** Partial or missing where the element applies. */
export function isGap(e: ElementResult): boolean {
  return e.applies && e.status !== 'not-applicable' && (e.status === 'partial' || e.status === 'missing');
}

/** A gap that is not suppressed: it can fail the run. */
export function isOpenGap(e: ElementResult): boolean {
  return isGap(e) && !isSuppressed(e);
}

/** A finding whose waiver has expired: open again, and reports say why. */
export function isExpiredWaiver(e: ElementResult): boolean {
  return isGap(e) && !!e.suppressed?.expired;
}

/**
 * How a finding is covered, for a status cell: "uitzondering" / "basislijn" while the waiver or
 * baseline entry holds, "uitzondering verlopen" once the waiver expired; '' for anything else.
 */
export function suppressionLabel(e: ElementResult, lang: Lang): string {
  if (!isGap(e) || !e.suppressed) return '';
  const rt = reportTranslator(lang);
  if (e.suppressed.expired) return rt('suppression.expired');
  return rt(e.suppressed.kind === 'waiver' ? 'suppression.waiver' : 'suppression.baseline');
}

/** "ontbreekt", "ontbreekt (uitzondering)", "gedeeltelijk (uitzondering verlopen)" … */
export function statusWithSuppression(e: ElementResult, lang: Lang): string {
  const label = suppressionLabel(e, lang);
  return statusText(e.status, lang) + (label ? ` (${label})` : '');
}

/** "uitzondering verlopen op 2026-01-01: telt weer mee" for an expired waiver, else ''. */
export function expiredWaiverText(e: ElementResult, lang: Lang): string {
  return isExpiredWaiver(e) ? t(lang, 'label.suppressionExpired', { date: e.suppressed!.expires ?? '?' }) : '';
}

/**
 * Joins clauses with `sep` ("; ") without doubling punctuation: a clause that ends in . , ; or :
 * (a justification written as a sentence) loses that mark first; empty clauses are left out.
 */
export function joinClauses(parts: Array<string | undefined>, sep = '; '): string {
  return parts
    .map((p) => (p ?? '').trim().replace(/[.,;:\s]+$/u, ''))
    .filter(Boolean)
    .join(sep);
}

export interface Counts {
  present: number;
  partial: number;
  missing: number;
  notApplicable: number;
  /** Elements that apply (present + partial + missing). */
  total: number;
}

export function countElements(elements: ElementResult[]): Counts {
  const c: Counts = { present: 0, partial: 0, missing: 0, notApplicable: 0, total: 0 };
  for (const e of elements) {
    if (!e.applies || e.status === 'not-applicable') c.notApplicable++;
    else {
      c.total++;
      if (e.status === 'present') c.present++;
      else if (e.status === 'partial') c.partial++;
      else c.missing++;
    }
  }
  return c;
}

export function legalElements(doc: DocumentResult): ElementResult[] {
  return doc.elements.filter((e) => e.kind === 'element');
}

export function goodPractice(doc: DocumentResult): ElementResult[] {
  return doc.elements.filter((e) => e.kind === 'good-practice');
}

/**
 * The legal gaps of a document, for tables: IDs of missing and partial elements (only those
 * `which` keeps, e.g. isOpenGap). A parent (M03) is left out when one of its children (M03.4) is
 * listed: the child says more.
 */
export function gapIds(doc: DocumentResult, rules?: RuleMeta[], which: (e: ElementResult) => boolean = isGap): { missing: string[]; partial: string[] } {
  const gaps = legalElements(doc).filter((e) => isGap(e) && which(e));
  const parentOf = (id: string): string | undefined => rules?.find((r) => r.id === id)?.parent ?? (/^(M\d\d)\.\d$/.exec(id)?.[1]);
  const parents = new Set(gaps.map((g) => parentOf(g.id)).filter((p): p is string => !!p));
  const shown = gaps.filter((g) => !parents.has(g.id));
  return { missing: shown.filter((g) => g.status === 'missing').map((g) => g.id), partial: shown.filter((g) => g.status === 'partial').map((g) => g.id) };
}

export interface ElementSummary {
  id: string;
  kind: 'element' | 'good-practice';
  title: { nl: string; en: string };
  present: number;
  partial: number;
  missing: number;
  notApplicable: number;
  /** Meldcodes the element applies to. */
  applicable: number;
}

export interface BatchSummary {
  documents: number;
  meldcodes: number;
  compliant: number;
  nonCompliant: number;
  notAMeldcode: number;
  errors: number;
  /** Per element, over the meldcodes (compliant + non-compliant) only. */
  elements: ElementSummary[];
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });

export function summarize(input: Pick<ReportInput, 'documents' | 'ruleset'>): BatchSummary {
  const docs = input.documents;
  const meldcodes = docs.filter((d) => d.verdict === 'compliant' || d.verdict === 'non-compliant');
  const map = new Map<string, ElementSummary>();
  for (const r of input.ruleset.rules) {
    map.set(r.id, { id: r.id, kind: r.kind, title: r.title, present: 0, partial: 0, missing: 0, notApplicable: 0, applicable: 0 });
  }
  for (const d of meldcodes) {
    for (const e of d.elements) {
      let s = map.get(e.id);
      if (!s) {
        s = { id: e.id, kind: e.kind, title: e.title, present: 0, partial: 0, missing: 0, notApplicable: 0, applicable: 0 };
        map.set(e.id, s);
      }
      if (!e.applies || e.status === 'not-applicable') s.notApplicable++;
      else {
        s.applicable++;
        if (e.status === 'present') s.present++;
        else if (e.status === 'partial') s.partial++;
        else s.missing++;
      }
    }
  }
  return {
    documents: docs.length,
    meldcodes: meldcodes.length,
    compliant: docs.filter((d) => d.verdict === 'compliant').length,
    nonCompliant: docs.filter((d) => d.verdict === 'non-compliant').length,
    notAMeldcode: docs.filter((d) => d.verdict === 'not-a-meldcode').length,
    errors: docs.filter((d) => d.verdict === 'error').length,
    elements: [...map.values()].sort(byId),
  };
}

/** Error text of an unreadable document in `lang`. */
export function errorText(doc: DocumentResult, lang: Lang): string {
  return local(doc.error?.message, lang) || doc.error?.cause || '';
}

/** Display names for a batch: paths without the folder all documents share. */
export function displayNames(files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (files.length <= 1) {
    for (const f of files) out.set(f, f);
    return out;
  }
  const split = files.map((f) => f.split(/[\\/]/));
  let common = 0;
  const shortest = Math.min(...split.map((s) => s.length - 1));
  while (common < shortest && split.every((s) => s[common] === split[0]![common])) common++;
  files.forEach((f, i) => out.set(f, split[i]!.slice(common).join('/') || path.basename(f)));
  return out;
}

/** The ordered element IDs for column layouts: the rule set's, then any extra the documents have. */
export function elementIds(input: Pick<ReportInput, 'documents' | 'ruleset'>): string[] {
  const ids = new Set(input.ruleset.rules.map((r) => r.id));
  for (const d of input.documents) for (const e of d.elements) ids.add(e.id);
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Sorts element results by ID (M03 before M03.1 before M04). */
export function sortElements(elements: ElementResult[]): ElementResult[] {
  return [...elements].sort(byId);
}

/** The reason a file was skipped, for people (the policy's 'ignored' included). */
export function skipText(reason: string, lang: Lang): string {
  return skipReasonText(reason, lang);
}

/** Skip reasons not worth mentioning in a human report (hidden files, node_modules, labels.json). */
const QUIET_SKIPS = new Set(['hidden', 'node_modules', 'labels-file']);

/** Skipped files worth telling a person about, grouped by reason text. */
export function skippedByReason(input: Pick<ReportInput, 'skipped'>, lang: Lang): Array<{ reason: string; files: string[] }> {
  const groups = new Map<string, string[]>();
  for (const s of input.skipped ?? []) {
    if (QUIET_SKIPS.has(s.reason)) continue;
    const reason = skipText(s.reason, lang);
    groups.set(reason, [...(groups.get(reason) ?? []), s.path]);
  }
  return [...groups.entries()].map(([reason, files]) => ({ reason, files }));
}

// ── Batch report helpers (html, markdown, stylish) ───────────────────────────────────

export interface GapSummary {
  /** Gaps that decide the verdict (a parent left out when one of its children is listed). */
  missing: string[];
  partial: string[];
  /** Gaps on elements that never decide the verdict (M01, M07, M10). */
  otherMissing: string[];
  otherPartial: string[];
}

/** The gap elements of a document worth a paragraph each: a parent is left out when a child is listed. */
export function shownGaps(doc: DocumentResult, rules?: RuleMeta[]): ElementResult[] {
  const gaps = sortElements(legalElements(doc).filter(isGap));
  const parentOf = (id: string): string | undefined => rules?.find((r) => r.id === id)?.parent ?? /^(M\d\d)\.\d$/.exec(id)?.[1];
  const parents = new Set(gaps.map((g) => parentOf(g.id)).filter((p): p is string => !!p));
  return gaps.filter((g) => !parents.has(g.id));
}

/** Gaps split by whether they decide the verdict. Not-a-meldcode and unreadable documents have none. */
export function gapSummary(doc: DocumentResult, rules?: RuleMeta[]): GapSummary {
  const out: GapSummary = { missing: [], partial: [], otherMissing: [], otherPartial: [] };
  if (doc.verdict !== 'compliant' && doc.verdict !== 'non-compliant') return out;
  for (const g of shownGaps(doc, rules)) {
    if (g.decidesVerdict) (g.status === 'missing' ? out.missing : out.partial).push(g.id);
    else (g.status === 'missing' ? out.otherMissing : out.otherPartial).push(g.id);
  }
  return out;
}

/** "✖ M04, M06  ◐ M03.5 · overig: ✖ M01" (plain text, for stylish and markdown). */
export function gapText(g: GapSummary, otherLabel: string, sep = '  '): string {
  const part = (missing: string[], partial: string[]) =>
    [missing.length ? `${SYMBOLS.missing} ${missing.join(', ')}` : '', partial.length ? `${SYMBOLS.partial} ${partial.join(', ')}` : ''].filter(Boolean).join(sep);
  const main = part(g.missing, g.partial);
  const other = part(g.otherMissing, g.otherPartial);
  return [main, other ? `${otherLabel}: ${other}` : ''].filter(Boolean).join(' · ');
}

/** Legal elements that never decide the verdict (M01, M07, M10), from the rule set. */
export function nonDecidingIds(rules: RuleMeta[]): string[] {
  return rules.filter((r) => r.kind === 'element' && !r.verdict).map((r) => r.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** A text from before 2019, or one with outdated references (AMK, Wbp, either/or step 5). */
export function isOutdated(doc: DocumentResult): boolean {
  return !!doc.era && (doc.era.value === '2013' || doc.era.value === '2015' || doc.era.markers.length > 0);
}

/** All skipped files counted by reason, the quiet ones (labels.json, hidden files) included. */
export function skippedCounts(input: Pick<ReportInput, 'skipped'>): { total: number; byReason: Array<{ reason: string; n: number }> } {
  const map = new Map<string, number>();
  for (const s of input.skipped ?? []) map.set(s.reason, (map.get(s.reason) ?? 0) + 1);
  return { total: input.skipped?.length ?? 0, byReason: [...map].map(([reason, n]) => ({ reason, n })) };
}

/** Top-level elements that decide the verdict, by how many meldcodes fall short on them (most first). */
export function mostFrequentGaps(s: BatchSummary, rules: RuleMeta[]): ElementSummary[] {
  const deciding = new Set(rules.filter((r) => r.kind === 'element' && r.verdict && !r.parent).map((r) => r.id));
  return s.elements
    .filter((e) => deciding.has(e.id) && e.partial + e.missing > 0)
    .sort((a, b) => b.partial + b.missing - (a.partial + a.missing) || byId(a, b));
}

/** A title as it reads inside a sentence: "Afwegingskader" → "afwegingskader" (not "AMK"). */
export function inSentence(title: string): string {
  return /^\p{Lu}\p{Ll}/u.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
}

// ── Sentences shared by the batch reports ────────────────────────────────────────────

/** "A, B en C" / "A, B and C". */
export function listJoin(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${items[items.length - 1]}`;
}

/** "Het vaakst schiet de meldcode tekort op: afwegingskader (8 van 32), …": the top 4, or ''. */
export function mostGapsSentence(s: BatchSummary, rules: RuleMeta[], lang: Lang): string {
  const rt = reportTranslator(lang);
  const top = mostFrequentGaps(s, rules).slice(0, 4);
  if (!top.length) return s.meldcodes > 1 ? rt('summary.noGaps') : '';
  const items = top.map((e) => rt('summary.gapItem', { title: inSentence(local(e.title, lang)), k: e.partial + e.missing, n: e.applicable }));
  return rt('summary.mostGaps', { list: listJoin(items, lang) });
}

/** Which elements decide the verdict, and which never do (from the rule set). */
export function frameworkNote(rules: RuleMeta[], lang: Lang): string {
  const rt = reportTranslator(lang);
  const deciding = rules.filter((r) => r.kind === 'element' && r.verdict && !r.parent);
  const list = deciding.map((r) => (r.appliesTo === 'all' ? r.id : rt('summary.whereApplicable', { id: r.id })));
  return rt('summary.framework', { list: listJoin(list, lang), other: listJoin(nonDecidingIds(rules), lang) });
}

/** "7 bestanden in de opgegeven mappen zijn niet onderzocht: labelbestand (labels.json) (7)." or ''. */
export function skippedSentence(input: Pick<ReportInput, 'skipped'>, lang: Lang): string {
  const rt = reportTranslator(lang);
  const c = skippedCounts(input);
  if (!c.total) return '';
  const reasons = c.byReason.map((r) => rt('summary.skippedReason', { reason: skipText(r.reason, lang), n: r.n })).join('; ');
  return c.total === 1 ? rt('summary.skipped1', { reasons }) : rt('summary.skipped', { n: c.total, reasons });
}

/** "verouderde tekst (2013)" / "verouderde verwijzingen" for a meldcode with an outdated text, else ''. */
export function outdatedLabel(doc: DocumentResult, lang: Lang): string {
  if (!isOutdated(doc) || (doc.verdict !== 'compliant' && doc.verdict !== 'non-compliant')) return '';
  const rt = reportTranslator(lang);
  return doc.era && (doc.era.value === '2013' || doc.era.value === '2015') ? rt('docs.outdated', { era: doc.era.value }) : rt('docs.outdatedMarkers');
}
