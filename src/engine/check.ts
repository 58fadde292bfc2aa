/**
 * The engine: (Document, RuleSet, options) → DocumentResult. Pure: no I/O, so it runs the same in
 * a test, in the CLI and in a worker thread.
 */
import type { Document, Location } from '../document/model.js';
import type { CompiledRule, RuleSet } from '../rules/load.js';
import type { AppliesTo, LocalText, Sector } from '../rules/schema.js';
import type { CompiledConcept } from '../rules/compile.js';
import { analyze, underHeading, type Analysis } from './analysis.js';
import { evaluateClause, type ClauseContext, type Hit } from './clauses.js';
import { classifyDocument } from './doctype.js';
import { detectEra } from './era.js';
import { detectOrganisation } from './organisation.js';
import type { DocumentResult, ElementResult, Evidence, Status, Verdict } from './result.js';
import { detectSector } from './sector.js';

export interface CheckOptions {
  /** Sector given by the user; detected from the text when absent. */
  sector?: Sector;
  /** Rule IDs switched off (config). They are reported as not-applicable and never decide. */
  disabled?: Set<string>;
  /** Severity overrides (config). */
  severity?: Map<string, 'error' | 'warning' | 'info'>;
}

const MAX_EVIDENCE = 3;
/** Same order as localeCompare(…, 'en', { numeric: true }), without building a collator per call. */
const BY_ID = new Intl.Collator('en', { numeric: true });
const MAX_QUOTE = 240;

export function appliesTo(rule: { appliesTo: AppliesTo }, sector: Sector): boolean {
  const a = rule.appliesTo;
  if (a === 'all') return true;
  return 'only' in a ? a.only.includes(sector) : !a.except.includes(sector);
}

/** Whitespace other than single spaces (most quotes have none: then no replace). */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

export function quoteOf(text: string): string {
  const t = (UNUSUAL_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE - 1).trimEnd()}…` : t;
}

/** Blocks under (or being) a heading that matches the rule's `section` concept. */
function sectionBlocks(a: Analysis, rule: CompiledRule): Set<number> {
  const concept = rule.detect.section ? rule.compiled.get(rule.detect.section) : undefined;
  if (!concept) return new Set<number>();
  // Rules that share a section concept share the result (callers only read it).
  let byConcept = sectionCache.get(a);
  if (!byConcept) sectionCache.set(a, (byConcept = new Map()));
  const hit = byConcept.get(concept);
  if (hit) return hit;
  const out = new Set<number>();
  for (const b of a.blocks) {
    if (b.toc) continue;
    if (underHeading(a, b, concept)) out.add(b.index);
  }
  byConcept.set(concept, out);
  return out;
}

const sectionCache = new WeakMap<Analysis, Map<CompiledConcept, Set<number>>>();

/** Evidence people can check: content before headings, the element's own section first. */
function evidenceOf(a: Analysis, hits: Hit[], preferred: Set<number>): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const rank = (h: Hit) => (a.blocks[h.unit.block]!.heading ? 2 : 0) + (preferred.has(h.unit.block) ? 0 : 1);
  const ordered = hits.map((h, i) => ({ h, i })).sort((x, y) => rank(x.h) - rank(y.h) || x.i - y.i).map((x) => x.h);
  for (const h of ordered) {
    const key = `${h.unit.block}:${h.unit.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const b = a.blocks[h.unit.block]!.block;
    const location: Location = { ...b.location };
    // A block over several lines or pages: point at the line where the quoted sentence starts.
    if (b.lines && h.unit.start >= 0) {
      const at = [...b.lines].reverse().find((l) => l.offset <= h.unit.start);
      if (at) {
        if (at.page !== undefined) location.page = at.page;
        if (at.line !== undefined) location.line = at.line;
        if (at.offset > 0) delete location.column;
      }
    }
    if (!location.section && b.headingPath.length) location.section = b.headingPath.join(' › ');
    out.push({ quote: quoteOf(h.unit.text), location, concepts: [...new Set(h.concepts)] });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

function anchorFor(a: Analysis, rule: CompiledRule, preferred: Set<number>): ElementResult['anchor'] {
  const stepBlock = rule.step ? a.stepAnchors[rule.step] : undefined;
  const sectionHeading = a.blocks.find((b) => b.heading && preferred.has(b.index));
  const first = a.blocks.find((b) => b.heading && !b.toc);
  const target = stepBlock !== undefined ? a.blocks[stepBlock] : (sectionHeading ?? first);
  if (!target) return undefined;
  return { ...target.block.location, heading: target.block.text };
}

function evaluateRule(ctx: ClauseContext): { status: Exclude<Status, 'not-applicable'>; hits: Hit[]; reasons: LocalText[] } {
  const { rule, results } = ctx;
  if (rule.detect.derive) {
    const children = rule.detect.derive.from.map((id) => results.get(id)!);
    const statuses = children.map((c) => c.contentStatus);
    const status = statuses.every((s) => s === 'present') ? 'present' : statuses.every((s) => s === 'missing') ? 'missing' : 'partial';
    const hits: Hit[] = [];
    return { status, hits, reasons: [] };
  }
  let status: Exclude<Status, 'not-applicable'> = 'missing';
  let hits: Hit[] = [];
  for (const clause of rule.detect.present) {
    const r = evaluateClause(ctx, clause);
    if (r.ok) {
      status = 'present';
      hits = r.hits;
      break;
    }
  }
  if (status === 'missing') {
    for (const clause of rule.detect.partial) {
      const r = evaluateClause(ctx, clause);
      if (r.ok) {
        status = 'partial';
        hits = r.hits;
        break;
      }
    }
  }
  const reasons: LocalText[] = [];
  if (status !== 'missing') {
    for (const lower of rule.detect.lower) {
      if (lower.to === 'partial' && status !== 'present') continue;
      const r = evaluateClause(ctx, lower.when);
      if (r.ok) {
        status = lower.to;
        reasons.push(lower.reason);
        hits = [...r.hits, ...hits];
      }
    }
  }
  return { status, hits, reasons };
}

export function checkDocument(doc: Document, ruleset: RuleSet, opts: CheckOptions = {}): DocumentResult {
  const started = performance.now();
  const a = analyze(doc, ruleset);
  const sector = detectSector(a, ruleset, opts.sector);
  const results = new Map<string, ElementResult>();
  for (const rule of ruleset.rules) {
    const ctx: ClauseContext = { a, rule, results };
    const { status: contentStatus, hits, reasons } = evaluateRule(ctx);
    const disabled = opts.disabled?.has(rule.id) ?? false;
    const applies = !disabled && appliesTo(rule, sector.value);
    const status: Status = applies ? contentStatus : 'not-applicable';
    const preferred = sectionBlocks(a, rule);
    let evidence = evidenceOf(a, hits, preferred);
    if (rule.detect.derive) {
      evidence = rule.detect.derive.from.flatMap((id) => results.get(id)!.evidence.slice(0, 1)).slice(0, MAX_EVIDENCE);
    }
    const res: ElementResult = {
      id: rule.id,
      kind: rule.kind,
      title: rule.title,
      severity: opts.severity?.get(rule.id) ?? rule.severity,
      status,
      contentStatus,
      applies,
      decidesVerdict: rule.verdict && applies,
      evidence: contentStatus === 'missing' ? [] : evidence,
      reasons,
      message: rule.messages[contentStatus],
      advice: contentStatus === 'present' ? undefined : rule.advice,
      basis: rule.basis,
    };
    if (contentStatus !== 'present') res.anchor = anchorFor(a, rule, preferred);
    results.set(rule.id, res);
  }
  const elements = [...results.values()].sort((x, y) => BY_ID.compare(x.id, y.id));
  const type = classifyDocument(a, results);
  let verdict: Verdict;
  if (type.kind !== 'meldcode') verdict = 'not-a-meldcode';
  else verdict = elements.every((e) => !e.decidesVerdict || e.status === 'present') ? 'compliant' : 'non-compliant';
  const org = a.organisation === undefined ? detectOrganisation(a) : (a.organisation ?? detectOrganisation(a));
  const result: DocumentResult = {
    file: doc.source.path,
    sha256: doc.source.sha256,
    verdict,
    title: doc.title,
    organisation: org,
    sector,
    era: type.kind === 'meldcode' ? detectEra(a, ruleset, results) : undefined,
    elements,
    documentType: type.kind === 'meldcode' ? undefined : { kind: type.kind, reason: type.reason },
    stats: {
      format: doc.source.format,
      bytes: doc.source.bytes,
      pages: doc.source.pages,
      blocks: doc.blocks.length,
      headings: a.blocks.filter((b) => b.heading).length,
      words: a.words,
      checkMs: Math.round((performance.now() - started) * 10) / 10,
    },
    warnings: doc.warnings.length ? doc.warnings : undefined,
  };
  return result;
}
