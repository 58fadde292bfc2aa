import { describe, expect, it } from 'vitest';
import { junit, xmlAttr } from '../../src/report/junit.js';
import { batchInput, EXPIRED_WAIVER, input, NASTY_QUOTE, pdfDoc, withSuppression } from './fixtures.js';
import { all, parseXml } from './xml-check.js';

describe('junit reporter', () => {
  const xml = junit(batchInput(), { lang: 'nl' });
  const root = parseXml(xml);
  const suites = all(root, 'testsuite');

  it('is well-formed XML with one testsuite per document', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attrs.name)).toEqual([
      'fixtures/voorbeeld/meldcode-de-waterlinie.md',
      "corpus/set2/Meldcode Kikkerhuis 't oud.docx",
      'corpus/a/zorg-huisartsenpraktijk-de-brink.pdf',
      'corpus/b/onderwijs-nieuwsbericht-meldcode.md',
      'corpus/errors/meldcode-huisarts-wachtwoord.pdf',
    ]);
  });

  it('has a testcase per applicable element and a failure per gap', () => {
    const kikker = suites[1]!;
    const cases = all(kikker, 'testcase');
    expect(cases.some((c) => c.attrs.classname === 'M07' || c.attrs.classname === 'M08')).toBe(false); // n.v.t.
    expect(cases.length).toBe(Number(kikker.attrs.tests));
    const failed = cases.filter((c) => all(c, 'failure').length);
    expect(failed.length).toBe(Number(kikker.attrs.failures));
    const m04 = cases.find((c) => c.attrs.classname === 'M04')!;
    expect(m04.attrs.name).toBe('Afwegingskader');
    const f = all(m04, 'failure')[0]!;
    expect(f.attrs.message).toBe('Geen afwegingskader (verplicht sinds 1 januari 2019).');
    expect(f.attrs.type).toBe('missing/error');
    expect(f.text).toContain('Advies: Neem het afwegingskader');
    expect(f.text).toContain('Grondslag: art. 2 Besluit verplichte meldcode');
    const m01 = cases.find((c) => c.attrs.classname === 'M01')!;
    expect(m01.children).toEqual([]);
  });

  it('keeps document text intact through escaping', () => {
    expect(xml).not.toContain('<script>');
    const totals = root.attrs;
    expect(Number(totals.tests)).toBe(suites.reduce((n, s) => n + Number(s.attrs.tests), 0));
    expect(Number(totals.errors)).toBe(1);
    expect(xmlAttr(NASTY_QUOTE)).toBe('Meld bij twijfel &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Veilig Thuis&apos; | AMK');
    expect(parseXml(`<a b="${xmlAttr('x\u0001"<>&\ny')}"/>`).attrs.b).toBe('x\uFFFD"<>&\ny');
    expect(suites[1]!.children[0]!.children.find((p) => p.attrs.name === 'organisation')!.attrs.value).toBe('=Kinderdagverblijf "t Kikkerhuis"');
  });

  it('marks an unreadable document as an error and a waiver as skipped', () => {
    const err = suites[4]!;
    expect(err.attrs).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    const e = all(err, 'error')[0]!;
    expect(e.attrs.type).toBe('encrypted');
    expect(e.attrs.message).toContain('versleutelde PDF');
    const brink = suites[2]!;
    const m051 = all(brink, 'testcase').find((c) => c.attrs.classname === 'M05.1')!;
    expect(all(m051, 'skipped')[0]!.attrs.message).toContain('Eindverantwoordelijke staat in het praktijkhandboek');
    expect(brink.attrs.skipped).toBe('1');
    const news = suites[3]!;
    expect(all(news, 'failure')[0]!.attrs.type).toBe('not-a-meldcode');
  });

  it('fails a finding whose waiver expired, and the failure says so', () => {
    const doc = withSuppression(pdfDoc(), 'M05.1', EXPIRED_WAIVER);
    for (const [lang, note] of [
      ['nl', 'uitzondering verlopen op 2026-01-01: telt weer mee'],
      ['en', 'suppression expired on 2026-01-01: counts again'],
    ] as const) {
      const suite = all(parseXml(junit(input([doc]), { lang })), 'testsuite')[0]!;
      const m051 = all(suite, 'testcase').find((c) => c.attrs.classname === 'M05.1')!;
      expect(all(m051, 'skipped')).toEqual([]);
      const f = all(m051, 'failure')[0]!;
      expect(f.attrs.message).toContain(`(${note})`);
      expect(f.text).toContain(note);
      expect(f.text).toContain(`${lang === 'nl' ? 'uitzondering' : 'waiver'}: Staat in het praktijkhandboek, oplevering Q2; ${lang === 'nl' ? 'goedgekeurd door' : 'approved by'} J. de Vries`);
      expect(suite.attrs.skipped).toBe('0');
    }
    // An ordinary failure does not mention a waiver.
    const m04 = all(suites[1]!, 'testcase').find((c) => c.attrs.classname === 'M04')!;
    expect(all(m04, 'failure')[0]!.attrs.message).not.toMatch(/uitzondering/);
  });
});
