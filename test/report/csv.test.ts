import { describe, expect, it } from 'vitest';
import { csv, neutralise, quoteCell } from '../../src/report/csv.js';
import { batchInput, EXPIRED_WAIVER, input, nonCompliantDoc, pdfDoc, rules, withSuppression } from './fixtures.js';

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('csv reporter', () => {
  it('writes UTF-8 with BOM, a header and one row per document', () => {
    const text = csv(batchInput(), { lang: 'nl' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1), ',');
    const ids = rules.map((r) => r.id);
    expect(rows[0]).toEqual(['bestand', 'organisatie', 'sector', 'oordeel', ...ids, 'ontbreekt', 'gedeeltelijk', 'uitgezonderd', 'toelichting']);
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
  });

  it('gives statuses in the chosen language and the missing elements', () => {
    const rows = parseCsv(csv(batchInput(), { lang: 'nl' }).slice(1), ',');
    const col = (name: string) => rows[0]!.indexOf(name);
    const kikker = rows[2]!;
    expect(kikker[col('bestand')]).toBe("corpus/set2/Meldcode Kikkerhuis 't oud.docx");
    expect(kikker[col('oordeel')]).toBe('voldoet niet');
    expect(kikker[col('M04')]).toBe('ontbreekt');
    expect(kikker[col('M03.2')]).toBe('gedeeltelijk');
    expect(kikker[col('M08')]).toBe('n.v.t.');
    expect(kikker[col('M09')]).toBe('aanwezig');
    expect(kikker[col('ontbreekt')]).toBe('M04 M05.1 M06');
    const en = parseCsv(csv(batchInput(), { lang: 'en' }).slice(1), ',');
    expect(en[0]!.slice(0, 4)).toEqual(['file', 'organisation', 'sector', 'verdict']);
    expect(en[2]![en[0]!.indexOf('M04')]).toBe('missing');
    expect(en[2]![en[0]!.indexOf('M08')]).toBe('n/a');
  });

  it('shows a waived or baselined finding as such, apart from the open gaps', () => {
    const doc = withSuppression(nonCompliantDoc(), 'M04', { kind: 'baseline' });
    for (const lang of ['nl', 'en'] as const) {
      const rows = parseCsv(csv(input([pdfDoc(), doc]), { lang }).slice(1), ',');
      const col = (name: string) => rows[0]!.indexOf(name);
      const [missing, partial, suppressed] = lang === 'nl' ? ['ontbreekt', 'gedeeltelijk', 'uitgezonderd'] : ['missing', 'partial', 'suppressed'];
      const brink = rows[1]!;
      // pdfDoc: M05.1 is under a waiver in force.
      expect(brink[col('M05.1')]).toBe(lang === 'nl' ? 'ontbreekt (uitzondering)' : 'missing (waived)');
      expect(brink[col(missing)]!.split(' ')).not.toContain('M05.1');
      expect(brink[col(suppressed)]).toBe('M05.1');
      // With its only gap child waived, the parent M05 is the open gap.
      expect(brink[col(partial)]!.split(' ')).toContain('M05');
      expect(brink[col('M05')]).toBe(lang === 'nl' ? 'gedeeltelijk' : 'partial');
      const kikker = rows[2]!;
      expect(kikker[col('M04')]).toBe(lang === 'nl' ? 'ontbreekt (basislijn)' : 'missing (baselined)');
      expect(kikker[col(missing)]).toBe('M05.1 M06');
      expect(kikker[col(suppressed)]).toBe('M04');
      expect(kikker[col('M06')]).toBe(lang === 'nl' ? 'ontbreekt' : 'missing');
    }
  });

  it('flags a finding whose waiver expired, and lists it as open again', () => {
    const doc = withSuppression(pdfDoc(), 'M05.1', EXPIRED_WAIVER);
    const nl = parseCsv(csv(input([doc]), { lang: 'nl' }).slice(1), ',');
    const col = (rows: string[][], name: string) => rows[0]!.indexOf(name);
    expect(nl[1]![col(nl, 'M05.1')]).toBe('ontbreekt (uitzondering verlopen)');
    expect(nl[1]![col(nl, 'ontbreekt')]!.split(' ')).toContain('M05.1');
    expect(nl[1]![col(nl, 'gedeeltelijk')]!.split(' ')).not.toContain('M05');
    expect(nl[1]![col(nl, 'uitgezonderd')]).toBe('');
    const en = parseCsv(csv(input([doc]), { lang: 'en' }).slice(1), ',');
    expect(en[1]![col(en, 'M05.1')]).toBe('missing (waiver expired)');
  });

  it('neutralises formulas in document text', () => {
    const rows = parseCsv(csv(batchInput(), { lang: 'nl' }).slice(1), ',');
    expect(rows[2]![1]).toBe(`'=Kinderdagverblijf "t Kikkerhuis"`);
    for (const r of rows.slice(1)) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(neutralise('+31 20 123')).toBe("'+31 20 123");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('-1')).toBe("'-1");
    expect(neutralise('\t=1')).toBe("'\t=1");
    expect(neutralise('Stichting')).toBe('Stichting');
  });

  it('quotes per RFC 4180 and honours the delimiter', () => {
    expect(quoteCell('a;b', ';')).toBe('"a;b"');
    expect(quoteCell('a;b', ',')).toBe('a;b');
    expect(quoteCell('zeg "ja"', ',')).toBe('"zeg ""ja"""');
    expect(quoteCell('regel 1\nregel 2', ',')).toBe('"regel 1\nregel 2"');
    const text = csv(batchInput(), { lang: 'nl', csvDelimiter: ';' });
    const rows = parseCsv(text.slice(1), ';');
    expect(rows[0]![0]).toBe('bestand');
    expect(rows[0]).toHaveLength(4 + rules.length + 4);
    expect(text.split('\r\n')[0]).toContain('bestand;organisatie;sector;oordeel;M01;');
  });

  it('puts unreadable files and non-meldcodes in rows with a note and no statuses', () => {
    const rows = parseCsv(csv(batchInput(), { lang: 'nl' }).slice(1), ',');
    const err = rows[5]!;
    expect(err[3]).toBe('onleesbaar');
    expect(err[err.length - 1]).toBe('versleutelde PDF (beveiligd met een wachtwoord): sla hem onbeveiligd op');
    expect(err.slice(4, 4 + rules.length).every((c) => c === '')).toBe(true);
    const news = rows[4]!;
    expect(news[3]).toBe('geen meldcode');
    expect(news.slice(4, 4 + rules.length).every((c) => c === '')).toBe(true);
  });
});
