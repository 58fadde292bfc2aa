import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/engine/result.js';
import { exitCode } from '../../src/policy/exit-code.js';
import { stylish } from '../../src/report/stylish.js';
import { batchInput, compliantDoc, errorDoc, EXPIRED_WAIVER, input, nonCompliantDoc, notAMeldcodeDoc, pdfDoc, withSuppression } from './fixtures.js';

const ANSI = /\x1b\[[0-9;]*m/;
const lines = (s: string) => s.split('\n');
const lineOf = (s: string, re: RegExp) => lines(s).find((l) => re.test(l));

describe('stylish reporter', () => {
  it('prints the header of a compliant document with how the sector was detected', () => {
    const out = stylish(input([compliantDoc()]), { lang: 'nl', color: false });
    expect(lines(out)[0]).toBe('fixtures/voorbeeld/meldcode-de-waterlinie.md');
    expect(out).toMatch(/Organisatie\s+Stichting De Waterlinie/);
    expect(out).toMatch(/Sector\s+wmo \(maatschappelijke ondersteuning\) · herkend aan "beschermd wonen" \(3×\), "wmo" \(2×\)/);
    expect(out).toMatch(/Tijdvak\s+2019 of later/);
    expect(out).toMatch(/Oordeel\s+✔ voldoet aan artikel 2/);
    expect(out).toContain('Artikel 2: 15 van 15 aanwezig, 0 gedeeltelijk, 0 ontbreekt · goede praktijk: 6 van 7 aanwezig');
    expect(out).not.toMatch(ANSI);
  });

  it('gives one line per element with symbol, ID, title and the first evidence location', () => {
    const out = stylish(input([compliantDoc()]), { lang: 'nl', color: false });
    expect(lineOf(out, /M01 /)).toMatch(/^  ✔ M01\s+Eigen, vastgestelde meldcode\s+r\. 5$/);
    expect(lineOf(out, /M07 /)).toMatch(/^  – M07\s+Verwijsindex risicojongeren\s+n\.v\.t\. voor sector wmo$/);
    expect(lineOf(out, /S06 /)).toMatch(/^  ◐ S06\s+Signalenlijst\s+r\. 26$/);
    // The location column is aligned for every element line.
    const cols = lines(out)
      .filter((l) => /^  [✔◐✖–] /.test(l))
      .map((l) => l.search(/(r\. \d|n\.v\.t\.)/));
    expect(new Set(cols).size).toBe(1);
  });

  it('shows message, reasons, advice and legal basis under a gap', () => {
    const out = stylish(input([nonCompliantDoc()]), { lang: 'nl', color: false, width: 100 });
    const l = lines(out);
    const i = l.findIndex((x) => /^  ✖ M04 /.test(x));
    expect(l[i]).toContain('verwacht bij § "Stap 4: Wegen van het geweld of de kind…"');
    expect(l[i + 1]).toMatch(/^ {11}Geen afwegingskader \(verplicht sinds 1 januari 2019\)\.$/);
    expect(l[i + 2]).toMatch(/^ {11}Advies: Neem het afwegingskader van uw beroepsgroep op/);
    expect(l.slice(i, i + 10).some((x) => /^ {11}Grondslag: art\. 2 Besluit verplichte meldcode \(zoals gewijzigd bij Stb\. 2017, 291\)$/.test(x))).toBe(true);
    expect(out).toContain('• Stap 2 noemt het AMK in plaats van Veilig Thuis.');
    expect(lineOf(out, /M03\.2 /)).toContain('§ "Stap 2: Overleggen met een collega en r…" ¶15');
    expect(out).toMatch(/Tijdvak\s+2013 \(vóór Veilig Thuis: AMK of Steunpunt Huiselijk Geweld\)\n\s+Verouderd\s+AMK of Steunpunt Huiselijk Geweld \(§ "Stappenplan" ¶15\)\n/);
    expect(out).toMatch(/Oordeel\s+✖ voldoet niet aan artikel 2/);
    expect(out).toMatch(/Sector\s+kinderopvang · opgegeven met --sector/);
    // wrapped lines stay within the width
    expect(Math.max(...l.filter((x) => x.startsWith(' '.repeat(11))).map((x) => x.length))).toBeLessThanOrEqual(100);
  });

  it('leaves out an anchor that several absent elements share (the generic fallback)', () => {
    const doc = nonCompliantDoc();
    const generic = { paragraph: 1, heading: 'Meldcode kinderopvang' };
    for (const e of doc.elements) if (e.id === 'M05.1' || e.id === 'M06') e.anchor = { ...generic };
    const out = stylish(input([doc]), { lang: 'nl', color: false });
    expect(lineOf(out, /M06 /)).toMatch(/Bijzondere vormen van geweld$/);
    expect(lineOf(out, /M05\.1 /)).toMatch(/melden$/);
    expect(lineOf(out, /M04 /)).toContain('verwacht bij § "Stap 4');
  });

  it('gives no advice under a parent whose sub-element has a gap, and --quiet leaves the parent out', () => {
    const out = stylish(input([nonCompliantDoc()]), { lang: 'nl', color: false });
    const l = lines(out);
    const i = l.findIndex((x) => /^  ◐ M03 /.test(x));
    expect(l[i + 1]).toContain('Het stappenplan is onvolledig');
    expect(l[i + 2]).toMatch(/^  ✔ M03\.1 /);
    const quiet = stylish(input([nonCompliantDoc()]), { lang: 'nl', color: false, quiet: true });
    expect(quiet).not.toMatch(/ M03 /);
    expect(quiet).not.toMatch(/ M05 /);
    expect(quiet).toMatch(/◐ M03\.2 /);
    expect(quiet).toMatch(/✖ M05\.1 /);
  });

  it('reports a suppressed finding as suppressed, without advice', () => {
    const out = stylish(input([pdfDoc()]), { lang: 'nl', color: false });
    const l = lines(out);
    const i = l.findIndex((x) => /^  ✖ M05\.1 /.test(x));
    expect(l[i + 1]).toContain('uitgezonderd (uitzondering) · Eindverantwoordelijke staat in het praktijkhandboek');
    expect(l.slice(i + 1, i + 3).join(' ')).toContain('goedgekeurd door J. de Vries · geldig tot 2027-01-01');
    expect(l[i + 3] ?? '').not.toMatch(/Advies/);
    expect(lineOf(out, /M05 /)).toMatch(/p\. 2 r\. 14$/);
  });

  it('prints an unreadable document as one line "file: cause"', () => {
    const out = stylish(input([errorDoc()]), { lang: 'nl', color: false });
    expect(out).toBe('corpus/errors/meldcode-huisarts-wachtwoord.pdf: versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op\n');
    expect(stylish(input([errorDoc()]), { lang: 'en', color: false })).toContain(': encrypted PDF (password protected)');
  });

  it('explains a document that is not a meldcode without listing elements', () => {
    const out = stylish(input([notAMeldcodeDoc()]), { lang: 'nl', color: false });
    expect(out).toMatch(/Oordeel\s+! geen meldcode/);
    expect(out).toContain('Dit is een bericht over een meldcode');
    expect(out).not.toMatch(/✖ M04/);
  });

  it('summarises a batch per element and per document, with unreadable files apart', () => {
    const out = stylish(batchInput(), { lang: 'nl', color: false });
    const summary = out.slice(out.indexOf('Samenvatting van 5 documenten'));
    expect(summary).toContain('3 meldcodes · 1 van 3 voldoet aan artikel 2 · 1 geen meldcode · 1 onleesbaar · 2 overgeslagen');
    expect(summary).toContain('Het vaakst schiet de meldcode tekort op: verantwoordelijkheden per stap (2 van 3), stappenplan (1\n  van 3), afwegingskader (1 van 3) en bijzondere vormen van geweld (1 van 3).');
    expect(summary).toContain('M01, M07 en M10 tellen\n  niet mee voor het oordeel');
    expect(summary).toMatch(/M04\s+Afwegingskader\s+2 van 3\s+0\s+1\s+0/);
    expect(summary).toMatch(/M07\s+Verwijsindex risicojongeren \(telt niet mee\)\s+–\s+0\s+0\s+3/);
    expect(summary).toMatch(/M05\.1\s+Eindverantwoordelijke voor de beslissing om t…\s+1 van 3\s+0\s+2\s+0/);
    expect(summary).toMatch(/set2\/Meldcode Kikkerhuis 't oud\.docx\s+=Kinderdagverblijf "t Kikkerh…\s+kinderopvang\s+voldoet niet\s+✖ M04, M05\.1, M06  ◐ M03\.2, M03\.5 · overig: ◐ M10\n/);
    expect(summary).toMatch(/voorbeeld\/meldcode-de-waterlinie\.md\s+Stichting De Waterlinie\s+wmo\s+voldoet\s+–/);
    expect(summary).toContain('Onleesbare bestanden (1)');
    expect(summary).toContain('\n  corpus/errors/meldcode-huisarts-wachtwoord.pdf: versleutelde PDF');
    expect(summary).toContain('Overgeslagen bestanden (2)');
    expect(summary).toContain('geen document (gegevens, afbeelding, code …): organogram.png');
    // Label files are counted, not listed by name.
    expect(summary).toContain('\n  labelbestand (labels.json): 1');
    expect(summary).not.toContain('corpus/a/labels.json');
    // The unreadable file is not in the documents table
    const table = summary.slice(summary.indexOf('Documenten'), summary.indexOf('Onleesbare'));
    expect(table).not.toContain('wachtwoord');
  });

  it('--quiet shows only the gaps that can fail the run', () => {
    const all = stylish(input([compliantDoc(), nonCompliantDoc()]), { lang: 'nl', color: false, quiet: true });
    const out = all.slice(0, all.indexOf('Samenvatting'));
    expect(out).toContain('fixtures/voorbeeld/meldcode-de-waterlinie.md  ✔ voldoet aan artikel 2  (Stichting De Waterlinie)');
    expect(out).not.toMatch(/✔ M01/);
    expect(out).toMatch(/✖ M04/);
    expect(out).not.toMatch(/ S01 /); // info-level good practice hidden at --fail-on error
    expect(out).not.toMatch(/ M10 /); // warning hidden at --fail-on error
    const info = stylish(input([nonCompliantDoc()]), { lang: 'nl', color: false, quiet: true, failOn: 'info' });
    expect(info).toMatch(/✖ S01/);
    expect(info).toMatch(/◐ M10/);
  });

  it('--quiet uses the threshold of the exit code: severity, not whether the element decides the verdict', () => {
    // The config lowered M04 to a warning: it still decides the verdict, but does not fail the run at --fail-on error.
    const doc = nonCompliantDoc();
    const lowered: DocumentResult = { ...doc, elements: doc.elements.map((e) => (e.id === 'M04' ? { ...e, severity: 'warning' as const } : e)) };
    const quiet = stylish(input([lowered]), { lang: 'nl', color: false, quiet: true });
    expect(quiet).not.toMatch(/ M04 /);
    expect(quiet).toMatch(/✖ M06 /);
    expect(stylish(input([lowered]), { lang: 'nl', color: false, quiet: true, failOn: 'warning' })).toMatch(/✖ M04 /);
  });

  it('--quiet shows a parent whose gap sub-element is waived, and a finding whose waiver expired', () => {
    // pdfDoc: M05.1 waived, M05 partial: M05 fails the run and is shown; M05.1 is not.
    const quiet = stylish(input([pdfDoc()]), { lang: 'nl', color: false, quiet: true });
    expect(quiet).toMatch(/◐ M05 /);
    expect(quiet).not.toMatch(/M05\.1/);
    // Without the waiver's cover, M05.1 is shown and stands for its parent.
    const expired = stylish(input([withSuppression(pdfDoc(), 'M05.1', EXPIRED_WAIVER)]), { lang: 'nl', color: false, quiet: true });
    expect(expired).toMatch(/✖ M05\.1 /);
    expect(expired).not.toMatch(/ M05 /);
    expect(expired).toContain('uitzondering verlopen op 2026-01-01: telt weer mee');
  });

  it('--quiet lists an element exactly when the exit code fails on an open finding of it (or of a sub-element)', () => {
    const docs: DocumentResult[] = [
      compliantDoc(),
      nonCompliantDoc(),
      pdfDoc(),
      withSuppression(pdfDoc(), 'M05.1', EXPIRED_WAIVER),
      withSuppression(pdfDoc(), 'M05', { kind: 'baseline' }),
      withSuppression(withSuppression(nonCompliantDoc(), 'M04', { kind: 'baseline' }), 'M06', { kind: 'waiver', justification: 'x', approver: 'y', expires: '2099-01-01' }),
    ];
    for (const failOn of ['error', 'warning', 'info'] as const) {
      for (const doc of docs) {
        const out = stylish(input([doc]), { lang: 'nl', color: false, quiet: true, failOn });
        const shown = lines(out).filter((l) => /^  [✖◐] /.test(l)).map((l) => l.trim().split(/\s+/)[1]!);
        // Every shown element fails the run on its own; every failing element is shown or has a shown sub-element.
        for (const id of shown) expect(exitCode([{ ...doc, elements: doc.elements.filter((e) => e.id === id) }], { failOn }), `${doc.file} ${id} ${failOn}`).toBe(1);
        for (const e of doc.elements) {
          const fails = exitCode([{ ...doc, elements: [e] }], { failOn }) === 1;
          if (fails) expect(shown.some((id) => id === e.id || id.startsWith(`${e.id}.`)), `${doc.file} ${e.id} ${failOn}`).toBe(true);
        }
        expect(shown.length > 0, `${doc.file} ${failOn}`).toBe(exitCode([doc], { failOn }) === 1);
      }
    }
  });

  it('speaks English with --lang en', () => {
    const out = stylish(batchInput(), { lang: 'en', color: false });
    expect(out).toMatch(/Verdict\s+✖ does not meet article 2/);
    expect(out).toContain('Advice: Include your profession');
    expect(out).toContain('Legal basis: art. 2 lid 2 sub b');
    expect(out).toContain('Summary of 5 documents');
    expect(out).toContain('1 of 3 meets article 2');
    expect(out).toMatch(/Assessment framework \(afwegingskader\)\s+2 of 3/);
    expect(out).not.toMatch(/\b(Advies|Grondslag|Oordeel|voldoet)\b/);
  });

  it('uses colour only when asked', () => {
    const out = stylish(input([nonCompliantDoc()]), { lang: 'nl', color: true });
    expect(out).toMatch(ANSI);
    expect(out.replace(/\x1b\[[0-9;]*m/g, '')).toBe(stylish(input([nonCompliantDoc()]), { lang: 'nl', color: false }));
  });
});
