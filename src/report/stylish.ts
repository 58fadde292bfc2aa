/**
 * The default, human report for a terminal: per document a header and one line per element,
 * advice and legal basis under each gap; for a batch a summary per element and per document.
 */
import pc from 'picocolors';
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { local, translator, type Lang, type Translate } from '../i18n/messages.js';
import {
  countElements,
  displayNames,
  eraText,
  errorText,
  formatLocation,
  frameworkNote,
  gapSummary,
  gapText,
  goodPractice,
  isGap,
  isOpenGap,
  isSuppressed,
  legalElements,
  markerText,
  mostGapsSentence,
  nonDecidingIds,
  padEnd,
  padStart,
  sectorSourceText,
  sectorText,
  SEVERITY_RANK,
  skippedByReason,
  skippedCounts,
  skipText,
  SYMBOLS,
  sortElements,
  summarize,
  truncate,
  verdictText,
  whereOf,
  width,
  wrap,
} from './common.js';
import { reportTranslator } from './texts.js';
import type { ReportInput, ReportOptions, Reporter } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

const NBSP = '\u00a0';


interface Ctx {
  lang: Lang;
  tr: Translate;
  c: Colors;
  width: number;
  quiet: boolean;
  failOn: 'error' | 'warning' | 'info';
  /** Column widths shared by all documents of a run, so the columns line up across them. */
  idW: number;
  titleW: number;
}

function statusColor(c: Colors, e: ElementResult): (s: string) => string {
  if (isSuppressed(e)) return c.dim;
  switch (e.status) {
    case 'present':
      return c.green;
    case 'partial':
      return c.yellow;
    case 'missing':
      return e.kind === 'good-practice' ? c.cyan : c.red;
    default:
      return c.dim;
  }
}

function verdictColored(ctx: Ctx, doc: DocumentResult, short = false): string {
  const { c } = ctx;
  const text = verdictText(doc.verdict, ctx.lang, short);
  switch (doc.verdict) {
    case 'compliant':
      return c.green(`✔ ${text}`);
    case 'non-compliant':
      return c.red(`✖ ${text}`);
    case 'not-a-meldcode':
      return c.yellow(`! ${text}`);
    default:
      return c.red(`✖ ${text}`);
  }
}

/**
 * A parent element (M03, M05) whose sub-elements (M03.5, M05.1) include an open gap (one that
 * `also` keeps): they say more. A waived or baselined sub-element says nothing about the parent.
 */
function hasGapChild(doc: DocumentResult, e: ElementResult, also: (c: ElementResult) => boolean = () => true): boolean {
  return doc.elements.some((c) => c.id.startsWith(`${e.id}.`) && isOpenGap(c) && also(c));
}

/**
 * Which elements a document section shows. With --quiet: exactly the findings that fail the run
 * (src/policy/exit-code.ts): open (not waived or baselined; an expired waiver is open) and of
 * severity >= --fail-on, whether or not the element decides the verdict. A parent is left out
 * only when one of its sub-elements is shown: that line stands for it.
 */
function shownElements(ctx: Pick<Ctx, 'quiet' | 'failOn'>, doc: DocumentResult): ElementResult[] {
  const all = sortElements(doc.elements);
  if (!ctx.quiet) return all;
  const threshold = SEVERITY_RANK[ctx.failOn];
  const fails = (e: ElementResult) => isOpenGap(e) && SEVERITY_RANK[e.severity] >= threshold;
  return all.filter((e) => fails(e) && !hasGapChild(doc, e, fails));
}

function elementLines(ctx: Ctx, doc: DocumentResult, e: ElementResult): string[] {
  const { idW, titleW } = ctx;
  const { c, tr, lang } = ctx;
  const color = statusColor(c, e);
  const title = local(e.title, lang);
  const head = `  ${color(SYMBOLS[e.status])} ${padEnd(e.id, idW)}  `;
  const indent = ' '.repeat(2 + 2 + idW + 2);
  const textWidth = Math.max(30, ctx.width - indent.length);
  const lines: string[] = [];

  if (e.status === 'not-applicable' || !e.applies) {
    const sector = doc.sector?.value ?? 'algemeen';
    lines.push(`${head}${c.dim(padEnd(truncate(title, titleW), titleW))}  ${c.dim(tr('label.notApplicableFor', { sector }))}`);
    return lines;
  }
  const where = whereOf(e, lang, doc);
  const whereText = where.text ? c.dim(where.text) : '';
  lines.push(`${head}${padEnd(truncate(title, titleW), titleW)}  ${whereText}`.trimEnd());
  if (!isGap(e)) return lines;

  const detail = (label: string, text: string, style: (s: string) => string = (s) => s) => {
    const prefix = label ? `${label}: ` : '';
    const wrapped = wrap(prefix + text, textWidth);
    wrapped.forEach((l, i) => {
      const styled = i === 0 && label ? c.bold(prefix.trimEnd()) + ' ' + style(l.slice(prefix.length)) : style(l);
      lines.push(indent + styled);
    });
  };
  if (isSuppressed(e)) {
    const s = e.suppressed!;
    const parts = [tr('label.suppressedBy', { kind: tr(s.kind === 'waiver' ? 'suppressionKind.waiver' : 'suppressionKind.baseline') })];
    if (s.justification) parts.push(s.justification);
    if (s.approver) parts.push(tr('label.approver', { name: s.approver }));
    if (s.expires) parts.push(tr('label.expires', { date: s.expires }));
    detail('', parts.join(' · '), c.dim);
    return lines;
  }
  detail('', local(e.message, lang));
  for (const r of e.reasons) detail('', `• ${local(r, lang)}`);
  if (e.suppressed?.expired) detail('', tr('label.suppressionExpired', { date: e.suppressed.expires ?? '?' }), c.yellow);
  // The advice of a parent repeats what its sub-elements below say more precisely.
  if (hasGapChild(doc, e)) return lines;
  if (e.advice) detail(tr('label.advice'), local(e.advice, lang));
  if (e.kind === 'element') detail(tr('label.basis'), e.basis.article, c.dim);
  return lines;
}

function headerLines(ctx: Ctx, doc: DocumentResult): string[] {
  const { c, tr, lang } = ctx;
  const out: string[] = [c.bold(c.underline(doc.file))];
  if (doc.verdict === 'error') return out;
  // [label, plain value, style]: values are wrapped under themselves.
  const rows: Array<[string, string, ((s: string) => string)?]> = [];
  if (doc.organisation) rows.push([tr('label.organisation'), doc.organisation.name]);
  if (doc.sector) rows.push([tr('label.sector'), `${sectorText(doc.sector.value, lang)} · ${sectorSourceText(doc.sector, lang)}`]);
  if (doc.era) {
    rows.push([tr('label.era'), eraText(doc.era.value, lang)]);
    if (doc.era.markers.length) {
      const markers = doc.era.markers.map((m) => {
        const loc = formatLocation(m.location, lang);
        return loc ? `${markerText(m.marker, lang)} (${loc.replace(/ /g, NBSP)})` : markerText(m.marker, lang);
      });
      rows.push([tr('label.outdated'), markers.join('; '), c.yellow]);
    }
  }
  if (doc.documentType) rows.push([tr('label.documentType'), local(doc.documentType.reason, lang)]);
  if (doc.duplicates?.length) rows.push([tr('label.sameContent'), doc.duplicates.join(', ')]);
  const labelW = Math.max(width(tr('label.verdict')), ...rows.map(([l]) => width(l))) + 2;
  const valueW = Math.max(30, ctx.width - 2 - labelW);
  for (const [label, value, style] of rows) {
    wrap(value, valueW).forEach((raw, i) => {
      const line = raw.replace(/\u00a0/g, ' ');
      out.push(`  ${c.dim(padEnd(i ? '' : label, labelW))}${style ? style(line) : line}`);
    });
  }
  out.push(`  ${c.dim(padEnd(tr('label.verdict'), labelW))}${verdictColored(ctx, doc)}`);
  return out;
}

function summaryLine(ctx: Ctx, doc: DocumentResult): string {
  const legal = countElements(legalElements(doc));
  const gp = countElements(goodPractice(doc));
  const parts = [ctx.tr('doc.legalCounts', { present: legal.present, total: legal.total, partial: legal.partial, missing: legal.missing })];
  if (gp.total) parts.push(ctx.tr('doc.goodPracticeCounts', { present: gp.present, total: gp.total }));
  return `  ${parts.join(' · ')}`;
}

function documentSection(ctx: Ctx, doc: DocumentResult): string[] {
  const { c, tr } = ctx;
  if (doc.verdict === 'error') return [`${c.bold(doc.file)}: ${c.red(errorText(doc, ctx.lang))}`];
  if (ctx.quiet) {
    const shown = doc.verdict === 'not-a-meldcode' ? [] : shownElements(ctx, doc);
    const head = `${c.bold(c.underline(doc.file))}  ${verdictColored(ctx, doc)}${doc.organisation ? c.dim(`  (${doc.organisation.name})`) : ''}`;
    if (!shown.length) return [head];
    return [head, ...shown.flatMap((e) => elementLines(ctx, doc, e))];
  }
  const out = headerLines(ctx, doc);
  if (doc.verdict === 'not-a-meldcode') {
    out.push(`  ${c.dim(tr('doc.notAMeldcodeHint'))}`);
    return out;
  }
  const shown = shownElements(ctx, doc);
  if (!shown.length) return out;
  const groups: Array<[string, ElementResult[]]> = [
    [tr('label.legalElements'), shown.filter((e) => e.kind === 'element')],
    [tr('label.goodPractice'), shown.filter((e) => e.kind === 'good-practice')],
  ];
  for (const [label, list] of groups) {
    if (!list.length) continue;
    out.push('', `  ${c.bold(label)}`);
    for (const e of list) out.push(...elementLines(ctx, doc, e));
  }
  out.push('', summaryLine(ctx, doc));
  return out;
}

/** A plain table: cells are [plain text, styler]; columns padded on the plain text. */
type Cell = string | { text: string; style?: (s: string) => string; align?: 'right' };
function table(rows: Cell[][], indent = '  ', gap = '  '): string[] {
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => width(cellText(r[i])))));
  return rows.map((r) =>
    (
      indent +
      r
        .map((cell, i) => {
          const text = cellText(cell);
          const last = i === r.length - 1;
          const padded = typeof cell === 'object' && cell.align === 'right' ? padStart(text, widths[i]!) : last ? text : padEnd(text, widths[i]!);
          return typeof cell === 'object' && cell.style ? cell.style(padded) : padded;
        })
        .join(gap)
    ).trimEnd(),
  );
}
function cellText(c: Cell | undefined): string {
  return c === undefined ? '' : typeof c === 'string' ? c : c.text;
}

function batchSummary(ctx: Ctx, input: ReportInput): string[] {
  const { c, tr, lang } = ctx;
  const rt = reportTranslator(lang);
  const s = summarize(input);
  const out: string[] = [c.bold(tr('batch.title', { n: s.documents }))];
  const parts = [
    s.meldcodes === 1 ? tr('batch.counts.meldcode1') : tr('batch.counts.meldcodes', { n: s.meldcodes }),
    (s.compliant === s.meldcodes && s.meldcodes > 0 ? c.green : c.bold)(tr(s.compliant === 1 ? 'batch.counts.compliant1' : 'batch.counts.compliant', { x: s.compliant, n: s.meldcodes })),
  ];
  if (s.notAMeldcode) parts.push(c.yellow(tr('batch.counts.notAMeldcode', { n: s.notAMeldcode })));
  if (s.errors) parts.push(c.red(tr('batch.counts.errors', { n: s.errors })));
  const skippedN = skippedCounts(input).total;
  if (skippedN) parts.push(c.dim(`${skippedN} ${rt('summary.skippedShort')}`));
  out.push(`  ${parts.join(' · ')}`);
  const most = s.meldcodes > 1 ? mostGapsSentence(s, input.ruleset.rules, lang) : '';
  if (most) out.push(...wrap(most, ctx.width - 2).map((l) => `  ${l}`));

  // Per element only from two meldcodes on ("1 van 1" says nothing the document above does not).
  if (s.meldcodes > 1) {
    out.push('', `  ${c.bold(tr('batch.perElement'))}`);
    const nW = String(s.meldcodes).length;
    const num = (n: number, style: (x: string) => string) => ({ text: String(n), align: 'right' as const, style: n > 0 ? style : c.dim });
    const header: Cell[] = [
      { text: tr('label.id'), style: c.dim },
      { text: tr('label.element'), style: c.dim },
      { text: tr('batch.col.present'), style: c.dim },
      { text: tr('batch.col.partial'), style: c.dim, align: 'right' },
      { text: tr('batch.col.missing'), style: c.dim, align: 'right' },
      { text: tr('batch.col.na'), style: c.dim, align: 'right' },
    ];
    const rows: Cell[][] = [header];
    let lastKind: string | undefined;
    const notCounted = new Set(nonDecidingIds(input.ruleset.rules));
    for (const e of s.elements) {
      if (lastKind && e.kind !== lastKind) rows.push([]);
      lastKind = e.kind;
      const ofN = e.applicable ? tr('label.of', { x: padStart(String(e.present), nW), n: padStart(String(e.applicable), nW) }) : padStart('–', nW);
      const title = notCounted.has(e.id) ? `${truncate(local(e.title, lang), 46 - 16)} (${rt('summary.notCounted')})` : truncate(local(e.title, lang), 46);
      rows.push([
        notCounted.has(e.id) ? { text: e.id, style: c.dim } : e.id,
        notCounted.has(e.id) ? { text: title, style: c.dim } : title,
        { text: ofN, style: e.applicable > 0 && e.present === e.applicable ? c.green : (x) => x },
        num(e.partial, c.yellow),
        num(e.missing, e.kind === 'element' ? c.red : c.cyan),
        num(e.notApplicable, c.dim),
      ]);
    }
    out.push(...table(rows));
    out.push(...wrap(frameworkNote(input.ruleset.rules, lang), ctx.width - 2).map((l) => `  ${c.dim(l)}`));
  }

  const names = displayNames(input.documents.map((d) => d.file));
  const docs = input.documents.filter((d) => d.verdict !== 'error');
  if (docs.length) {
    out.push('', `  ${c.bold(tr('batch.documents'))}`);
    const rows: Cell[][] = [
      [tr('label.file'), tr('label.organisation'), tr('label.sector'), tr('label.verdict'), tr('label.gaps')].map((text) => ({ text, style: c.dim })),
    ];
    for (const d of docs) {
      const gapsText = d.verdict === 'not-a-meldcode' ? '' : gapText(gapSummary(d, input.ruleset.rules), rt('docs.other')) || '–';
      const verdict = verdictText(d.verdict, lang, true);
      const vStyle = d.verdict === 'compliant' ? c.green : d.verdict === 'non-compliant' ? c.red : c.yellow;
      rows.push([
        truncate(names.get(d.file) ?? d.file, 48),
        truncate(d.organisation?.name ?? '–', 30),
        d.sector?.value ?? '–',
        { text: verdict, style: vStyle },
        gapsText,
      ]);
    }
    out.push(...table(rows));
  }

  const errors = input.documents.filter((d) => d.verdict === 'error');
  if (errors.length) {
    out.push('', `  ${c.bold(c.red(tr('batch.unreadable', { n: errors.length })))}`);
    for (const d of errors) out.push(`  ${names.get(d.file) ?? d.file}: ${errorText(d, lang)}`);
  }
  const skipped = skippedByReason(input, lang);
  const counts = skippedCounts(input);
  if (counts.total) {
    out.push('', `  ${c.bold(tr('batch.skipped', { n: counts.total }))}`);
    for (const g of skipped) {
      const names = g.files.slice(0, 6).map((f) => f.split(/[\\/]/).pop()).join(', ') + (g.files.length > 6 ? ', …' : '');
      out.push(`  ${c.dim(`${g.reason}: ${names}`)}`);
    }
    // Label files, hidden files and node_modules: counted, not listed.
    const listed = new Set(skipped.map((g) => g.reason));
    for (const r of counts.byReason) {
      const text = skipText(r.reason, lang);
      if (!listed.has(text)) out.push(`  ${c.dim(`${text}: ${r.n}`)}`);
    }
  }
  return out;
}

/**
 * Characters a terminal acts on instead of showing (ESC sequences, BEL, C1 controls, bidi
 * overrides). File names, zip entry names and document text come from outside: they reach the
 * screen with these replaced by U+FFFD; a file name keeps to one line.
 */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\n\r\t]/g;

function terminalSafe<T>(v: T): T {
  if (typeof v === 'string') return v.replace(TERMINAL_UNSAFE, '\uFFFD') as T;
  if (Array.isArray(v)) return v.map(terminalSafe) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, terminalSafe(x)])) as T;
  }
  return v;
}

function safeInput(input: ReportInput): ReportInput {
  const name = (s: string) => terminalSafe(s).replace(LINE_BREAKS, '\uFFFD');
  return {
    ...input,
    documents: input.documents.map((d) => {
      const safe = terminalSafe(d);
      return { ...safe, file: name(d.file), ...(d.duplicates ? { duplicates: d.duplicates.map(name) } : {}) };
    }),
    skipped: input.skipped?.map((s) => ({ ...s, path: name(s.path) })),
    unmatched: input.unmatched?.map(name),
  };
}

export const stylish: Reporter = (unsafe: ReportInput, options: ReportOptions) => {
  const input = safeInput(unsafe);
  const quiet = !!options.quiet;
  const failOn = options.failOn ?? 'error';
  const lineWidth = Math.max(60, options.width ?? 100);
  const shown = input.documents.flatMap((d) => (d.verdict === 'compliant' || d.verdict === 'non-compliant' ? shownElements({ quiet, failOn }, d) : []));
  const idW = Math.max(3, ...shown.map((e) => e.id.length));
  const titleW = Math.min(Math.max(10, ...shown.map((e) => width(local(e.title, options.lang)))), Math.max(24, lineWidth - idW - 36));
  const ctx: Ctx = { lang: options.lang, tr: translator(options.lang), c: pc.createColors(!!options.color), width: lineWidth, quiet, failOn, idW, titleW };
  if (!input.documents.length) return '';
  const sections = input.documents.map((d) => documentSection(ctx, d).join('\n'));
  let text = sections.join('\n\n');
  if (input.documents.length > 1) text += `\n\n${batchSummary(ctx, input).join('\n')}`;
  return `${text}\n`;
};

export default stylish;
