/**
 * One self-contained HTML file that reads like a thematic supervision report: summary first
 * (how many meldcodes meet artikel 2, counts "x van N" per element with a bar chart in inline
 * SVG), then the documents in a table, the unreadable and skipped files apart, and per document
 * what falls short, with the text found and the advice to give the provider, followed by a
 * compact overview of all elements. No scripts, no external styles, fonts or images; a print
 * stylesheet (A4, page numbers) starts every document on a new page. All document text is escaped.
 */
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { local, longDate, translator, type Lang, type Translate } from '../i18n/messages.js';
import {
  countElements,
  displayNames,
  eraText,
  errorText,
  formatLocation,
  gapSummary,
  goodPractice,
  frameworkNote,
  isGap,
  isSuppressed,
  legalElements,
  markerText,
  listJoin,
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
  summarize,
  SYMBOLS,
  truncate,
  verdictText,
  whereOf,
  type BatchSummary,
  type ElementSummary,
} from './common.js';
import { summaryLead } from './markdown.js';
import { reportTranslator, type ReportTranslate } from './texts.js';
import type { ReportInput, ReportOptions, Reporter, RuleMeta } from './types.js';

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function esc(s: string | number | undefined | null): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes text for a double-quoted CSS string (print page footer). */
function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&').replace(/[\n\r<>]/g, ' ')}"`;
}

const COLORS = { present: '#2e7d32', partial: '#c77700', missing: '#c62828', na: '#8a8f98', track: '#e6e8eb' };

/** Width of the bar chart's coordinate system; the SVG scales to its table cell. */
const BAR_W = 200;
const BAR_H = 14;

/** Characters of a quote shown in the compact overview of a document. */
const SHORT_QUOTE = 160;

function css(rt: ReportTranslate, title: string): string {
  return `
:root { --fg:#1f2328; --muted:#5a6270; --line:#d0d5dc; --bg-soft:#f4f6f8; --accent:#1f3a5f; --present:${COLORS.present}; --partial:${COLORS.partial}; --missing:${COLORS.missing}; --na:${COLORS.na}; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", system-ui, sans-serif; color: var(--fg); line-height: 1.45; background: #fff; font-size: 15px; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; font-size: 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; line-height: 1.2; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
p { margin: .4rem 0 .8rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; font-size: 1.05rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0; padding: .6rem 1rem; background: var(--bg-soft); border-left: 4px solid var(--accent); font-size: .88rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.lead { font-size: 1.08rem; }
.note { font-size: .85rem; color: var(--muted); }
.kpis { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0 1.25rem; padding: 0; list-style: none; }
.kpis li { border: 1px solid var(--line); border-radius: 4px; padding: .45rem .8rem; min-width: 7.5rem; font-size: .88rem; color: var(--muted); }
.kpis strong { display: block; font-size: 1.5rem; line-height: 1.15; color: var(--fg); }
.kpis .main { border-color: var(--accent); border-width: 2px; }
.kpis .ok strong { color: var(--present); }
.kpis .bad strong { color: var(--missing); }
.kpis .warn strong { color: var(--partial); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
td.id { font-weight: 600; white-space: nowrap; }
table.elements td { vertical-align: middle; }
table.elements tr.sub td.id { font-weight: normal; padding-left: 1.2rem; color: var(--muted); }
table.elements tr.sub td.title { padding-left: 1.2rem; }
table.elements tr.nd td { color: var(--muted); }
table.elements td.chart { width: 24%; min-width: 7rem; }
table.elements td.id { width: 1%; }
table.elements td.chart svg { display: block; width: 100%; height: ${BAR_H}px; }
.ndmark { font-size: .78rem; color: var(--muted); font-style: italic; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: .82rem; color: var(--muted); margin: 0 0 .4rem; }
.legend span::before { content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; background: var(--c); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .8rem; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.s-present { color: var(--present); }
.s-partial { color: var(--partial); }
.s-missing { color: var(--missing); }
.s-not-applicable, .s-suppressed { color: var(--na); }
.v-compliant { color: var(--present); }
.v-non-compliant, .v-error { color: var(--missing); }
.v-not-a-meldcode { color: var(--partial); }
table.docs td.nr { color: var(--muted); white-space: nowrap; }
table.docs .file, .docfile { display: block; color: var(--muted); font-size: .8rem; word-break: break-all; }
table.docs .tag { display: block; font-size: .78rem; color: var(--partial); margin-top: .15rem; }
table.docs .other { display: block; color: var(--muted); font-size: .82rem; }
.ids { white-space: normal; }
.ids abbr { text-decoration: none; }
.doc { margin-top: 2.5rem; padding-top: .5rem; border-top: 2px solid var(--line); }
.doc .position { color: var(--muted); font-size: .8rem; margin: 0; text-transform: uppercase; letter-spacing: .04em; }
.doc h3 { font-size: 1.25rem; margin: .1rem 0 .1rem; word-break: break-word; color: var(--accent); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .6rem 0 .8rem; font-size: .9rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.conclusion { font-weight: 600; padding: .45rem .75rem; border-left: 4px solid var(--c); background: var(--bg-soft); }
.conclusion .counts { display: block; font-weight: normal; font-size: .88rem; color: var(--muted); }
.notice { border: 1px solid var(--partial); border-left-width: 4px; padding: .45rem .75rem; margin: .75rem 0; font-size: .9rem; }
.notice p { margin: 0 0 .25rem; }
.notice ul { margin: 0; padding-left: 1.2rem; }
.gap { margin: .6rem 0 1rem; padding: .1rem 0 .2rem .8rem; border-left: 3px solid var(--c); }
.gap h5 { font-size: .98rem; margin: .2rem 0 .3rem; }
.gap h5 .badge { margin-left: .4rem; vertical-align: 1px; }
.gap .msg { margin: 0 0 .3rem; }
.gap ul.reasons { margin: .2rem 0 .4rem; padding-left: 1.2rem; }
.gap .label { font-size: .82rem; color: var(--muted); margin: .35rem 0 .1rem; }
blockquote { margin: .25rem 0 .4rem; padding: .2rem .7rem; border-left: 3px solid var(--line); background: var(--bg-soft); }
blockquote p { margin: 0; }
blockquote footer, .loc { color: var(--muted); font-size: .8rem; }
.advice { margin: .35rem 0; }
.basis, .where, .muted { color: var(--muted); font-size: .85rem; margin: .2rem 0; }
table.overview td.what { width: 58%; font-size: .85rem; }
table.overview td.what q { quotes: "“" "”" "‘" "’"; }
table.overview tr.na td { color: var(--na); }
table.overview td.st { white-space: nowrap; }
nav.toc ol { margin: .25rem 0 0; padding-left: 1.2rem; }
footer.page { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
a { color: #0b57d0; }
@media print {
  @page {
    size: A4; margin: 15mm 14mm 17mm;
    @bottom-left { content: ${cssString(title)}; font-size: 7.5pt; color: #5a6270; }
    @bottom-right { content: ${cssString(rt('print.page'))} " " counter(page) " " ${cssString(rt('print.of'))} " " counter(pages); font-size: 7.5pt; color: #5a6270; }
  }
  html { background: none; font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  h1 { font-size: 1.6rem; }
  nav.toc, .top { display: none; }
  h2 { break-after: avoid; margin-top: 1.5rem; }
  h3, h4, h5, .gap h5 { break-after: avoid; }
  table.elements td.chart { width: 20%; }
  .kpis li { padding: .3rem .6rem; }
  #bevindingen > h2 { break-before: page; }
  .doc { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
  #bevindingen > h2 + .doc, body.single .doc { break-before: auto; }
  tr, blockquote, .kpis li, .conclusion, .notice { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  svg, .badge, .conclusion, blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.replace(/^\n/, '');
}

interface Ctx {
  lang: Lang;
  tr: Translate;
  rt: ReportTranslate;
  rules: RuleMeta[];
  titles: Map<string, string>;
}

function statusBadge(e: ElementResult, ctx: Ctx): string {
  if (isSuppressed(e)) return `<span class="badge s-suppressed">${esc(SYMBOLS[e.status])} ${esc(statusText(e.status, ctx.lang))} · ${esc(ctx.tr('status.suppressed'))}</span>`;
  return `<span class="badge s-${e.status}">${esc(SYMBOLS[e.status])} ${esc(statusText(e.status, ctx.lang))}</span>`;
}

function verdictBadge(d: DocumentResult, lang: Lang, short = false): string {
  return `<span class="badge v-${d.verdict}">${esc(verdictText(d.verdict, lang, short))}</span>`;
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A horizontal stacked bar: present, partial, missing, out of the meldcodes the element applies to. */
function bar(e: ElementSummary, tr: Translate): string {
  const n = e.applicable;
  const label = tr('report.chartLabel', { id: e.id, present: e.present, partial: e.partial, missing: e.missing, n });
  const open = `<svg viewBox="0 0 ${BAR_W} ${BAR_H}" width="${BAR_W}" height="${BAR_H}" preserveAspectRatio="none" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`;
  const rects: string[] = [`<rect width="${BAR_W}" height="${BAR_H}" fill="${COLORS.track}"/>`];
  if (n) {
    // Edges from cumulative counts, so the segments always end exactly at the full width.
    const edge = (k: number) => Math.round((Math.min(k, n) / n) * BAR_W * 10) / 10;
    let cum = 0;
    for (const [k, color] of [[e.present, COLORS.present], [e.partial, COLORS.partial], [e.missing, COLORS.missing]] as const) {
      if (!k) continue;
      const x = edge(cum);
      cum += k;
      rects.push(`<rect x="${x}" width="${Math.round((edge(cum) - x) * 10) / 10}" height="${BAR_H}" fill="${color}"/>`);
    }
  }
  return `${open}${rects.join('')}</svg>`;
}

function elementTable(list: ElementSummary[], ctx: Ctx): string {
  const { tr, rt, lang } = ctx;
  const rows = list.map((e) => {
    const rule = ctx.rules.find((r) => r.id === e.id);
    const sub = !!rule?.parent || /^\w+\.\d+$/.test(e.id);
    const nd = e.kind === 'element' && rule !== undefined && !rule.verdict;
    const cls = [sub ? 'sub' : '', nd ? 'nd' : ''].filter(Boolean).join(' ');
    return (
      `<tr${cls ? ` class="${cls}"` : ''}><td class="id">${esc(e.id)}</td><td class="title">${esc(local(e.title, lang))}${nd ? ` <span class="ndmark">(${esc(rt('summary.notCounted'))})</span>` : ''}</td>` +
      `<td class="num">${e.applicable ? esc(tr('label.of', { x: e.present, n: e.applicable })) : '–'}</td>` +
      `<td class="chart">${bar(e, tr)}</td>` +
      `<td class="num">${e.partial}</td><td class="num">${e.missing}</td><td class="num">${e.notApplicable}</td></tr>`
    );
  });
  return (
    `<table class="elements"><thead><tr><th>${esc(tr('label.id'))}</th><th>${esc(tr('label.element'))}</th>` +
    `<th class="num">${esc(tr('batch.col.present'))}</th><th aria-hidden="true"></th>` +
    `<th class="num">${esc(tr('batch.col.partial'))}</th><th class="num">${esc(tr('batch.col.missing'))}</th><th class="num">${esc(tr('batch.col.na'))}</th></tr></thead>` +
    `<tbody>${rows.join('\n')}</tbody></table>`
  );
}

function legend(tr: Translate): string {
  return (
    `<p class="legend" aria-label="${esc(tr('report.legend'))}">` +
    `<span style="--c:${COLORS.present}">${esc(tr('batch.col.present'))}</span>` +
    `<span style="--c:${COLORS.partial}">${esc(tr('batch.col.partial'))}</span>` +
    `<span style="--c:${COLORS.missing}">${esc(tr('batch.col.missing'))}</span></p>`
  );
}

function kpis(s: BatchSummary, ctx: Ctx): string {
  const { tr, rt } = ctx;
  const items: Array<[string, string, string]> = [
    [rt('kpi.compliantOf'), s.meldcodes ? tr('label.of', { x: s.compliant, n: s.meldcodes }) : '0', `main ${s.compliant ? 'ok' : ''}`.trim()],
    [tr('kpi.nonCompliant'), String(s.nonCompliant), s.nonCompliant ? 'bad' : ''],
  ];
  if (s.notAMeldcode) items.push([tr('kpi.notAMeldcode'), String(s.notAMeldcode), 'warn']);
  if (s.errors) items.push([tr('kpi.errors'), String(s.errors), 'bad']);
  items.push([tr('kpi.documents'), String(s.documents), '']);
  return `<ul class="kpis">${items.map(([label, n, cls]) => `<li${cls ? ` class="${cls}"` : ''}><strong>${esc(n)}</strong>${esc(label)}</li>`).join('')}</ul>`;
}

/** Element IDs with their title as a tooltip. */
function idList(ids: string[], ctx: Ctx): string {
  return ids.map((id) => `<abbr title="${esc(ctx.titles.get(id) ?? id)}">${esc(id)}</abbr>`).join(', ');
}

function gapCell(d: DocumentResult, ctx: Ctx): string {
  if (d.verdict !== 'compliant' && d.verdict !== 'non-compliant') return '–';
  const g = gapSummary(d, ctx.rules);
  const part = (missing: string[], partial: string[]) =>
    [
      missing.length ? `<span class="s-missing">${esc(SYMBOLS.missing)}</span> ${idList(missing, ctx)}` : '',
      partial.length ? `<span class="s-partial">${esc(SYMBOLS.partial)}</span> ${idList(partial, ctx)}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  const main = part(g.missing, g.partial);
  const other = part(g.otherMissing, g.otherPartial);
  return `<span class="ids">${main || '–'}</span>${other ? `<span class="other ids">${esc(ctx.rt('docs.other'))}: ${other}</span>` : ''}`;
}

function outdatedTag(d: DocumentResult, ctx: Ctx): string {
  const text = outdatedLabel(d, ctx.lang);
  return text ? `<span class="tag">${esc(text)}</span>` : '';
}

function evidenceHtml(e: ElementResult, lang: Lang): string {
  return e.evidence
    .map((ev) => {
      const loc = formatLocation(ev.location, lang, true);
      return `<blockquote><p>${esc(ev.quote)}</p>${loc ? `<footer>${esc(loc)}</footer>` : ''}</blockquote>`;
    })
    .join('');
}

/** One shortcoming: what is wrong, what the text says (or where it was expected), the advice. */
function gapBlock(d: DocumentResult, e: ElementResult, ctx: Ctx): string {
  const { lang, tr, rt } = ctx;
  const parts: string[] = [`<div class="gap" style="--c:var(--${isSuppressed(e) ? 'na' : e.status})">`];
  parts.push(`<h5>${esc(e.id)} ${esc(local(e.title, lang))} ${statusBadge(e, ctx)}</h5>`);
  parts.push(`<p class="msg">${esc(local(e.message, lang))}</p>`);
  if (e.reasons.length) parts.push(`<ul class="reasons">${e.reasons.map((r) => `<li>${esc(local(r, lang))}</li>`).join('')}</ul>`);
  if (isSuppressed(e)) {
    const s = e.suppressed!;
    const bits = [tr('label.suppressedBy', { kind: tr(s.kind === 'waiver' ? 'suppressionKind.waiver' : 'suppressionKind.baseline') }), s.justification, s.approver ? tr('label.approver', { name: s.approver }) : '', s.expires ? tr('label.expires', { date: s.expires }) : ''];
    parts.push(`<p class="muted">${esc(bits.filter(Boolean).join(' · '))}</p>`);
  } else if (e.suppressed?.expired) {
    parts.push(`<p class="muted">${esc(tr('label.suppressionExpired', { date: e.suppressed.expires ?? '?' }))}</p>`);
  }
  if (e.evidence.length) {
    parts.push(`<p class="label">${esc(rt('doc.found'))}:</p>`, evidenceHtml(e, lang));
  } else {
    const where = whereOf(e, lang, d).text;
    parts.push(`<p class="where">${esc(rt('doc.nothingFound'))}${where ? ` ${esc(capitalise(where))}.` : ''}</p>`);
  }
  if (e.advice) parts.push(`<p class="advice"><strong>${esc(tr('label.advice'))}:</strong> ${esc(local(e.advice, lang))}</p>`);
  if (e.kind === 'element') parts.push(`<p class="basis">${esc(tr('label.basis'))}: ${esc(e.basis.article)}</p>`);
  parts.push('</div>');
  return parts.join('');
}

/** The compact overview: one row per element with its status and where it stands. */
function overviewTable(d: DocumentResult, list: ElementResult[], caption: string, gapIdsShown: Set<string>, ctx: Ctx): string {
  if (!list.length) return '';
  const { lang, tr, rt } = ctx;
  const rows = sortElements(list).map((e) => {
    const na = e.status === 'not-applicable' || !e.applies;
    let what: string;
    if (na) what = esc(tr('label.notApplicableFor', { sector: d.sector?.value ?? '' }));
    else if (isGap(e)) {
      // Shown above as a block of its own, or through its sub-elements (M03 through M03.5).
      const ev = e.evidence[0];
      const loc = ev ? formatLocation(ev.location, lang, true) : '';
      const children = gapIdsShown.has(e.id) ? [] : [...gapIdsShown].filter((id) => id.startsWith(`${e.id}.`));
      const see = children.length ? rt('doc.seeIds', { ids: children.join(', ') }) : gapIdsShown.has(e.id) ? rt('doc.seeAbove') : '';
      what = `<span class="muted">${esc([see, loc].filter(Boolean).join(' · '))}</span>`;
    } else if (e.evidence.length) {
      const ev = e.evidence[0]!;
      const loc = formatLocation(ev.location, lang, true);
      what = `<q>${esc(truncate(ev.quote, SHORT_QUOTE))}</q>${loc ? ` <span class="loc">${esc(loc)}</span>` : ''}`;
    } else {
      const where = whereOf(e, lang, d).text;
      what = where ? `<span class="muted">${esc(where)}</span>` : '';
    }
    // A good-practice gap carries its advice here: it has no block of its own above.
    if (!na && isGap(e) && e.kind === 'good-practice' && e.advice) what += `<br><strong>${esc(rt('doc.gpAdvice'))}:</strong> ${esc(local(e.advice, lang))}`;
    return `<tr class="${na ? 'na' : `st-${e.status}`}"><td class="id">${esc(e.id)}</td><td>${esc(local(e.title, lang))}</td><td class="st">${statusBadge(e, ctx)}</td><td class="what">${what}</td></tr>`;
  });
  return (
    `<h4>${esc(caption)}</h4><table class="overview"><thead><tr><th>${esc(tr('label.id'))}</th><th>${esc(tr('label.element'))}</th><th>${esc(tr('label.status'))}</th><th>${esc(rt('doc.locationLabel'))}</th></tr></thead>` +
    `<tbody>${rows.join('\n')}</tbody></table>`
  );
}

function documentSection(d: DocumentResult, i: number, position: { i: number; n: number }, ctx: Ctx): string {
  const { lang, tr, rt } = ctx;
  const facts: Array<[string, string]> = [];
  // The heading shows the organisation; the facts start with the sector.
  if (d.sector) facts.push([tr('label.sector'), `${esc(sectorText(d.sector.value, lang))} <span class="muted">(${esc(sectorSourceText(d.sector, lang))})</span>`]);
  if (d.era && d.verdict !== 'not-a-meldcode') {
    facts.push([tr('label.era'), esc(eraText(d.era.value, lang))]);
    const markers = d.era.markers.map((m) => {
      const loc = formatLocation(m.location, lang);
      return `${markerText(m.marker, lang)}${loc ? ` (${loc})` : ''}`;
    });
    if (markers.length) facts.push([tr('label.outdated'), `<span class="s-partial">${esc(markers.join('; '))}</span>`]);
  }
  if (d.documentType) facts.push([tr('label.documentType'), esc(local(d.documentType.reason, lang))]);
  if (d.duplicates?.length) facts.push([tr('label.sameContent'), esc(d.duplicates.join(', '))]);
  facts.push([tr('label.verdict'), verdictBadge(d, lang)]);

  const parts = [
    `<section class="doc" id="doc-${i + 1}" aria-labelledby="doc-${i + 1}-h">`,
    position.n > 1 ? `<p class="position">${esc(rt('doc.position', position))}</p>` : '',
    `<h3 id="doc-${i + 1}-h">${esc(d.organisation?.name ?? d.file)}</h3>`,
    `<span class="docfile">${esc(d.file)}</span>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`,
  ];
  if (d.verdict === 'not-a-meldcode') {
    parts.push(`<p class="conclusion" style="--c:var(--partial)">${esc(capitalise(verdictText(d.verdict, lang)))}. <span class="counts">${esc(tr('doc.notAMeldcodeHint'))}</span></p>`);
  } else {
    const gaps = shownGaps(d, ctx.rules);
    const deciding = gaps.filter((e) => e.decidesVerdict);
    const other = gaps.filter((e) => !e.decidesVerdict);
    const legal = countElements(legalElements(d));
    const gp = countElements(goodPractice(d));
    const conclusion =
      d.verdict === 'compliant' ? rt('doc.conclusion.compliant') : deciding.length === 1 ? rt('doc.conclusion.nonCompliant1') : rt('doc.conclusion.nonCompliant', { n: deciding.length });
    const counts = `${tr('doc.legalCounts', { present: legal.present, total: legal.total, partial: legal.partial, missing: legal.missing })}; ${tr('doc.goodPracticeCounts', { present: gp.present, total: gp.total })}.`;
    parts.push(`<p class="conclusion" style="--c:var(--${d.verdict === 'compliant' ? 'present' : 'missing'})">${esc(conclusion)} <span class="counts">${esc(counts)}</span></p>`);
    if (d.era?.updates.length) {
      parts.push(`<div class="notice"><p><strong>${esc(rt('doc.outdatedNotice'))}</strong></p><ul>${d.era.updates.map((u) => `<li>${esc(local(u, lang))}</li>`).join('')}</ul></div>`);
    }
    if (deciding.length) parts.push(`<h4>${esc(rt('doc.gaps'))}</h4>`, ...deciding.map((e) => gapBlock(d, e, ctx)));
    if (other.length) parts.push(`<h4>${esc(rt('doc.otherFindings'))}</h4>`, ...other.map((e) => gapBlock(d, e, ctx)));
    const shownIds = new Set(gaps.map((e) => e.id));
    parts.push(overviewTable(d, legalElements(d), tr('label.legalElements'), shownIds, ctx));
    parts.push(overviewTable(d, goodPractice(d), tr('label.goodPractice'), new Set(), ctx));
  }
  parts.push(`<p class="top"><a href="#top">↑ ${esc(tr('report.backToTop'))}</a></p>`, '</section>');
  return parts.filter(Boolean).join('\n');
}

export const html: Reporter = (input: ReportInput, options: ReportOptions) => {
  const lang = options.lang;
  const tr = translator(lang);
  const rt = reportTranslator(lang);
  const rules = input.ruleset.rules;
  const titles = new Map<string, string>(rules.map((r) => [r.id, local(r.title, lang)]));
  for (const d of input.documents) for (const e of d.elements) if (!titles.has(e.id)) titles.set(e.id, local(e.title, lang));
  const ctx: Ctx = { lang, tr, rt, rules, titles };
  const s = summarize(input);
  const now = options.now ?? new Date();
  const docs = input.documents;
  const names = displayNames(docs.map((d) => d.file));
  const readable = docs.filter((d) => d.verdict !== 'error');
  const errors = docs.filter((d) => d.verdict === 'error');
  const multi = docs.length > 1;
  const skipped = skippedByReason(input, lang);

  const body: string[] = [];
  body.push(
    `<header id="top">`,
    `<h1>${esc(tr('report.title'))}</h1>`,
    `<p class="subtitle">${esc(tr('report.subtitle'))}</p>`,
    `<dl class="meta">`,
    `<dt>${esc(tr('report.date'))}</dt><dd>${esc(longDate(now, lang))}</dd>`,
    `<dt>${esc(tr('report.rulesetLabel'))}</dt><dd>${esc(tr('report.rulesetValue', { version: input.ruleset.version, date: longDate(input.ruleset.inForce, lang) }))}</dd>`,
    `<dt>${esc(tr('report.legalBasis'))}</dt><dd>${esc(input.ruleset.legalBasis)}</dd>`,
    `<dt>${esc(tr('report.tool'))}</dt><dd>${esc(input.tool.name)} ${esc(input.tool.version)}</dd>`,
    `</dl>`,
    `</header>`,
  );
  if (multi) {
    const toc: Array<[string, string]> = [
      ['samenvatting', tr('report.summary')],
      ...(readable.length ? ([['documenten', tr('report.documents')]] as Array<[string, string]>) : []),
      ...(errors.length ? ([['onleesbaar', tr('report.unreadable')]] as Array<[string, string]>) : []),
      ...(skipped.length ? ([['overgeslagen', tr('report.skipped')]] as Array<[string, string]>) : []),
      ...(readable.length ? ([['bevindingen', tr('report.details')]] as Array<[string, string]>) : []),
    ];
    body.push(`<nav class="toc" aria-label="${esc(tr('report.contents'))}"><strong>${esc(tr('report.contents'))}</strong><ol>${toc.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>`);
  }

  body.push(`<section id="samenvatting"><h2>${esc(tr('report.summary'))}</h2>`, `<p class="lead">${esc(summaryLead(s, tr))}</p>`);
  if (multi) {
    body.push(kpis(s, ctx));
    const most = s.meldcodes > 1 ? mostGapsSentence(s, rules, lang) : '';
    if (most) body.push(`<p>${esc(most)}</p>`);
  }
  if (s.meldcodes > 1) {
    body.push(
      `<h3>${esc(tr('report.perElement'))}</h3>`,
      `<p>${esc(tr('report.perElementLead'))}</p>`,
      legend(tr),
      elementTable(s.elements.filter((e) => e.kind === 'element'), ctx),
      `<p class="note">${esc(frameworkNote(rules, lang))}</p>`,
    );
    const gp = s.elements.filter((e) => e.kind === 'good-practice');
    if (gp.length) body.push(`<h3>${esc(tr('report.goodPractice'))}</h3>`, `<p>${esc(tr('report.goodPracticeLead'))}</p>`, elementTable(gp, ctx));
  }
  if (multi) {
    const sk = skippedSentence(input, lang);
    if (sk) body.push(`<p class="note">${esc(sk)}</p>`);
  }
  body.push(`<p class="note">${esc(rt('summary.automated'))}</p>`, `</section>`);

  if (multi && readable.length) {
    const rows = readable.map((d, k) => {
      const i = docs.indexOf(d);
      const org = d.organisation?.name ? esc(d.organisation.name) : `<span class="muted">${esc(rt('docs.unknownOrganisation'))}</span>`;
      return (
        `<tr><td class="nr">${k + 1}</td><td><a href="#doc-${i + 1}">${org}</a><span class="file">${esc(names.get(d.file) ?? d.file)}</span></td>` +
        `<td>${esc(d.sector?.value ?? '–')}</td><td>${verdictBadge(d, lang, true)}${outdatedTag(d, ctx)}</td><td>${gapCell(d, ctx)}</td></tr>`
      );
    });
    const hasOther = readable.some((d) => {
      const g = gapSummary(d, rules);
      return g.otherMissing.length + g.otherPartial.length > 0;
    });
    body.push(
      `<section id="documenten"><h2>${esc(tr('report.documents'))}</h2>`,
      `<table class="docs"><thead><tr><th>${esc(rt('docs.nr'))}</th><th>${esc(rt('docs.provider'))}</th><th>${esc(tr('label.sector'))}</th><th>${esc(tr('label.verdict'))}</th><th>${esc(tr('label.gaps'))}</th></tr></thead>`,
      `<tbody>${rows.join('\n')}</tbody></table>`,
      `<p class="note">${esc(SYMBOLS.missing)} ${esc(statusText('missing', lang))} · ${esc(SYMBOLS.partial)} ${esc(statusText('partial', lang))}${hasOther ? `. ${esc(rt('docs.otherNote', { ids: listJoin(nonDecidingIds(rules), lang) }))}` : ''}</p>`,
      `</section>`,
    );
  }

  if (errors.length) {
    body.push(
      `<section id="onleesbaar"><h2>${esc(tr('report.unreadable'))}</h2><p>${esc(tr('report.unreadableLead'))}</p>`,
      `<table class="errors"><thead><tr><th>${esc(tr('label.file'))}</th><th>${esc(tr('label.cause'))}</th></tr></thead><tbody>`,
      errors.map((d) => `<tr><td>${esc(names.get(d.file) ?? d.file)}</td><td>${esc(errorText(d, lang))}</td></tr>`).join('\n'),
      `</tbody></table></section>`,
    );
  }

  if (multi && skipped.length) {
    body.push(
      `<section id="overgeslagen"><h2>${esc(tr('report.skipped'))}</h2><table class="skipped"><thead><tr><th>${esc(tr('label.file'))}</th><th>${esc(tr('label.cause'))}</th></tr></thead><tbody>`,
      skipped.flatMap((g) => g.files.map((f) => `<tr><td>${esc(f)}</td><td>${esc(g.reason)}</td></tr>`)).join('\n'),
      `</tbody></table></section>`,
    );
  }

  if (readable.length) {
    body.push(`<section id="bevindingen"><h2>${esc(tr('report.details'))}</h2>`);
    readable.forEach((d, k) => body.push(documentSection(d, docs.indexOf(d), { i: k + 1, n: readable.length }, ctx)));
    body.push(`</section>`);
  }
  body.push(`<footer class="page">${esc(tr('report.generated', { date: longDate(now, lang), tool: input.tool.name, version: input.tool.version }))}</footer>`);

  const title = readable.length === 1 && !multi && readable[0]!.organisation ? `${tr('report.title')}: ${readable[0]!.organisation.name}` : tr('report.title');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(input.tool.name)} ${esc(input.tool.version)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${css(rt, tr('report.title'))}</style>`,
    '</head>',
    `<body${multi ? '' : ' class="single"'}>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

export default html;
