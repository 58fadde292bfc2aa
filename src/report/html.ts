/**
 * One self-contained HTML file that reads like a supervision report: summary first (counts per
 * element with a bar chart in inline SVG), then the documents, then the findings per document
 * with evidence and advice. No scripts, no external styles or fonts; a print stylesheet starts
 * every document on a new page. All document text is escaped.
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
  skippedByReason,
  sortElements,
  statusText,
  summarize,
  SYMBOLS,
  verdictText,
  whereOf,
  type BatchSummary,
  type ElementSummary,
} from './common.js';
import { summaryLead } from './markdown.js';
import type { ReportInput, ReportOptions, Reporter } from './types.js';

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function esc(s: string | number | undefined | null): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const COLORS = { present: '#1a7f37', partial: '#b76e00', missing: '#c62828', na: '#8a8f98', track: '#e6e8eb' };

const CSS = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg-soft:#f6f8fa; --present:${COLORS.present}; --partial:${COLORS.partial}; --missing:${COLORS.missing}; --na:${COLORS.na}; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); line-height: 1.5; }
body { margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem 4rem; font-size: 15px; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--fg); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
p { margin: .4rem 0 .8rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; font-size: 1.05rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0; padding: .75rem 1rem; background: var(--bg-soft); border-left: 4px solid var(--line); font-size: .9rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.lead { font-size: 1.1rem; }
.kpis { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0 1.5rem; padding: 0; list-style: none; }
.kpis li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
.kpis strong { display: block; font-size: 1.6rem; line-height: 1.1; }
.kpis .ok strong { color: var(--present); }
.kpis .bad strong { color: var(--missing); }
.kpis .warn strong { color: var(--partial); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { font-weight: 600; white-space: nowrap; }
td.chart { width: 13rem; }
td.chart svg { display: block; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: .85rem; color: var(--muted); margin: 0 0 .5rem; }
.legend span::before { content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; border-radius: 2px; background: var(--c); }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.s-present { color: var(--present); }
.s-partial { color: var(--partial); }
.s-missing { color: var(--missing); }
.s-not-applicable, .s-suppressed { color: var(--na); }
.v-compliant { color: var(--present); }
.v-non-compliant, .v-error { color: var(--missing); }
.v-not-a-meldcode { color: var(--partial); }
.doc { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid var(--line); }
.doc h3 { font-size: 1.2rem; margin-top: .5rem; word-break: break-word; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 1rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.findings td.what { width: 55%; }
.findings tr.na td { color: var(--na); }
.findings .msg { margin: 0 0 .3rem; }
.findings ul.reasons { margin: .2rem 0 .4rem; padding-left: 1.2rem; }
blockquote { margin: .3rem 0 .5rem; padding: .25rem .75rem; border-left: 3px solid var(--line); background: var(--bg-soft); }
blockquote p { margin: 0; }
blockquote footer { color: var(--muted); font-size: .82rem; }
.advice { margin: .3rem 0; }
.basis, .where, .muted { color: var(--muted); font-size: .85rem; margin: .2rem 0; }
.updates { margin: .25rem 0 1rem; padding-left: 1.2rem; }
nav.toc ol { margin: .25rem 0 0; padding-left: 1.2rem; }
footer.page { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
a { color: #0b57d0; }
@media print {
  @page { size: A4; margin: 18mm 15mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc, .top { display: none; }
  h2 { break-after: avoid; }
  .doc { break-before: page; border-top: none; margin-top: 0; }
  tr, blockquote, .kpis li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .badge { border-width: 1px; }
}
`;

function statusBadge(e: ElementResult, lang: Lang, tr: Translate): string {
  if (isSuppressed(e)) return `<span class="badge s-suppressed">${esc(SYMBOLS[e.status])} ${esc(statusText(e.status, lang))} · ${esc(tr('status.suppressed'))}</span>`;
  return `<span class="badge s-${e.status}">${esc(SYMBOLS[e.status])} ${esc(statusText(e.status, lang))}</span>`;
}

function verdictBadge(d: DocumentResult, lang: Lang): string {
  return `<span class="badge v-${d.verdict}">${esc(verdictText(d.verdict, lang))}</span>`;
}

/** A horizontal stacked bar: present, partial, missing, out of the meldcodes the element applies to. */
function bar(e: ElementSummary, tr: Translate): string {
  const W = 200;
  const H = 14;
  const n = e.applicable;
  const label = tr('report.chartLabel', { id: e.id, present: e.present, partial: e.partial, missing: e.missing, n });
  if (!n) return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}"><rect width="${W}" height="${H}" fill="${COLORS.track}"/></svg>`;
  const w = (k: number) => Math.round((k / n) * W * 10) / 10;
  let x = 0;
  const rects: string[] = [`<rect width="${W}" height="${H}" fill="${COLORS.track}"/>`];
  for (const [k, color] of [[e.present, COLORS.present], [e.partial, COLORS.partial], [e.missing, COLORS.missing]] as const) {
    if (!k) continue;
    rects.push(`<rect x="${x}" width="${w(k)}" height="${H}" fill="${color}"/>`);
    x = Math.round((x + w(k)) * 10) / 10;
  }
  return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>${rects.join('')}</svg>`;
}

function elementTable(list: ElementSummary[], lang: Lang, tr: Translate): string {
  const rows = list.map(
    (e) =>
      `<tr><td class="id">${esc(e.id)}</td><td>${esc(local(e.title, lang))}</td>` +
      `<td class="num">${e.applicable ? esc(tr('label.of', { x: e.present, n: e.applicable })) : '–'}</td>` +
      `<td class="chart">${bar(e, tr)}</td>` +
      `<td class="num">${e.partial}</td><td class="num">${e.missing}</td><td class="num">${e.notApplicable}</td></tr>`,
  );
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

function kpis(s: BatchSummary, tr: Translate): string {
  const items: Array<[string, number, string]> = [
    [tr('kpi.documents'), s.documents, ''],
    [tr('kpi.meldcodes'), s.meldcodes, ''],
    [tr('kpi.compliant'), s.compliant, 'ok'],
    [tr('kpi.nonCompliant'), s.nonCompliant, s.nonCompliant ? 'bad' : ''],
  ];
  if (s.notAMeldcode) items.push([tr('kpi.notAMeldcode'), s.notAMeldcode, 'warn']);
  if (s.errors) items.push([tr('kpi.errors'), s.errors, 'bad']);
  return `<ul class="kpis">${items.map(([label, n, cls]) => `<li${cls ? ` class="${cls}"` : ''}><strong>${n}</strong>${esc(label)}</li>`).join('')}</ul>`;
}

function evidenceHtml(e: ElementResult, lang: Lang): string {
  return e.evidence
    .map((ev) => {
      const loc = formatLocation(ev.location, lang, true);
      return `<blockquote><p>${esc(ev.quote)}</p>${loc ? `<footer>${esc(loc)}</footer>` : ''}</blockquote>`;
    })
    .join('');
}

function findingCell(d: DocumentResult, e: ElementResult, lang: Lang, tr: Translate): string {
  if (e.status === 'not-applicable') return '';
  const parts: string[] = [];
  if (isGap(e)) {
    parts.push(`<p class="msg">${esc(local(e.message, lang))}</p>`);
    if (e.reasons.length) parts.push(`<ul class="reasons">${e.reasons.map((r) => `<li>${esc(local(r, lang))}</li>`).join('')}</ul>`);
    if (isSuppressed(e)) {
      const s = e.suppressed!;
      const bits = [tr('label.suppressedBy', { kind: tr(s.kind === 'waiver' ? 'suppressionKind.waiver' : 'suppressionKind.baseline') }), s.justification, s.approver ? tr('label.approver', { name: s.approver }) : '', s.expires ? tr('label.expires', { date: s.expires }) : ''];
      parts.push(`<p class="muted">${esc(bits.filter(Boolean).join(' · '))}</p>`);
    } else if (e.suppressed?.expired) {
      parts.push(`<p class="muted">${esc(tr('label.suppressionExpired', { date: e.suppressed.expires ?? '?' }))}</p>`);
    }
  }
  parts.push(evidenceHtml(e, lang));
  if (!e.evidence.length) {
    const where = whereOf(e, lang, d).text;
    if (where) parts.push(`<p class="where">${esc(where)}</p>`);
  }
  if (isGap(e) && e.advice) parts.push(`<p class="advice"><strong>${esc(tr('label.advice'))}:</strong> ${esc(local(e.advice, lang))}</p>`);
  if (isGap(e) && e.kind === 'element') parts.push(`<p class="basis">${esc(tr('label.basis'))}: ${esc(e.basis.article)}</p>`);
  return parts.join('');
}

function findingsTable(d: DocumentResult, list: ElementResult[], caption: string, lang: Lang, tr: Translate): string {
  if (!list.length) return '';
  const rows = sortElements(list).map((e) => {
    const na = e.status === 'not-applicable';
    const title = local(e.title, lang);
    const what = na ? `<p class="muted">${esc(tr('label.notApplicableFor', { sector: d.sector?.value ?? '' }))}</p>` : findingCell(d, e, lang, tr);
    return (
      `<tr class="${na ? 'na' : `st-${e.status}`}"><td class="id">${esc(e.id)}</td><td>${esc(title)}</td>` +
      `<td>${statusBadge(e, lang, tr)}</td><td class="what">${what}</td></tr>`
    );
  });
  return (
    `<h4>${esc(caption)}</h4><table class="findings"><thead><tr><th>${esc(tr('label.id'))}</th><th>${esc(tr('label.element'))}</th><th>${esc(tr('label.status'))}</th><th>${esc(tr('report.finding'))}</th></tr></thead>` +
    `<tbody>${rows.join('\n')}</tbody></table>`
  );
}

function documentSection(d: DocumentResult, i: number, lang: Lang, tr: Translate): string {
  const facts: Array<[string, string]> = [];
  if (d.organisation) facts.push([tr('label.organisation'), esc(d.organisation.name)]);
  if (d.sector) facts.push([tr('label.sector'), `${esc(sectorText(d.sector.value, lang))} <span class="muted">(${esc(sectorSourceText(d.sector, lang))})</span>`]);
  if (d.era) {
    const markers = d.era.markers.map((m) => {
      const loc = formatLocation(m.location, lang);
      return `${markerText(m.marker, lang)}${loc ? ` (${loc})` : ''}`;
    });
    facts.push([tr('label.era'), esc(eraText(d.era.value, lang))]);
    if (markers.length) facts.push([tr('label.outdated'), esc(markers.join('; '))]);
  }
  if (d.documentType) facts.push([tr('label.documentType'), esc(local(d.documentType.reason, lang))]);
  facts.push([tr('label.verdict'), verdictBadge(d, lang)]);
  if (d.duplicates?.length) facts.push([tr('label.sameContent'), esc(d.duplicates.join(', '))]);
  const parts = [
    `<section class="doc" id="doc-${i + 1}" aria-labelledby="doc-${i + 1}-h">`,
    `<h3 id="doc-${i + 1}-h">${esc(d.organisation?.name ?? d.file)}</h3>`,
    d.organisation ? `<p class="muted">${esc(d.file)}</p>` : '',
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`,
  ];
  if (d.verdict === 'not-a-meldcode') {
    parts.push(`<p>${esc(tr('doc.notAMeldcodeHint'))}</p>`);
  } else {
    const legal = countElements(legalElements(d));
    const gp = countElements(goodPractice(d));
    parts.push(`<p>${esc(tr('doc.legalCounts', { present: legal.present, total: legal.total, partial: legal.partial, missing: legal.missing }))}; ${esc(tr('doc.goodPracticeCounts', { present: gp.present, total: gp.total }))}.</p>`);
    if (d.era?.updates.length) {
      parts.push(`<p><strong>${esc(tr('label.updates'))}:</strong></p><ul class="updates">${d.era.updates.map((u) => `<li>${esc(local(u, lang))}</li>`).join('')}</ul>`);
    }
    parts.push(findingsTable(d, legalElements(d), tr('label.legalElements'), lang, tr));
    parts.push(findingsTable(d, goodPractice(d), tr('label.goodPractice'), lang, tr));
  }
  parts.push(`<p class="top"><a href="#top">↑ ${esc(tr('report.backToTop'))}</a></p>`, '</section>');
  return parts.filter(Boolean).join('\n');
}

export const html: Reporter = (input: ReportInput, options: ReportOptions) => {
  const lang = options.lang;
  const tr = translator(lang);
  const s = summarize(input);
  const now = options.now ?? new Date();
  const docs = input.documents;
  const names = displayNames(docs.map((d) => d.file));
  const readable = docs.filter((d) => d.verdict !== 'error');
  const errors = docs.filter((d) => d.verdict === 'error');
  const multi = docs.length > 1;

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
    const toc = [
      [`samenvatting`, tr('report.summary')],
      [`documenten`, tr('report.documents')],
      ...(errors.length ? [[`onleesbaar`, tr('report.unreadable')]] : []),
      [`bevindingen`, tr('report.details')],
    ];
    body.push(`<nav class="toc" aria-label="${esc(tr('report.contents'))}"><strong>${esc(tr('report.contents'))}</strong><ol>${toc.map(([id, label]) => `<li><a href="#${id}">${esc(label!)}</a></li>`).join('')}</ol></nav>`);
  }

  body.push(`<section id="samenvatting"><h2>${esc(tr('report.summary'))}</h2>`, `<p class="lead">${esc(summaryLead(s, tr))}</p>`);
  if (multi) body.push(kpis(s, tr));
  if (s.meldcodes > 0) {
    body.push(`<h3>${esc(tr('report.perElement'))}</h3>`, `<p>${esc(tr('report.perElementLead'))}</p>`, legend(tr), elementTable(s.elements.filter((e) => e.kind === 'element'), lang, tr));
    const gp = s.elements.filter((e) => e.kind === 'good-practice');
    if (gp.length) body.push(`<h3>${esc(tr('report.goodPractice'))}</h3>`, `<p>${esc(tr('report.goodPracticeLead'))}</p>`, elementTable(gp, lang, tr));
  }
  body.push(`</section>`);

  if (multi && readable.length) {
    const rows = readable.map((d) => {
      const i = docs.indexOf(d);
      const g = d.verdict === 'not-a-meldcode' ? { missing: [], partial: [] } : gapIds(d, input.ruleset.rules);
      const gaps = [
        g.missing.length ? `<span class="s-missing">${esc(SYMBOLS.missing)} ${esc(g.missing.join(', '))}</span>` : '',
        g.partial.length ? `<span class="s-partial">${esc(SYMBOLS.partial)} ${esc(g.partial.join(', '))}</span>` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return (
        `<tr><td><a href="#doc-${i + 1}">${esc(names.get(d.file) ?? d.file)}</a></td><td>${esc(d.organisation?.name ?? '–')}</td>` +
        `<td>${esc(d.sector?.value ?? '–')}</td><td>${verdictBadge(d, lang)}</td><td>${gaps || '–'}</td></tr>`
      );
    });
    body.push(
      `<section id="documenten"><h2>${esc(tr('report.documents'))}</h2>`,
      `<table class="docs"><thead><tr><th>${esc(tr('label.file'))}</th><th>${esc(tr('label.organisation'))}</th><th>${esc(tr('label.sector'))}</th><th>${esc(tr('label.verdict'))}</th><th>${esc(tr('label.gaps'))}</th></tr></thead>`,
      `<tbody>${rows.join('\n')}</tbody></table></section>`,
    );
  }

  if (errors.length) {
    body.push(
      `<section id="onleesbaar"><h2>${esc(tr('report.unreadable'))}</h2><p>${esc(tr('report.unreadableLead'))}</p>`,
      `<table><thead><tr><th>${esc(tr('label.file'))}</th><th>${esc(tr('label.cause'))}</th></tr></thead><tbody>`,
      errors.map((d) => `<tr><td>${esc(d.file)}</td><td>${esc(errorText(d, lang))}</td></tr>`).join('\n'),
      `</tbody></table></section>`,
    );
  }

  const skipped = skippedByReason(input, lang);
  if (multi && skipped.length) {
    body.push(
      `<section id="overgeslagen"><h2>${esc(tr('report.skipped'))}</h2><table><thead><tr><th>${esc(tr('label.file'))}</th><th>${esc(tr('label.cause'))}</th></tr></thead><tbody>`,
      skipped.flatMap((g) => g.files.map((f) => `<tr><td>${esc(f)}</td><td>${esc(g.reason)}</td></tr>`)).join('\n'),
      `</tbody></table></section>`,
    );
  }

  if (readable.length) {
    body.push(`<section id="bevindingen"><h2>${esc(tr('report.details'))}</h2>`);
    for (const d of readable) body.push(documentSection(d, docs.indexOf(d), lang, tr));
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
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

export default html;
