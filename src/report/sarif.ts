/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers. One run per invocation; a result for
 * every gap (partial or missing) of an element that applies, each with a location (most findings
 * are absences: they are anchored at the expected heading or at line 1, and the message says so).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { local, translator, type Lang, type Translate } from '../i18n/messages.js';
import type { Severity } from '../rules/schema.js';
import { errorText, expiredWaiverText, formatLocation, helpUri, INFORMATION_URI, isExpiredWaiver, isGap, isSuppressed, joinClauses, shortSection, specificAnchor } from './common.js';
import type { ReportInput, ReportOptions, Reporter, RuleMeta } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'meldcodeFinding/v1';
export const NOT_A_MELDCODE_RULE = 'not-a-meldcode';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Path relative to `cwd`, forward slashes, each segment percent-encoded (a valid URI reference). */
export function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs).split(path.sep).join('/');
  const encoded = rel
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
  return rel.startsWith('..') || path.isAbsolute(rel) ? { uri: encoded } : { uri: encoded, uriBaseId: '%SRCROOT%' };
}

export function fingerprint(ruleId: string, uri: string, status: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${uri}\u0000${status}`).digest('hex');
}

/** An identifier-like name from a title: "Stap 1: signalen in kaart" → "Stap1SignalenInKaart". */
function ruleName(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function ruleTags(r: RuleMeta): string[] {
  const tags = ['meldcode', r.kind === 'element' ? 'artikel-2' : 'goede-praktijk', ...r.tags];
  for (const part of r.basis.article.split(';')) tags.push(part.trim());
  return [...new Set(tags.filter(Boolean))].slice(0, 20);
}

function basisLine(r: RuleMeta): string {
  const extra = [r.basis.staatsblad, r.basis.inForce].filter(Boolean).join(', ');
  return `${r.basis.article} (${r.basis.source}${extra ? `; ${extra}` : ''})`;
}

function ruleDescriptor(r: RuleMeta, lang: Lang, tr: Translate) {
  const title = local(r.title, lang);
  const requirement = local(r.docs.requirement, lang);
  const advice = local(r.advice, lang);
  const basis = basisLine(r);
  const example = r.docs.example ? local(r.docs.example, lang) : '';
  return {
    id: r.id,
    name: ruleName(local(r.title, 'en')) || r.id.replace('.', '_'),
    shortDescription: { text: title },
    fullDescription: { text: `${requirement} (${r.basis.article})` },
    help: {
      text: [requirement, `${tr('label.advice')}: ${advice}`, `${tr('label.basis')}: ${basis}`, example ? `${tr('explain.example')}: ${example}` : ''].filter(Boolean).join('\n\n'),
      markdown: [
        `**${r.id} ${title}**`,
        requirement,
        `**${tr('label.advice')}:** ${advice}`,
        `**${tr('label.basis')}:** ${basis}`,
        example ? `**${tr('explain.example')}:**\n\n> ${example}` : '',
        `[${tr('explain.more')}](${helpUri(r.id)})`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    helpUri: helpUri(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ruleTags(r),
      kind: r.kind,
      article: r.basis.article,
      decidesVerdict: r.verdict,
      ...(r.parent ? { parent: r.parent } : {}),
    },
  };
}

function notAMeldcodeDescriptor(tr: Translate) {
  return {
    id: NOT_A_MELDCODE_RULE,
    name: 'NotAMeldcode',
    shortDescription: { text: tr('sarif.notAMeldcode.title') },
    fullDescription: { text: tr('sarif.notAMeldcode.full') },
    help: { text: tr('sarif.notAMeldcode.help'), markdown: tr('sarif.notAMeldcode.help') },
    helpUri: helpUri(NOT_A_MELDCODE_RULE),
    defaultConfiguration: { level: 'error' as const },
    properties: { tags: ['meldcode', 'document'] },
  };
}

function upperFirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Whether a location's line is a line of the file (Markdown, text), not a line on a PDF page. */
function fileLine(doc: DocumentResult, loc: { line?: number; page?: number } | undefined): number | undefined {
  if (!loc || loc.line === undefined || loc.line < 1 || loc.page !== undefined) return undefined;
  const format = doc.stats?.format;
  if (format && format !== 'md' && format !== 'txt') return undefined;
  return loc.line;
}

function resultFor(doc: DocumentResult, e: ElementResult, ruleIndex: number, artifact: { uri: string; uriBaseId?: string }, lang: Lang, tr: Translate) {
  const ev = e.evidence[0];
  const anchor = specificAnchor(e, doc);
  const loc = ev?.location ?? anchor;
  const section = ev?.location.section ?? anchor?.heading ?? anchor?.section;
  const line = fileLine(doc, loc);
  let where: string;
  if (ev) where = formatLocation(ev.location, lang, true);
  else if (anchor?.heading) where = tr('sarif.anchoredHeading', { where: `§ "${shortSection(anchor.heading)}"${anchor.page ? ` (${tr('sarif.onPage', { n: anchor.page })})` : ''}` });
  else where = tr('sarif.anchoredStart');
  if (!ev && line === undefined && anchor?.heading) where += `; ${tr('sarif.anchoredStart')}`;
  // An expired waiver: the finding counts again; the message says so (and why it was waived).
  const expired = isExpiredWaiver(e) ? ` ${upperFirst(expiredWaiverText(e, lang))}.` : '';
  const text = [`${e.id} ${local(e.title, lang)}: ${local(e.message, lang)}`, ...e.reasons.map((r) => local(r, lang))].join(' ') + (where ? ` (${where})` : '') + expired;
  const region: Record<string, number> = { startLine: line ?? 1 };
  if (line !== undefined && loc?.column !== undefined && loc.column >= 1) region.startColumn = loc.column;
  const result: Record<string, unknown> = {
    ruleId: e.id,
    ruleIndex,
    level: LEVEL[e.severity],
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { ...artifact }, region },
        ...(section ? { logicalLocations: [{ name: shortSection(section, 200), fullyQualifiedName: section, kind: 'section' }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(e.id, artifact.uri, e.status) },
    properties: {
      status: e.status,
      ...(loc?.page !== undefined ? { page: loc.page } : {}),
      ...(loc?.paragraph !== undefined ? { paragraph: loc.paragraph } : {}),
      ...(section ? { section } : {}),
      ...(ev ? { quote: ev.quote } : { anchored: true }),
      ...(doc.organisation ? { organisation: doc.organisation.name } : {}),
      ...(doc.sector ? { sector: doc.sector.value } : {}),
      ...(isExpiredWaiver(e) ? { waiverExpired: true, ...(e.suppressed!.expires ? { waiverExpires: e.suppressed!.expires } : {}) } : {}),
    },
  };
  if (isSuppressed(e)) {
    const s = e.suppressed!;
    const justification = joinClauses([s.justification, s.approver ? tr('label.approver', { name: s.approver }) : '', s.expires ? tr('label.expires', { date: s.expires }) : '']);
    result.suppressions = [{ kind: 'external', status: 'accepted', ...(justification ? { justification } : {}), properties: { source: s.kind } }];
  }
  return result;
}

export function sarifLog(input: ReportInput, options: ReportOptions) {
  const lang = options.lang;
  const tr = translator(lang);
  const cwd = options.cwd ?? process.cwd();
  const rules = [...input.ruleset.rules].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const descriptors: Array<Record<string, unknown> & { id: string }> = [...rules.map((r) => ruleDescriptor(r, lang, tr)), notAMeldcodeDescriptor(tr)];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: unknown[] = [];
  const notifications: unknown[] = [];

  for (const doc of input.documents) {
    const artifact = artifactUri(doc.file, cwd);
    if (doc.verdict === 'error') {
      notifications.push({
        level: 'error',
        message: { text: `${doc.file}: ${errorText(doc, lang)}` },
        locations: [{ physicalLocation: { artifactLocation: { ...artifact } } }],
        descriptor: { id: doc.error?.cause ?? 'error' },
      });
      continue;
    }
    if (doc.verdict === 'not-a-meldcode') {
      const reason = doc.documentType ? local(doc.documentType.reason, lang) : tr('sarif.notAMeldcode.full');
      results.push({
        ruleId: NOT_A_MELDCODE_RULE,
        ruleIndex: index.get(NOT_A_MELDCODE_RULE),
        level: 'error',
        message: { text: `${reason} (${tr('sarif.anchoredStart')})` },
        locations: [{ physicalLocation: { artifactLocation: { ...artifact }, region: { startLine: 1 } } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(NOT_A_MELDCODE_RULE, artifact.uri, doc.verdict) },
        properties: { kind: doc.documentType?.kind ?? 'other', anchored: true },
      });
      continue;
    }
    for (const e of doc.elements) {
      if (!isGap(e)) continue;
      let i = index.get(e.id);
      if (i === undefined) {
        // An element the rule set metadata does not list (should not happen): describe it minimally.
        descriptors.push({ ...notAMeldcodeDescriptor(tr), id: e.id, name: e.id, shortDescription: { text: local(e.title, lang) }, helpUri: helpUri(e.id), defaultConfiguration: { level: LEVEL[e.severity] } });
        i = descriptors.length - 1;
        index.set(e.id, i);
      }
      results.push(resultFor(doc, e, i, artifact, lang, tr));
    }
  }

  const errors = input.documents.filter((d) => d.verdict === 'error').length;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            informationUri: INFORMATION_URI,
            language: lang === 'nl' ? 'nl-NL' : 'en-US',
            rules: descriptors,
          },
        },
        automationDetails: { id: 'meldcode-check/' },
        language: lang === 'nl' ? 'nl-NL' : 'en-US',
        columnKind: 'unicodeCodePoints',
        invocations: [{ executionSuccessful: errors === 0, toolExecutionNotifications: notifications }],
        results,
        properties: {
          ruleset: { version: input.ruleset.version, name: input.ruleset.name, legalBasis: input.ruleset.legalBasis, inForce: input.ruleset.inForce },
        },
      },
    ],
  };
}

export const sarif: Reporter = (input: ReportInput, options: ReportOptions) => `${JSON.stringify(sarifLog(input, options), null, 2)}\n`;

export default sarif;
