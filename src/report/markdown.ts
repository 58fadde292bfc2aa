/**
 * A Markdown report (for a wiki, a pull request or a ticket): summary tables first, then a
 * section per document. Every piece of document text is escaped.
 */
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { local, longDate, translator, type Lang, type Translate } from '../i18n/messages.js';
import {
  countElements,
  displayNames,
  eraText,
  errorText,
  formatLocation,
  gapIds,
  goodPractice,
  isGap,
  isSuppressed,
  legalElements,
  markerText,
  sectorSourceText,
  sectorText,
  sortElements,
  statusText,
  summarize,
  SYMBOLS,
  verdictText,
  whereOf,
} from './common.js';
import type { ReportInput, ReportOptions, Reporter } from './types.js';

/** Escapes text for Markdown, inside and outside tables: no HTML, no formatting, no links. */
export function mdEscape(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([-+#=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function anchorId(i: number): string {
  return `document-${i + 1}`;
}

function elementTable(input: ReportInput, kind: 'element' | 'good-practice', tr: Translate, lang: Lang): string[] {
  const s = summarize(input);
  const list = s.elements.filter((e) => e.kind === kind);
  if (!list.length) return [];
  const out = [
    row([tr('label.id'), tr('label.element'), tr('batch.col.present'), tr('batch.col.partial'), tr('batch.col.missing'), tr('batch.col.na')]),
    row(['---', '---', '---:', '---:', '---:', '---:']),
  ];
  for (const e of list) {
    out.push(row([e.id, mdEscape(local(e.title, lang)), e.applicable ? tr('label.of', { x: e.present, n: e.applicable }) : '–', String(e.partial), String(e.missing), String(e.notApplicable)]));
  }
  return out;
}

function elementBlock(d: DocumentResult, e: ElementResult, lang: Lang, tr: Translate): string[] {
  const out: string[] = [];
  const title = `${SYMBOLS[e.status]} ${e.id} ${mdEscape(local(e.title, lang))}: ${statusText(e.status, lang)}`;
  out.push(`#### ${title}`, '');
  if (isSuppressed(e)) {
    const s = e.suppressed!;
    out.push(`*${mdEscape([tr('label.suppressedBy', { kind: tr(s.kind === 'waiver' ? 'suppressionKind.waiver' : 'suppressionKind.baseline') }), s.justification ?? ''].filter(Boolean).join(': '))}*`, '');
  }
  out.push(mdEscape(local(e.message, lang)), '');
  for (const r of e.reasons) out.push(`- ${mdEscape(local(r, lang))}`);
  if (e.reasons.length) out.push('');
  for (const ev of e.evidence) {
    const loc = formatLocation(ev.location, lang, true);
    out.push(`> ${mdEscape(ev.quote)}${loc ? `  \n> — ${mdEscape(loc)}` : ''}`, '');
  }
  if (!e.evidence.length) {
    const where = whereOf(e, lang, d);
    if (where.text) out.push(`*${mdEscape(where.text)}*`, '');
  }
  if (e.advice) out.push(`**${tr('label.advice')}:** ${mdEscape(local(e.advice, lang))}`, '');
  if (e.kind === 'element') out.push(`**${tr('label.basis')}:** ${mdEscape(e.basis.article)}`, '');
  return out;
}

function documentSection(d: DocumentResult, i: number, lang: Lang, tr: Translate): string[] {
  const out: string[] = [`### <a id="${anchorId(i)}"></a>${mdEscape(d.file)}`, ''];
  if (d.verdict === 'error') {
    out.push(`**${tr('label.verdict')}:** ${verdictText(d.verdict, lang)}: ${mdEscape(errorText(d, lang))}`, '');
    return out;
  }
  const facts: string[] = [];
  if (d.organisation) facts.push(`- **${tr('label.organisation')}:** ${mdEscape(d.organisation.name)}`);
  if (d.sector) facts.push(`- **${tr('label.sector')}:** ${mdEscape(sectorText(d.sector.value, lang))} (${mdEscape(sectorSourceText(d.sector, lang))})`);
  if (d.era) {
    const markers = d.era.markers.map((m) => `${markerText(m.marker, lang)} (${formatLocation(m.location, lang)})`);
    facts.push(`- **${tr('label.era')}:** ${mdEscape(eraText(d.era.value, lang))}`);
    if (markers.length) facts.push(`- **${tr('label.outdated')}:** ${mdEscape(markers.join('; '))}`);
  }
  if (d.documentType) facts.push(`- **${tr('label.documentType')}:** ${mdEscape(local(d.documentType.reason, lang))}`);
  facts.push(`- **${tr('label.verdict')}:** ${verdictText(d.verdict, lang)}`);
  out.push(...facts, '');
  if (d.verdict === 'not-a-meldcode') {
    out.push(tr('doc.notAMeldcodeHint'), '');
    return out;
  }
  if (d.era?.updates.length) {
    out.push(`**${tr('label.updates')}:**`, '', ...d.era.updates.map((u) => `- ${mdEscape(local(u, lang))}`), '');
  }
  const legal = countElements(legalElements(d));
  const gp = countElements(goodPractice(d));
  out.push(`${tr('doc.legalCounts', { present: legal.present, total: legal.total, partial: legal.partial, missing: legal.missing })}; ${tr('doc.goodPracticeCounts', { present: gp.present, total: gp.total })}.`, '');
  out.push(row(['', tr('label.id'), tr('label.element'), tr('label.status'), tr('label.evidence')]), row(['---', '---', '---', '---', '---']));
  for (const e of sortElements(d.elements)) {
    const where = e.status === 'not-applicable' ? '' : whereOf(e, lang, d).text;
    out.push(row([SYMBOLS[e.status], e.id, mdEscape(local(e.title, lang)), statusText(e.status, lang) + (isSuppressed(e) ? ` (${tr('status.suppressed')})` : ''), mdEscape(where)]));
  }
  out.push('');
  for (const e of sortElements(d.elements).filter(isGap)) out.push(...elementBlock(d, e, lang, tr));
  return out;
}

export const markdown: Reporter = (input: ReportInput, options: ReportOptions) => {
  const lang = options.lang;
  const tr = translator(lang);
  const s = summarize(input);
  const out: string[] = [`# ${tr('report.title')}`, ''];
  out.push(
    `${tr('report.generated', { date: longDate(options.now ?? new Date(), lang), tool: input.tool.name, version: input.tool.version })}  `,
    `${tr('report.ruleset', { version: input.ruleset.version, date: longDate(input.ruleset.inForce, lang) })}  `,
    `${tr('report.legalBasis')}: ${mdEscape(input.ruleset.legalBasis)}`,
    '',
    `## ${tr('report.summary')}`,
    '',
  );
  out.push(`${summaryLead(s, tr)}`, '');
  if (s.meldcodes > 1) {
    out.push(`### ${tr('report.perElement')}`, '', tr('report.perElementLead'), '', ...elementTable(input, 'element', tr, lang), '');
    out.push(`### ${tr('report.goodPractice')}`, '', tr('report.goodPracticeLead'), '', ...elementTable(input, 'good-practice', tr, lang), '');
  }
  const docs = input.documents.filter((d) => d.verdict !== 'error');
  if (input.documents.length > 1 && docs.length) {
    const names = displayNames(input.documents.map((d) => d.file));
    out.push(`## ${tr('report.documents')}`, '');
    out.push(row([tr('label.file'), tr('label.organisation'), tr('label.sector'), tr('label.verdict'), tr('label.gaps')]), row(['---', '---', '---', '---', '---']));
    for (const d of docs) {
      const i = input.documents.indexOf(d);
      const g = d.verdict === 'not-a-meldcode' ? { missing: [], partial: [] } : gapIds(d, input.ruleset.rules);
      const gaps = [g.missing.length ? `✖ ${g.missing.join(', ')}` : '', g.partial.length ? `◐ ${g.partial.join(', ')}` : ''].filter(Boolean).join(' ') || '–';
      out.push(row([`[${mdEscape(names.get(d.file) ?? d.file)}](#${anchorId(i)})`, mdEscape(d.organisation?.name ?? '–'), d.sector?.value ?? '–', verdictText(d.verdict, lang, true), gaps]));
    }
    out.push('');
  }
  const errors = input.documents.filter((d) => d.verdict === 'error');
  if (errors.length) {
    out.push(`## ${tr('report.unreadable')}`, '', tr('report.unreadableLead'), '');
    for (const d of errors) out.push(`- ${mdEscape(d.file)}: ${mdEscape(errorText(d, lang))}`);
    out.push('');
  }
  out.push(`## ${tr('report.details')}`, '');
  input.documents.forEach((d, i) => {
    if (d.verdict !== 'error') out.push(...documentSection(d, i, lang, tr));
  });
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
};

/** The opening sentence of a report, in the style of a supervision report. */
export function summaryLead(s: ReturnType<typeof summarize>, tr: Translate): string {
  let lead: string;
  if (s.meldcodes === 0) lead = tr('report.noMeldcodes');
  else if (s.meldcodes === 1) lead = s.compliant === 1 ? tr('report.summaryLead1') : tr('report.summaryLead1Not');
  else lead = tr(s.compliant === 0 ? 'report.summaryLead0' : s.compliant === 1 ? 'report.summaryLeadOne' : 'report.summaryLead', { n: s.meldcodes, x: s.compliant });
  const other: string[] = [lead];
  if (s.notAMeldcode) other.push(s.notAMeldcode === 1 ? tr('report.other.notAMeldcode1') : tr('report.other.notAMeldcode', { n: s.notAMeldcode }));
  if (s.errors) other.push(s.errors === 1 ? tr('report.other.errors1') : tr('report.other.errors', { n: s.errors }));
  return other.join(' ');
}

export default markdown;
