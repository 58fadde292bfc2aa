import { describe, expect, it } from 'vitest';
import { markdown, mdEscape } from '../../src/report/markdown.js';
import { batchInput, EXPIRED_WAIVER, input, NOW, pdfDoc, withSuppression } from './fixtures.js';

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
    expect(out).toContain('**1 van 3 meldcodes voldoen aan artikel 2** · 2 voldoen niet · 1 geen meldcode · 1 onleesbaar · 5 documenten');
    expect(out).toContain('Het vaakst schiet de meldcode tekort op: verantwoordelijkheden per stap (2 van 3), stappenplan (1 van 3), afwegingskader (1 van 3) en bijzondere vormen van geweld (1 van 3).');
    expect(out).toContain('*2 bestanden in de opgegeven mappen zijn niet onderzocht: labelbestand (labels.json) (1); geen document (gegevens, afbeelding, code …) (1).*');
    expect(out).toContain(`| 2 | [corpus/set2/Meldcode Kikkerhuis 't oud.docx](#document-2) | \\=Kinderdagverblijf "t Kikkerhuis" | kinderopvang | voldoet niet · verouderde tekst (2013) | ✖ M04, M05.1, M06 ◐ M03.2, M03.5 · overig: ◐ M10 |`);
    expect(out).toContain('- corpus/errors/meldcode-huisarts-wachtwoord.pdf: versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op');
    expect(out).toContain('- corpus/a/organogram.png: geen document (gegevens, afbeelding, code …)');
    expect(out).toContain('#### ✖ M04 Afwegingskader: ontbreekt');
    const doc2 = out.slice(out.indexOf('<a id="document-2">'), out.indexOf('<a id="document-3">'));
    expect(doc2).toContain('**De meldcode voldoet niet aan artikel 2 van het Besluit verplichte meldcode. De meldcode moet op 5 punten worden aangepast.**');
    expect(doc2.indexOf('#### Tekortkomingen (artikel 2)')).toBeLessThan(doc2.indexOf('#### Overige bevindingen'));
    expect(doc2).toContain('*Niets gevonden in de tekst. Verwacht bij § "Stap 4: Wegen van het geweld of de kind…".*');
    expect(doc2).not.toContain('#### ◐ M03 Stappenplan');
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

  it('marks a waived finding as waived and a finding whose waiver expired as expired', () => {
    const waived = markdown(input([pdfDoc()]), { lang: 'nl', now: NOW });
    expect(waived).toMatch(/^\| ✖ \| M05\.1 \| .* \| ontbreekt \(uitzondering\) \|/m);
    expect(waived).toMatch(/^#### ✖ M05\.1 .*: ontbreekt \(uitzondering\)$/m);
    expect(waived).toContain('*uitgezonderd (uitzondering): Eindverantwoordelijke staat in het praktijkhandboek');
    expect(waived).not.toContain('verlopen');

    const doc = withSuppression(pdfDoc(), 'M05.1', EXPIRED_WAIVER);
    const nl = markdown(input([doc]), { lang: 'nl', now: NOW });
    expect(nl).toMatch(/^\| ✖ \| M05\.1 \| .* \| ontbreekt \(uitzondering verlopen\) \|/m);
    expect(nl).toMatch(/^#### ✖ M05\.1 .*: ontbreekt \(uitzondering verlopen\)$/m);
    expect(nl).toContain('**Uitzondering verlopen op 2026-01-01: telt weer mee.** *Staat in het praktijkhandboek, oplevering Q2.*');
    expect(nl).not.toContain('uitgezonderd (uitzondering)');
    const en = markdown(input([doc]), { lang: 'en', now: NOW });
    expect(en).toMatch(/^\| ✖ \| M05\.1 \| .* \| missing \(waiver expired\) \|/m);
    expect(en).toContain('**Suppression expired on 2026-01-01: counts again.**');

    const baselined = markdown(input([withSuppression(pdfDoc(), 'M10', { kind: 'baseline' })]), { lang: 'en', now: NOW });
    expect(baselined).toMatch(/^\| ✖ \| M10 \| .* \| missing \(baselined\) \|/m);
  });
});
