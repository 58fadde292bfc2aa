import { describe, expect, it } from 'vitest';
import { markdown, mdEscape } from '../../src/report/markdown.js';
import { batchInput, NOW } from './fixtures.js';

/** Cells of a Markdown table row, splitting on unescaped pipes. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

describe('markdown reporter', () => {
  const out = markdown(batchInput(), { lang: 'nl', now: NOW });

  it('escapes document text', () => {
    expect(out).toContain('> Meld bij twijfel \\<script\\>alert("x")\\</script\\> &amp; \'Veilig Thuis\' \\| AMK');
    expect(out).not.toContain('<script>');
    expect(mdEscape('a|b `c` *d* _e_ [f](g) <h> ~i~')).toBe('a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\> \\~i\\~');
    expect(mdEscape('# kop')).toBe('\\# kop');
    expect(mdEscape('1. stap')).toBe('1\\. stap');
    expect(mdEscape('regel\nregel')).toBe('regel regel');
  });

  it('has tables with a constant number of columns', () => {
    const tableLines = out.split('\n').filter((l) => l.startsWith('|'));
    expect(tableLines.length).toBeGreaterThan(40);
    let width = 0;
    for (const l of tableLines) {
      if (/^\| (---|ID|Bestand| )/.test(l) || /^\|  \|/.test(l)) width = cells(l).length;
      expect(cells(l).length, l).toBe(width);
    }
  });

  it('starts with the summary, then documents, unreadable files and findings', () => {
    expect(out.startsWith('# Toets meldcode huiselijk geweld en kindermishandeling\n')).toBe(true);
    expect(out).toContain('Van de 3 onderzochte meldcodes voldoet er 1 aan de eisen van artikel 2');
    expect(out).toContain('| M04 | Afwegingskader | 2 van 3 | 0 | 1 | 0 |');
    expect(out).toMatch(/\| \[corpus\/set2\/Meldcode Kikkerhuis 't oud\.docx\]\(#document-2\) \| \\=Kinderdagverblijf "t Kikkerhuis" \| kinderopvang \| voldoet niet \| ✖ M04, M05\.1, M06 ◐ M03\.2, M03\.5, M10 \|/);
    expect(out).toContain('- corpus/errors/meldcode-huisarts-wachtwoord.pdf: versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op');
    expect(out).toContain('#### ✖ M04 Afwegingskader: ontbreekt');
    expect(out).toContain('**Advies:** Neem het afwegingskader');
    expect(out.indexOf('## Samenvatting')).toBeLessThan(out.indexOf('## Overzicht van de documenten'));
    expect(out.indexOf('## Onleesbare bestanden')).toBeLessThan(out.indexOf('## Bevindingen per document'));
  });

  it('speaks English with --lang en', () => {
    const en = markdown(batchInput(), { lang: 'en', now: NOW });
    expect(en).toContain('Of the 3 meldcodes examined, 1 meets the requirements of article 2');
    expect(en).toContain('#### ✖ M04 Assessment framework (afwegingskader): missing');
    expect(en).toContain('Generated on 23 November 2026 by meldcode-check 0.1.0');
  });
});
