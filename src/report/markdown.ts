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
  expiredWaiverText,
  formatLocation,
  gapSummary,
  gapText,
  goodPractice,
  isGap,
  isSuppressed,
  legalElements,
  markerText,
  frameworkNote,
  mostGapsSentence,
  nonDecidingIds,
  outdatedLabel,
  sectorSourceText,
  sectorText,
  shownGaps,
  skippedByReason,
  skippedSentence,
  sortElements,
  statusText,
  statusWithSuppression,
  summarize,
  SYMBOLS,
  verdictText,
  whereOf,
  type BatchSummary,
} from './common.js';
import { reportTranslator, type ReportTranslate } from './texts.js';
import type { ReportInput, ReportOptions, Reporter, RuleMeta } from './types.js';

/** Escapes text for Markdown, inside and outside tables: no HTML, no formatting, no links. */
export function mdEscape(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    // Control characters (ESC sequences for a terminal that shows the report): never passed on.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD')
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

function elementBlock(d: DocumentResult, e: ElementResult, lang: Lang, tr: Translate, rt: ReportTranslate): string[] {
  const out: string[] = [];
  const title = `${SYMBOLS[e.status]} ${e.id} ${mdEscape(local(e.title, lang))}: ${statusWithSuppression(e, lang)}`;
  out.push(`#### ${title}`, '');
  if (isSuppressed(e)) {
    const s = e.suppressed!;
    out.push(`*${mdEscape([tr('label.suppressedBy', { kind: tr(s.kind === 'waiver' ? 'suppressionKind.waiver' : 'suppressionKind.baseline') }), s.justification ?? ''].filter(Boolean).join(': '))}*`, '');
  } else if (expiredWaiverText(e, lang)) {
    // An expired waiver: the finding counts again; say so, with what the waiver said.
    const s = e.suppressed!;
    const expired = expiredWaiverText(e, lang);
    out.push(`**${mdEscape(expired[0]!.toUpperCase() + expired.slice(1))}.**${s.justification ? ` *${mdEscape(s.justification)}*` : ''}`, '');
  }
  out.push(mdEscape(local(e.message, lang)), '');
  for (const r of e.reasons) out.push(`- ${mdEscape(local(r, lang))}`);
  if (e.reasons.length) out.push('');
  if (e.evidence.length) out.push(`${rt('doc.found')}:`, '');
  for (const ev of e.evidence) {
    const loc = formatLocation(ev.location, lang, true);
    out.push(`> ${mdEscape(ev.quote)}${loc ? `  \n> — ${mdEscape(loc)}` : ''}`, '');
  }
  if (!e.evidence.length) {
    const where = whereOf(e, lang, d);
    out.push(`*${mdEscape([rt('doc.nothingFound'), where.text ? `${where.text[0]!.toUpperCase()}${where.text.slice(1)}.` : ''].filter(Boolean).join(' '))}*`, '');
  }
  if (e.advice) out.push(`**${tr('label.advice')}:** ${mdEscape(local(e.advice, lang))}`, '');
  if (e.kind === 'element') out.push(`**${tr('label.basis')}:** ${mdEscape(e.basis.article)}`, '');
  return out;
}

function documentSection(d: DocumentResult, i: number, lang: Lang, tr: Translate, rules: RuleMeta[]): string[] {
  const rt = reportTranslator(lang);
  const out: string[] = [`### <a id="${anchorId(i)}"></a>${mdEscape(d.organisation?.name ?? d.file)}`, ''];
  if (d.organisation) out.push(`${tr('label.file')}: ${mdEscape(d.file)}`, '');
  if (d.verdict === 'error') {
    out.push(`**${tr('label.verdict')}:** ${verdictText(d.verdict, lang)}: ${mdEscape(errorText(d, lang))}`, '');
    return out;
  }
  const facts: string[] = [];
  if (d.sector) facts.push(`- **${tr('label.sector')}:** ${mdEscape(sectorText(d.sector.value, lang))} (${mdEscape(sectorSourceText(d.sector, lang))})`);
  if (d.era && d.verdict !== 'not-a-meldcode') {
    const markers = d.era.markers.map((m) => `${markerText(m.marker, lang)} (${formatLocation(m.location, lang)})`);
    facts.push(`- **${tr('label.era')}:** ${mdEscape(eraText(d.era.value, lang))}`);
    if (markers.length) facts.push(`- **${tr('label.outdated')}:** ${mdEscape(markers.join('; '))}`);
  }
  if (d.documentType) facts.push(`- **${tr('label.documentType')}:** ${mdEscape(local(d.documentType.reason, lang))}`);
  if (d.duplicates?.length) facts.push(`- **${tr('label.sameContent')}:** ${mdEscape(d.duplicates.join(', '))}`);
  facts.push(`- **${tr('label.verdict')}:** ${verdictText(d.verdict, lang)}`);
  out.push(...facts, '');
  if (d.verdict === 'not-a-meldcode') {
    out.push(tr('doc.notAMeldcodeHint'), '');
    return out;
  }
  const gaps = shownGaps(d, rules);
  const deciding = gaps.filter((e) => e.decidesVerdict);
  const other = gaps.filter((e) => !e.decidesVerdict);
  const conclusion =
    d.verdict === 'compliant' ? rt('doc.conclusion.compliant') : deciding.length === 1 ? rt('doc.conclusion.nonCompliant1') : rt('doc.conclusion.nonCompliant', { n: deciding.length });
  out.push(`**${conclusion}**`, '');
  const legal = countElements(legalElements(d));
  const gp = countElements(goodPractice(d));
  out.push(`${tr('doc.legalCounts', { present: legal.present, total: legal.total, partial: legal.partial, missing: legal.missing })}; ${tr('doc.goodPracticeCounts', { present: gp.present, total: gp.total })}.`, '');
  if (d.era?.updates.length) {
    out.push(`**${rt('doc.outdatedNotice')}**`, '', ...d.era.updates.map((u) => `- ${mdEscape(local(u, lang))}`), '');
  }
  out.push(row(['', tr('label.id'), tr('label.element'), tr('label.status'), tr('label.evidence')]), row(['---', '---', '---', '---', '---']));
  for (const e of sortElements(d.elements)) {
    const where = e.status === 'not-applicable' ? '' : whereOf(e, lang, d).text;
    out.push(row([SYMBOLS[e.status], e.id, mdEscape(local(e.title, lang)), statusWithSuppression(e, lang), mdEscape(where)]));
  }
  out.push('');
  if (deciding.length) out.push(`#### ${rt('doc.gaps')}`, '', ...deciding.flatMap((e) => elementBlock(d, e, lang, tr, rt)));
  if (other.length) out.push(`#### ${rt('doc.otherFindings')}`, '', ...other.flatMap((e) => elementBlock(d, e, lang, tr, rt)));
  const gpGaps = sortElements(goodPractice(d)).filter(isGap);
  if (gpGaps.length) out.push(`#### ${tr('label.goodPractice')}`, '', ...gpGaps.flatMap((e) => elementBlock(d, e, lang, tr, rt)));
  return out;
}

export const markdown: Reporter = (input: ReportInput, options: ReportOptions) => {
  const lang = options.lang;
  const tr = translator(lang);
  const rt = reportTranslator(lang);
  const rules = input.ruleset.rules;
  const s = summarize(input);
  const multi = input.documents.length > 1;
  const names = displayNames(input.documents.map((d) => d.file));
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
  if (multi) out.push(countsLine(s, tr, rt), '');
  const most = s.meldcodes > 1 ? mostGapsSentence(s, rules, lang) : '';
  if (most) out.push(most, '');
  if (s.meldcodes > 1) {
    out.push(`### ${tr('report.perElement')}`, '', tr('report.perElementLead'), '', ...elementTable(input, 'element', tr, lang), '', `*${frameworkNote(rules, lang)}*`, '');
    out.push(`### ${tr('report.goodPractice')}`, '', tr('report.goodPracticeLead'), '', ...elementTable(input, 'good-practice', tr, lang), '');
  }
  const sk = multi ? skippedSentence(input, lang) : '';
  if (sk) out.push(`*${mdEscape(sk)}*`, '');
  out.push(`*${rt('summary.automated')}*`, '');
  const docs = input.documents.filter((d) => d.verdict !== 'error');
  if (multi && docs.length) {
    out.push(`## ${tr('report.documents')}`, '');
    out.push(row([rt('docs.nr'), tr('label.file'), tr('label.organisation'), tr('label.sector'), tr('label.verdict'), tr('label.gaps')]), row(['---:', '---', '---', '---', '---', '---']));
    docs.forEach((d, k) => {
      const i = input.documents.indexOf(d);
      const outdated = outdatedLabel(d, lang) ? ` · ${outdatedLabel(d, lang)}` : '';
      const gaps = gapText(gapSummary(d, rules), rt('docs.other'), ' ') || '–';
      out.push(row([String(k + 1), `[${mdEscape(names.get(d.file) ?? d.file)}](#${anchorId(i)})`, mdEscape(d.organisation?.name ?? '–'), d.sector?.value ?? '–', verdictText(d.verdict, lang, true) + outdated, gaps]));
    });
    out.push('');
    const hasOther = docs.some((d) => {
      const g = gapSummary(d, rules);
      return g.otherMissing.length + g.otherPartial.length > 0;
    });
    out.push(`*${SYMBOLS.missing} ${statusText('missing', lang)} · ${SYMBOLS.partial} ${statusText('partial', lang)}${hasOther ? `. ${rt('docs.otherNote', { ids: nonDecidingIds(rules).join(', ') })}` : ''}*`, '');
  }
  const errors = input.documents.filter((d) => d.verdict === 'error');
  if (errors.length) {
    out.push(`## ${tr('report.unreadable')}`, '', tr('report.unreadableLead'), '');
    for (const d of errors) out.push(`- ${mdEscape(names.get(d.file) ?? d.file)}: ${mdEscape(errorText(d, lang))}`);
    out.push('');
  }
  const skipped = skippedByReason(input, lang);
  if (multi && skipped.length) {
    out.push(`## ${tr('report.skipped')}`, '');
    for (const g of skipped) for (const f of g.files) out.push(`- ${mdEscape(f)}: ${mdEscape(g.reason)}`);
    out.push('');
  }
  if (docs.length) out.push(`## ${tr('report.details')}`, '');
  input.documents.forEach((d, i) => {
    if (d.verdict !== 'error') out.push(...documentSection(d, i, lang, tr, rules));
  });
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
};

/** "14 van 32 meldcodes voldoen aan artikel 2 · 18 voldoen niet · 7 geen meldcode · 8 onleesbaar · 47 documenten". */
function countsLine(s: BatchSummary, tr: Translate, rt: ReportTranslate): string {
  const parts = [`**${tr('label.of', { x: s.compliant, n: s.meldcodes })} ${rt('kpi.compliantOf')}**`, `${s.nonCompliant} ${tr('kpi.nonCompliant')}`];
  if (s.notAMeldcode) parts.push(`${s.notAMeldcode} ${tr('kpi.notAMeldcode')}`);
  if (s.errors) parts.push(`${s.errors} ${tr('kpi.errors')}`);
  parts.push(`${s.documents} ${tr('kpi.documents')}`);
  return parts.join(' · ');
}

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
