import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { batchInput, NASTY_QUOTE } from './fixtures.js';
import { errorsOf, reportValidator } from './schema-helpers.js';

describe('json reporter', () => {
  const validate = reportValidator();

  it('validates against the report schema, in both languages', () => {
    for (const lang of ['nl', 'en'] as const) {
      const out = JSON.parse(json(batchInput(), { lang }));
      const ok = validate(out);
      expect(ok, errorsOf(validate)).toBe(true);
    }
  });

  it('has the fields the evaluation reads', () => {
    const out = JSON.parse(json(batchInput(), { lang: 'nl' }));
    expect(out.schemaVersion).toBe(1);
    expect(out.tool).toEqual({ name: 'meldcode-check', version: '0.1.0' });
    expect(out.ruleset.legalBasis).toMatch(/Stb\. 2017, 291/);
    expect(out.documents.map((d: { file: string }) => d.file)).toEqual([
      'fixtures/voorbeeld/meldcode-de-waterlinie.md',
      "corpus/set2/Meldcode Kikkerhuis 't oud.docx",
      'corpus/a/zorg-huisartsenpraktijk-de-brink.pdf',
      'corpus/b/onderwijs-nieuwsbericht-meldcode.md',
      'corpus/errors/meldcode-huisarts-wachtwoord.pdf',
    ]);
    expect(out.documents.map((d: { verdict: string }) => d.verdict)).toEqual(['compliant', 'non-compliant', 'non-compliant', 'not-a-meldcode', 'error']);
    const kikker = out.documents[1];
    const byId = Object.fromEntries(kikker.elements.map((e: { id: string; status: string }) => [e.id, e.status]));
    expect(byId).toMatchObject({ M04: 'missing', 'M03.2': 'partial', M07: 'not-applicable', M08: 'not-applicable', M09: 'present' });
  });

  it('gives texts as plain strings in the chosen language, with evidence and basis', () => {
    const nl = JSON.parse(json(batchInput(), { lang: 'nl' }));
    const en = JSON.parse(json(batchInput(), { lang: 'en' }));
    const m04nl = nl.documents[1].elements.find((e: { id: string }) => e.id === 'M04');
    const m04en = en.documents[1].elements.find((e: { id: string }) => e.id === 'M04');
    expect(m04nl.title).toBe('Afwegingskader');
    expect(m04en.title).toBe('Assessment framework (afwegingskader)');
    expect(m04nl.message).toBe('Geen afwegingskader (verplicht sinds 1 januari 2019).');
    expect(m04nl.advice).toMatch(/^Neem het afwegingskader/);
    expect(m04nl.basis.staatsblad).toBe('Stb. 2017, 291');
    expect(m04nl.anchor.heading).toBe('Stap 4: Wegen van het geweld of de kindermishandeling');
    expect(m04nl.helpUri).toBe('https://github.com/meldcode-check/meldcode-check/blob/main/docs/rules/M04.md');
    const m032 = nl.documents[1].elements.find((e: { id: string }) => e.id === 'M03.2');
    expect(m032.evidence[0]).toMatchObject({ quote: NASTY_QUOTE, location: { paragraph: 15 } });
    expect(m032.reasons).toEqual(['Stap 2 noemt het AMK in plaats van Veilig Thuis.']);
    expect(nl.documents[1].gaps).toEqual({ missing: ['M04', 'M05.1', 'M06'], partial: ['M03.2', 'M03.5', 'M10'] });
    expect(nl.documents[1].era.markers[0].label).toBe('AMK of Steunpunt Huiselijk Geweld');
  });

  it('reports an unreadable file with its cause and no elements, and a waiver as suppressed', () => {
    const out = JSON.parse(json(batchInput(), { lang: 'en' }));
    const err = out.documents[4];
    expect(err.elements).toEqual([]);
    expect(err.error).toMatchObject({ cause: 'encrypted', message: 'encrypted PDF (password protected): save it without protection' });
    const m051 = out.documents[2].elements.find((e: { id: string }) => e.id === 'M05.1');
    expect(m051.suppressed).toMatchObject({ kind: 'waiver', active: true, approver: 'J. de Vries' });
  });

  it('summarises the batch', () => {
    const out = JSON.parse(json(batchInput(), { lang: 'nl' }));
    expect(out.summary).toMatchObject({ documents: 5, meldcodes: 3, compliant: 1, nonCompliant: 2, notAMeldcode: 1, errors: 1 });
    const m04 = out.summary.elements.find((e: { id: string }) => e.id === 'M04');
    expect(m04).toMatchObject({ present: 2, partial: 0, missing: 1, notApplicable: 0, applicable: 3 });
    expect(out.skipped).toEqual([
      { path: 'corpus/a/labels.json', reason: 'labels-file' },
      { path: 'corpus/a/organogram.png', reason: 'not-a-document' },
    ]);
  });

  it('writes the baseline block itself, before the summary, only when the run had a baseline', () => {
    expect('baseline' in JSON.parse(json(batchInput(), { lang: 'nl' }))).toBe(false);
    const baseline = {
      file: 'meldcode-baseline.json',
      new: 2,
      matched: 5,
      stale: [
        { fingerprint: '0123456789abcdef', file: 'corpus/weg.md', rule: 'M04', status: 'missing' as const },
        { fingerprint: 'fedcba9876543210', file: 'corpus/oud.md', sha256: 'c'.repeat(64), rule: 'M03.5', status: 'partial' as const },
      ],
    };
    const out = JSON.parse(json({ ...batchInput(), baseline }, { lang: 'en' }));
    expect(out.baseline).toEqual(baseline);
    expect(Object.keys(out)).toEqual(['schemaVersion', 'tool', 'lang', 'ruleset', 'documents', 'skipped', 'unmatched', 'baseline', 'summary']);
    expect(Object.keys(out.baseline.stale[1])).toEqual(['fingerprint', 'file', 'sha256', 'rule', 'status']);
    expect(validate(out), errorsOf(validate)).toBe(true);
    // The schema is not a rubber stamp: a baseline block without its counts is refused.
    expect(validate({ ...out, baseline: { file: 'b.json', stale: [] } })).toBe(false);
  });
});
