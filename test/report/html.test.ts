import { describe, expect, it } from 'vitest';
import { esc, html } from '../../src/report/html.js';
import { batchInput, compliantDoc, input, NASTY_QUOTE, nonCompliantDoc, NOW } from './fixtures.js';

/** The part of `out` from the first `from` up to the next `to` (or the end). */
function between(out: string, from: string, to?: string): string {
  const i = out.indexOf(from);
  expect(i, from).toBeGreaterThanOrEqual(0);
  const j = to ? out.indexOf(to, i + from.length) : -1;
  return out.slice(i, j < 0 ? undefined : j);
}

describe('html reporter', () => {
  const out = html(batchInput(), { lang: 'nl', now: NOW });

  it('is one self-contained Dutch document', () => {
    expect(out.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(out).toContain('<meta charset="utf-8">');
    expect(out).not.toMatch(/<script\b/i);
    expect(out).not.toMatch(/<link\b|<img\b|<iframe\b|<object\b|@import|url\(|\bsrc=|https?:\/\//i);
    expect(out).not.toMatch(/\bon[a-z]+=/i);
    expect(out.match(/<style>/g)).toHaveLength(1);
    expect(html(batchInput(), { lang: 'en', now: NOW })).toContain('<html lang="en">');
  });

  it('has a print stylesheet: A4, page numbers, a page break per document', () => {
    const print = between(out, '@media print');
    expect(print).toContain('size: A4');
    expect(print).toMatch(/@bottom-right \{ content: "pagina" " " counter\(page\) " " "van" " " counter\(pages\)/);
    expect(print).toMatch(/\.doc \{ break-before: page;/);
    expect(print).toContain('#bevindingen > h2 { break-before: page; }');
    expect(print).toContain('print-color-adjust: exact');
    expect(print).toMatch(/nav\.toc, \.top \{ display: none; \}/);
  });

  it('escapes all document text', () => {
    expect(out).toContain(`<p>${esc(NASTY_QUOTE)}</p>`);
    expect(out).toContain('Meld bij twijfel &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Veilig Thuis&#39; | AMK');
    expect(out).not.toContain('<script>alert');
    expect(out).toContain('=Kinderdagverblijf &quot;t Kikkerhuis&quot;');
    expect(out).toContain('corpus/set2/Meldcode Kikkerhuis &#39;t oud.docx');
    expect(esc(`<a href='x'>&amp;</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;');
    // Nothing from a document ends up in the style sheet.
    expect(between(out, '<style>', '</style>')).not.toContain('Kikkerhuis');
  });

  it('reads like a supervision report: title, date, rule set, summary first', () => {
    const at = (s: string) => out.indexOf(s);
    expect(out).toContain('<h1>Toets meldcode huiselijk geweld en kindermishandeling</h1>');
    expect(out).toContain('<dd>23 november 2026</dd>');
    expect(out).toContain('<dd>2026.11, in werking sinds 1 januari 2019</dd>');
    expect(out).toContain('Van de 3 onderzochte meldcodes voldoet er 1 aan de eisen van artikel 2 van het Besluit verplichte meldcode. 1 document is geen meldcode. 1 bestand kon niet worden gelezen.');
    expect(at('id="samenvatting"')).toBeLessThan(at('id="documenten"'));
    expect(at('id="documenten"')).toBeLessThan(at('id="onleesbaar"'));
    expect(at('id="onleesbaar"')).toBeLessThan(at('id="overgeslagen"'));
    expect(at('id="overgeslagen"')).toBeLessThan(at('id="bevindingen"'));
  });

  it('says how many meldcodes meet article 2, "x van N", and what is most often short', () => {
    const sum = between(out, 'id="samenvatting"', '</section>');
    expect(sum).toContain('<li class="main ok"><strong>1 van 3</strong>meldcodes voldoen aan artikel 2</li>');
    expect(sum).toContain('<li class="bad"><strong>2</strong>voldoen niet</li>');
    expect(sum).toContain('<li class="warn"><strong>1</strong>geen meldcode</li>');
    expect(sum).toContain('<li class="bad"><strong>1</strong>onleesbaar</li>');
    expect(sum).toContain('<li><strong>5</strong>documenten</li>');
    expect(sum).toContain('Het vaakst schiet de meldcode tekort op: verantwoordelijkheden per stap (2 van 3), stappenplan (1 van 3), afwegingskader (1 van 3) en bijzondere vormen van geweld (1 van 3).');
    expect(sum).toContain('Een meldcode voldoet aan artikel 2 als deze onderdelen aanwezig zijn: M02, M03, M04, M05, M06, M08 (waar van toepassing) en M09.');
    expect(sum).toContain('M01, M07 en M10 tellen niet mee voor het oordeel');
    // Skipped files are counted, the quiet ones (labels.json) included, by reason.
    expect(sum).toContain('2 bestanden in de opgegeven mappen zijn niet onderzocht: labelbestand (labels.json) (1); geen document (gegevens, afbeelding, code …) (1).');
  });

  it('draws a bar per element with counts "x van N" over the meldcodes the element applies to', () => {
    const row = (id: string) => out.split('\n').find((l) => l.includes(`<td class="id">${id}</td>`) && l.includes('<td class="chart">'))!;
    expect(row('M04')).toContain('<td class="num">2 van 3</td>');
    expect(row('M04')).toContain('aria-label="M04: 2 aanwezig, 0 gedeeltelijk, 1 ontbreekt, van 3"');
    expect(row('M04')).toMatch(/<rect x="0" width="133.3" height="14" fill="#2e7d32"\/><rect x="133.3" width="66.7" height="14" fill="#c62828"\/>/);
    // Kindcheck: not counted for the childcare centre.
    expect(row('M08')).toContain('<td class="num">2 van 2</td>');
    expect(row('M08')).toMatch(/<td class="num">1<\/td><\/tr>$/);
    // Three equal thirds end exactly at the full width.
    expect(row('M10')).toMatch(/<rect x="133.3" width="66.7" height="14" fill="#c62828"\/>/);
    expect(row('M10')).toContain('<span class="ndmark">(telt niet mee)</span>');
    expect(row('M03.2')).toMatch(/^<tr class="sub">/);
    expect((out.match(/<svg /g) ?? []).length).toBe(24);
    expect((out.match(/<svg [^>]*role="img"/g) ?? []).length).toBe(24);
  });

  it('lists the documents: organisation, file, sector, verdict, gaps that decide apart from the others', () => {
    const docs = between(out, 'id="documenten"', '</section>');
    expect(docs).toContain('<th>Nr.</th><th>Organisatie en bestand</th><th>Sector</th><th>Oordeel</th><th>Tekorten</th>');
    const row = docs.split('\n').find((l) => l.includes('#doc-2'))!;
    expect(row).toContain('<a href="#doc-2">=Kinderdagverblijf &quot;t Kikkerhuis&quot;</a><span class="file">corpus/set2/Meldcode Kikkerhuis &#39;t oud.docx</span>');
    expect(row).toContain('<span class="badge v-non-compliant">voldoet niet</span><span class="tag">verouderde tekst (2013)</span>');
    expect(row.replace(/<[^>]+>/g, '')).toContain('✖ M04, M05.1, M06 ◐ M03.2, M03.5overig: ◐ M10');
    expect(row).toContain('<abbr title="Afwegingskader">M04</abbr>');
    expect(docs).toContain('Onder „overig” staan bevindingen bij onderdelen die niet meetellen voor het oordeel (M01, M07 en M10).');
    expect(docs).not.toContain('wachtwoord');
  });

  it('per document: the conclusion, the shortcomings with evidence and advice, then all elements', () => {
    expect((out.match(/<section class="doc"/g) ?? []).length).toBe(4);
    const doc2 = between(out, 'id="doc-2"', 'id="doc-3"');
    expect(doc2).toContain('<p class="position">Document 2 van 4</p>');
    expect(doc2).toContain('<span class="badge v-non-compliant">voldoet niet aan artikel 2</span>');
    expect(doc2).toContain('De meldcode moet op 5 punten worden aangepast.');
    expect(doc2).toContain('<dt>Verouderd</dt><dd><span class="s-partial">AMK of Steunpunt Huiselijk Geweld (§ &quot;Stappenplan&quot; ¶15)</span></dd>');
    expect(doc2).toContain('<li>Vervang AMK en Steunpunt Huiselijk Geweld door Veilig Thuis (sinds 1 januari 2015).</li>');
    const at = (s: string) => doc2.indexOf(s);
    expect(at('<h4>Tekortkomingen (artikel 2)</h4>')).toBeLessThan(at('<h4>Overige bevindingen'));
    expect(at('<h4>Overige bevindingen')).toBeLessThan(at('<h4>Wettelijke onderdelen'));
    const m04 = between(doc2, '<h5>M04 Afwegingskader', '</div>');
    expect(m04).toContain('<span class="badge s-missing">✖ ontbreekt</span>');
    expect(m04).toContain('<p class="where">Niets gevonden in de tekst. Verwacht bij § &quot;Stap 4: Wegen van het geweld of de kind…&quot;.</p>');
    expect(m04).toContain('<strong>Advies:</strong> Neem het afwegingskader');
    expect(m04).toContain('<p class="basis">Grondslag: art. 2 Besluit verplichte meldcode');
    const m032 = between(doc2, '<h5>M03.2', '</div>');
    expect(m032).toContain('<li>Stap 2 noemt het AMK in plaats van Veilig Thuis.</li>');
    expect(m032).toContain('<footer>§ &quot;Stap 2: Overleggen met een collega en r…&quot; ¶15</footer>');
    // The parent M03 gets no block of its own: its sub-elements say more.
    expect(doc2).not.toContain('<h5>M03 ');
    expect(doc2).toContain('<span class="muted">zie M03.2, M03.5 hierboven · § &quot;Stappenplan&quot; ¶12</span>');
    expect(doc2).toContain('n.v.t. voor sector kinderopvang');
    // Good-practice gaps carry their advice in the overview.
    expect(between(doc2, '<td class="id">S01</td>', '</tr>')).toContain('<strong>Advies:</strong>');
    const doc3 = between(out, 'id="doc-3"', 'id="doc-4"');
    expect(doc3).toContain('✖ ontbreekt · uitgezonderd');
    expect(doc3).toContain('Eindverantwoordelijke staat in het praktijkhandboek, hoofdstuk 7 · goedgekeurd door J. de Vries');
    expect(doc3).toContain('<span class="muted">zie M05.1 hierboven · § &quot;Taken en verantwoordelijkheden&quot; p. 2 r. 14</span>');
    expect(doc3).toContain('<q>De huisarts brengt de signalen in kaart en legt ze vast in het HIS.</q> <span class="loc">§ &quot;Stap 1&quot; p. 3 r. 12</span>');
  });

  it('keeps a compliant document short: a quote and location per element, no shortcomings', () => {
    const doc1 = between(out, 'id="doc-1"', 'id="doc-2"');
    expect(doc1).toContain('De meldcode voldoet aan artikel 2 van het Besluit verplichte meldcode.');
    expect(doc1).not.toContain('Tekortkomingen');
    expect(doc1).toContain('<q>Weeg met behulp van het afwegingskader het risico, de aard en de ernst.</q> <span class="loc">§ &quot;Stap 4: Wegen&quot; r. 38</span>');
    expect(doc1).not.toContain('<blockquote>');
  });

  it('lists unreadable and skipped files apart, with their cause', () => {
    const sec = between(out, 'id="onleesbaar"', '</section>');
    expect(sec).toContain('<tr><td>corpus/errors/meldcode-huisarts-wachtwoord.pdf</td><td>versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op</td></tr>');
    expect(out).not.toContain('id="doc-5"');
    const skipped = between(out, 'id="overgeslagen"', '</section>');
    expect(skipped).toContain('<tr><td>corpus/a/organogram.png</td><td>geen document (gegevens, afbeelding, code …)</td></tr>');
    expect(skipped).not.toContain('labels.json');
  });

  it('keeps a single-document report short: no table of contents, no document table, no page break', () => {
    const one = html(input([compliantDoc()]), { lang: 'nl', now: NOW });
    expect(one).not.toContain('<nav');
    expect(one).not.toContain('id="documenten"');
    expect(one).not.toContain('<svg');
    expect(one).toContain('<body class="single">');
    expect(one).toContain('De onderzochte meldcode voldoet aan de eisen van artikel 2 van het Besluit verplichte meldcode.');
    expect(one).toContain('<title>Toets meldcode huiselijk geweld en kindermishandeling: Stichting De Waterlinie</title>');
    expect(one).not.toContain('<p class="position">');
  });

  it('speaks English with --lang en', () => {
    const en = html(input([compliantDoc(), nonCompliantDoc()]), { lang: 'en', now: NOW });
    expect(en).toContain('meldcodes meet article 2');
    expect(en).toContain('<h4>Shortcomings (article 2)</h4>');
    expect(en).toContain('"page" " " counter(page) " " "of" " " counter(pages)');
    expect(en).not.toMatch(/>[^<]*\b(voldoen|ontbreekt|Tekortkomingen|hierboven)\b[^<]*</);
  });
});
