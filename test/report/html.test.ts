import { describe, expect, it } from 'vitest';
import { esc, html } from '../../src/report/html.js';
import { batchInput, compliantDoc, input, NASTY_QUOTE, NOW } from './fixtures.js';

describe('html reporter', () => {
  const out = html(batchInput(), { lang: 'nl', now: NOW });

  it('is one self-contained Dutch document', () => {
    expect(out.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(out).toContain('<meta charset="utf-8">');
    expect(out).not.toMatch(/<script\b/i);
    expect(out).not.toMatch(/<link\b|@import|url\(|\bsrc=|https?:\/\/[^"]*\.(css|js|woff2?)/i);
    expect(out.match(/<style>/g)).toHaveLength(1);
    expect(out).toMatch(/@media print \{[^]*\.doc \{ break-before: page;/);
    expect(html(batchInput(), { lang: 'en', now: NOW })).toContain('<html lang="en">');
  });

  it('escapes all document text', () => {
    expect(out).toContain(`<p>${esc(NASTY_QUOTE)}</p>`);
    expect(out).toContain('Meld bij twijfel &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Veilig Thuis&#39; | AMK');
    expect(out).not.toContain('<script>alert');
    expect(out).toContain('=Kinderdagverblijf &quot;t Kikkerhuis&quot;');
    expect(out).toContain('corpus/set2/Meldcode Kikkerhuis &#39;t oud.docx');
    expect(esc(`<a href='x'>&amp;</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('reads like a supervision report: title, date, rule set, summary first', () => {
    const at = (s: string) => out.indexOf(s);
    expect(out).toContain('<h1>Toets meldcode huiselijk geweld en kindermishandeling</h1>');
    expect(out).toContain('<dd>23 november 2026</dd>');
    expect(out).toContain('<dd>2026.11, in werking sinds 1 januari 2019</dd>');
    expect(out).toContain('Van de 3 onderzochte meldcodes voldoet er 1 aan de eisen van artikel 2 van het Besluit verplichte meldcode. 1 document is geen meldcode. 1 bestand kon niet worden gelezen.');
    expect(at('id="samenvatting"')).toBeLessThan(at('id="documenten"'));
    expect(at('id="documenten"')).toBeLessThan(at('id="onleesbaar"'));
    expect(at('id="onleesbaar"')).toBeLessThan(at('id="bevindingen"'));
    expect(out).toMatch(/<li class="ok"><strong>1<\/strong>voldoen aan artikel 2<\/li>/);
  });

  it('draws a bar per element with counts "x van N"', () => {
    const row = out.split('\n').find((l) => l.startsWith('<tr><td class="id">M04</td>'))!;
    expect(row).toContain('<td class="num">2 van 3</td>');
    expect(row).toContain('aria-label="M04: 2 aanwezig, 0 gedeeltelijk, 1 ontbreekt, van 3"');
    expect(row).toMatch(/<rect x="0" width="133.3" height="14" fill="#1a7f37"\/><rect x="133.3" width="66.7" height="14" fill="#c62828"\/>/);
    expect((out.match(/<svg /g) ?? []).length).toBe(24);
  });

  it('has a section per readable document with badges, evidence and advice', () => {
    expect((out.match(/<section class="doc"/g) ?? []).length).toBe(4);
    const doc2 = out.slice(out.indexOf('id="doc-2"'), out.indexOf('id="doc-3"'));
    expect(doc2).toContain('<span class="badge v-non-compliant">voldoet niet aan artikel 2</span>');
    expect(doc2).toMatch(/<td class="id">M04<\/td><td>Afwegingskader<\/td><td><span class="badge s-missing">✖ ontbreekt<\/span><\/td>/);
    expect(doc2).toContain('<p class="where">verwacht bij § &quot;Stap 4: Wegen van het geweld of de kind…&quot;</p>');
    expect(doc2).toContain('<strong>Advies:</strong> Neem het afwegingskader');
    expect(doc2).toContain('<p class="basis">Grondslag: art. 2 lid 2 sub b</p>');
    expect(doc2).toContain('<li>Vervang AMK en Steunpunt Huiselijk Geweld door Veilig Thuis (sinds 1 januari 2015).</li>');
    expect(doc2).toContain('n.v.t. voor sector kinderopvang');
    const doc3 = out.slice(out.indexOf('id="doc-3"'), out.indexOf('id="doc-4"'));
    expect(doc3).toContain('✖ ontbreekt · uitgezonderd');
    expect(doc3).toContain('Eindverantwoordelijke staat in het praktijkhandboek, hoofdstuk 7 · goedgekeurd door J. de Vries');
    expect(doc3).toContain('<footer>§ &quot;Taken en verantwoordelijkheden&quot; p. 2 r. 14</footer>');
  });

  it('lists unreadable files with their cause, apart', () => {
    const sec = out.slice(out.indexOf('id="onleesbaar"'), out.indexOf('id="bevindingen"'));
    expect(sec).toContain('<tr><td>corpus/errors/meldcode-huisarts-wachtwoord.pdf</td><td>versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op</td></tr>');
    expect(out).not.toContain('id="doc-5"');
    expect(out).toContain('<tr><td>corpus/a/organogram.png</td><td>geen document (gegevens, afbeelding, code …)</td></tr>');
    expect(out).not.toContain('labels.json');
  });

  it('keeps a single-document report short: no table of contents, no document table', () => {
    const one = html(input([compliantDoc()]), { lang: 'nl', now: NOW });
    expect(one).not.toContain('<nav');
    expect(one).not.toContain('id="documenten"');
    expect(one).toContain('De onderzochte meldcode voldoet aan de eisen van artikel 2 van het Besluit verplichte meldcode.');
    expect(one).toContain('<title>Toets meldcode huiselijk geweld en kindermishandeling: Stichting De Waterlinie</title>');
  });
});
