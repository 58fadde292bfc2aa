/**
 * Machine-readable report. Stable shape (schemaVersion 1, see schemas/report.schema.json, kept
 * equal to test/fixtures-schema/report.schema.json); texts in the chosen language as plain
 * strings. `baseline` is there only when the run compared with a baseline (ReportInput.baseline).
 * The evaluation reads documents[].file, .verdict and .elements[].id/.status.
 */
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { local, type Lang } from '../i18n/messages.js';
import { countElements, gapIds, helpUri, isSuppressed, markerText, summarize } from './common.js';
import type { ReportBaseline, ReportInput, ReportOptions, Reporter } from './types.js';

export const JSON_SCHEMA_VERSION = 1;

function elementJson(e: ElementResult, lang: Lang) {
  return {
    id: e.id,
    kind: e.kind,
    title: local(e.title, lang),
    severity: e.severity,
    status: e.status,
    contentStatus: e.contentStatus,
    applies: e.applies,
    decidesVerdict: e.decidesVerdict,
    message: local(e.message, lang),
    reasons: e.reasons.map((r) => local(r, lang)),
    advice: e.advice ? local(e.advice, lang) : null,
    basis: e.basis,
    evidence: e.evidence.map((ev) => ({ quote: ev.quote, location: ev.location, concepts: ev.concepts })),
    anchor: e.anchor ?? null,
    suppressed: e.suppressed ? { ...e.suppressed, active: isSuppressed(e) } : null,
    helpUri: helpUri(e.id),
  };
}

function documentJson(d: DocumentResult, input: ReportInput, lang: Lang) {
  const counts = countElements(d.elements);
  const gaps = d.verdict === 'compliant' || d.verdict === 'non-compliant' ? gapIds(d, input.ruleset.rules) : { missing: [], partial: [] };
  return {
    file: d.file,
    sha256: d.sha256 ?? null,
    verdict: d.verdict,
    title: d.title ?? null,
    organisation: d.organisation ?? null,
    sector: d.sector ?? null,
    era: d.era
      ? {
          value: d.era.value,
          markers: d.era.markers.map((m) => ({ marker: m.marker, label: markerText(m.marker, lang), quote: m.quote, location: m.location })),
          updates: d.era.updates.map((u) => local(u, lang)),
        }
      : null,
    documentType: d.documentType ? { kind: d.documentType.kind, reason: local(d.documentType.reason, lang) } : null,
    error: d.error ? { cause: d.error.cause, message: local(d.error.message, lang), detail: d.error.detail ?? {} } : null,
    counts: { present: counts.present, partial: counts.partial, missing: counts.missing, notApplicable: counts.notApplicable },
    gaps,
    elements: d.elements.map((e) => elementJson(e, lang)),
    stats: d.stats ?? null,
    duplicates: d.duplicates ?? [],
    warnings: d.warnings ?? [],
  };
}

/** The baseline block with a fixed key order; stale entries keep their own fields (sha256 when known). */
function baselineJson(b: ReportBaseline) {
  return {
    file: b.file,
    new: b.new,
    matched: b.matched,
    stale: b.stale.map((e) => ({ fingerprint: e.fingerprint, file: e.file, ...(e.sha256 !== undefined ? { sha256: e.sha256 } : {}), rule: e.rule, status: e.status })),
  };
}

export function jsonReport(input: ReportInput, options: ReportOptions) {
  const lang = options.lang;
  const s = summarize(input);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: input.tool.name, version: input.tool.version },
    lang,
    ruleset: { version: input.ruleset.version, name: input.ruleset.name, legalBasis: input.ruleset.legalBasis, inForce: input.ruleset.inForce },
    documents: input.documents.map((d) => documentJson(d, input, lang)),
    skipped: input.skipped ?? [],
    unmatched: input.unmatched ?? [],
    // Only when the run compared with a baseline (optional in the schema).
    ...(input.baseline ? { baseline: baselineJson(input.baseline) } : {}),
    summary: {
      documents: s.documents,
      meldcodes: s.meldcodes,
      compliant: s.compliant,
      nonCompliant: s.nonCompliant,
      notAMeldcode: s.notAMeldcode,
      errors: s.errors,
      elements: s.elements.map((e) => ({
        id: e.id,
        kind: e.kind,
        title: local(e.title, lang),
        present: e.present,
        partial: e.partial,
        missing: e.missing,
        notApplicable: e.notApplicable,
        applicable: e.applicable,
      })),
    },
  };
}

export const json: Reporter = (input, options) => `${JSON.stringify(jsonReport(input, options), null, 2)}\n`;

export default json;
