/**
 * The loaders on the real development corpus (/work/shared/corpus): every error file is refused
 * with the right cause, every other document loads with its headings, and the headings written in
 * the sources (/work/shared/corpus-src) come back.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/model.js';
import { loadFile } from '../../src/load/index.js';
import { isInputError } from '../../src/load/errors.js';

const CORPUS = '/work/shared/corpus';
const SOURCES = '/work/shared/corpus-src';
const have = existsSync(CORPUS);

interface Label {
  file: string;
  verdict: string;
}

function corpusFiles(): Array<{ file: string; label?: Label }> {
  const out: Array<{ file: string; label?: Label }> = [];
  for (const d of readdirSync(CORPUS).sort()) {
    const dir = path.join(CORPUS, d);
    if (!statSync(dir).isDirectory()) continue;
    const labelsPath = path.join(dir, 'labels.json');
    const labels: Label[] = existsSync(labelsPath) ? JSON.parse(readFileSync(labelsPath, 'utf8')).documents : [];
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(md|docx|pdf|txt)$/.test(f)) continue;
      out.push({ file: path.join(dir, f), label: labels.find((l) => l.file === f) });
    }
  }
  return out;
}

const files = have ? corpusFiles() : [];
const errorFiles = files.filter((f) => f.label?.verdict === 'error');
const goodFiles = files.filter((f) => f.label && f.label.verdict !== 'error');

/** Expected refusal by file, from the labels' notes. */
const EXPECTED_CAUSE: Record<string, string> = {
  'leeg.docx': 'empty',
  'meldcode-huisarts-wachtwoord.pdf': 'encrypted',
  'meldcode-thuiszorg-beschadigd.docx': 'damaged',
  'scan-meldcode-beschermd-wonen.pdf': 'no-text-layer',
  'meldcode-kinderopvang-beschadigd.docx': 'damaged',
  'scan-meldcode-ggz-pagina1.pdf': 'no-text-layer',
  'meldcode-elzenhof-2020.docx': 'damaged',
  'meldcode-welzijn-oudedijk-p3.pdf': 'no-text-layer',
};

const cache = new Map<string, Promise<Document>>();
const load = (f: string) => {
  let p = cache.get(f);
  if (!p) cache.set(f, (p = loadFile(f)));
  return p;
};

const norm = (s: string) => s.normalize('NFC').replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Headings as written in the source ("# ..." lines of the Markdown or generator text). */
function sourceHeadings(file: string): string[] | undefined {
  const base = path.basename(file).replace(/\.(docx|pdf|md)$/, '');
  for (const set of readdirSync(SOURCES)) {
    for (const sub of ['src', '.']) {
      for (const ext of ['.md', '.mjs']) {
        const p = path.join(SOURCES, set, sub, base + ext);
        if (existsSync(p)) {
          const heads = [...readFileSync(p, 'utf8').matchAll(/^(#{1,4}) (.+)$/gm)].map((m) => norm(m[2]!));
          return heads.length ? heads : undefined;
        }
      }
    }
  }
  return undefined;
}

describe.skipIf(!have)('corpus: files that must be refused', () => {
  it('the corpus has the expected error files', () => {
    expect(errorFiles.map((f) => path.basename(f.file)).sort()).toEqual(Object.keys(EXPECTED_CAUSE).sort());
  });

  it.each(errorFiles.map((f) => [path.basename(f.file), f.file]))('%s is refused with the right cause', async (name, file) => {
    let err: unknown;
    try {
      await loadFile(file);
    } catch (e) {
      err = e;
    }
    expect(isInputError(err)).toBe(true);
    expect((err as { cause: string }).cause).toBe(EXPECTED_CAUSE[name]);
  });
});

describe.skipIf(!have)('corpus: documents load with their headings', () => {
  it.each(goodFiles.map((f) => [path.relative(CORPUS, f.file), f.file]))('%s', async (_name, file) => {
    const doc = await load(file);
    const heads = doc.blocks.filter((b) => b.kind === 'heading');
    expect(heads.length).toBeGreaterThanOrEqual(4);
    expect(doc.title).toBeTruthy();
    for (const b of doc.blocks) {
      expect(b.text).toBe(b.text.normalize('NFC'));
      expect(b.text).not.toMatch(/\u00AD|\u200B|\s{2,}|^\s|\s$/);
      expect(b.text.length).toBeGreaterThan(0);
    }
    // Every heading written in the source is found as a heading.
    const expected = sourceHeadings(file);
    if (expected) {
      const got = new Set(heads.map((h) => norm(h.text)));
      expect(expected.filter((h) => !got.has(h))).toEqual([]);
    }
    if (doc.source.format === 'pdf') {
      // Running headers, footers and page numbers are gone.
      expect(doc.blocks.filter((b) => /\bpagina \d+ van \d+\b/i.test(b.text)).map((b) => b.text)).toEqual([]);
      expect(doc.blocks.filter((b) => /^\d{1,3}$/.test(b.text))).toEqual([]);
    }
  });
});

describe.skipIf(!have)('corpus: spot checks', () => {
  it('two-column PDF (a/kinderopvang-kdv-de-speelwolk.pdf): phases as headings under Route A, columns read in order', async () => {
    const doc = await load(path.join(CORPUS, 'a/kinderopvang-kdv-de-speelwolk.pdf'));
    const h = (t: string) => doc.blocks.find((b) => b.kind === 'heading' && b.text === t);
    expect(h('Wat verstaan we onder kindermishandeling en huiselijk geweld?')).toBeTruthy();
    const fase3 = h('Fase 3 – In gesprek met de ouders en, als het kan, met het kind')!;
    expect(fase3.headingPath.at(-1)).toBe('Route A: zorgen over de thuissituatie');
    expect(fase3.location.page).toBe(2);
    const para = doc.blocks.find((b) => b.text.startsWith('Pedagogisch medewerkers zien de kinderen bijna'))!;
    expect(para.text).toContain('dagelijks en spreken de ouders bij het brengen en halen.');
    expect(para.headingPath.at(-1)).toBe('Waarom deze meldcode?');
    expect(doc.blocks.some((b) => b.text.includes('Kinderdagverblijf De Speelwolk · Meldcode'))).toBe(false);
  });

  it('PDF with bold paragraphs as headings and a running header (part2/onderwijs-cbs-de-lichtboei-2013.pdf)', async () => {
    const doc = await load(path.join(CORPUS, 'part2/onderwijs-cbs-de-lichtboei-2013.pdf'));
    const stap1 = doc.blocks.find((b) => b.kind === 'heading' && b.text === 'Stap 1 In kaart brengen van signalen')!;
    expect(stap1.headingPath.at(-1)).toBe('4. Het stappenplan');
    expect(doc.blocks.some((b) => b.text === 'cbs De Lichtboei – Meldcode kindermishandeling')).toBe(false);
  });

  it('table-heavy PDF keeps table rows readable (part2/zorg-ggz-praktijk-oeverzicht.pdf)', async () => {
    const doc = await load(path.join(CORPUS, 'part2/zorg-ggz-praktijk-oeverzicht.pdf'));
    const mdo = doc.blocks.find((b) => b.kind === 'tableRow' && b.cells?.[0] === 'MDO' && b.cells.length === 3)!;
    expect(mdo.cells![1]).toBe('alle behandelaren en ten minste één praktijkhouder');
    expect(mdo.cells![2]).toMatch(/^weegt de signalen met het afwegingskader \(stap 4\); besluit gezamenlijk/);
    const stap5 = doc.blocks.find((b) => b.kind === 'tableRow' && b.cells?.[0] === '5. Beslissen')!;
    expect(stap5.cells![1]).toMatch(/^Het MDO neemt twee beslissingen/);
  });

  it('docx with bold paragraphs as headings (a/zorg-ggz-meerstroom.docx)', async () => {
    const doc = await load(path.join(CORPUS, 'a/zorg-ggz-meerstroom.docx'));
    const levels = new Map(doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level]));
    expect(levels.get('4 Het stappenplan')).toBe(2);
    expect(levels.get('1.1 Waarom een meldcode')).toBe(3);
    expect(levels.get('Stap 2 Collegiale consultatie en zo nodig raadplegen van Veilig Thuis of een deskundige op het gebied van letselduiding')).toBe(3);
    // The table of contents stays plain text.
    expect(doc.blocks.filter((b) => b.text === '4 Het stappenplan').map((b) => b.kind)).toEqual(['paragraph', 'heading']);
    const row = doc.blocks.find((b) => b.kind === 'tableRow' && b.cells?.[0]?.startsWith('5 Beslissen'))!;
    expect(row.cells![3]).toMatch(/^De regiebehandelaar is eindverantwoordelijk/);
  });

  it('docx with "Kop 1" styles and a formatted title (a/jeugd-jeugdhulp-de-wissel.docx)', async () => {
    const doc = await load(path.join(CORPUS, 'a/jeugd-jeugdhulp-de-wissel.docx'));
    expect(doc.title).toBe('Meldcode huiselijk geweld en kindermishandeling');
    const stap = doc.blocks.find((b) => b.kind === 'heading' && b.text.startsWith('Stap 3 – '))!;
    expect(stap.level).toBe(2);
    expect(stap.headingPath.at(-1)).toBe('5 Het stappenplan');
  });

  it('docx with a "wie doet wat" table whose decider is only in the table (part2/kinderopvang-kdv-het-zwaluwnest.docx)', async () => {
    const doc = await load(path.join(CORPUS, 'part2/kinderopvang-kdv-het-zwaluwnest.docx'));
    const rows = doc.blocks.filter((b) => b.kind === 'tableRow' && b.headingPath.at(-1) === '3. Wie doet wat');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.some((r) => r.cells![0] === '5 Beslissen' && /neemt de eindbeslissing/.test(r.cells![3] ?? ''))).toBe(true);
    for (const r of rows) expect(r.cells!.length).toBeGreaterThanOrEqual(2);
  });
});
