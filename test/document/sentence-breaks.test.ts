/**
 * The fast sentence boundaries (src/document/sentence-breaks.ts) must be exactly those of
 * Intl.Segmenter for every text they accept: checked on the blocks of the labelled documents and
 * on generated text full of the cases the rules distinguish (abbreviations, numbers, quotes,
 * brackets, dashes, letters after a period).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sentenceBreaks } from '../../src/document/sentence-breaks.js';
import { loadFile } from '../../src/load/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LABELLED = path.resolve(here, '../../fixtures/labelled');
const segmenter = new Intl.Segmenter('nl', { granularity: 'sentence' });

function icuBreaks(text: string): number[] {
  return [...segmenter.segment(text)].map((s) => s.index).filter((i) => i > 0);
}

describe('sentenceBreaks', () => {
  it('breaks where Intl.Segmenter breaks, on the blocks of real documents', async () => {
    let accepted = 0;
    let withBreaks = 0;
    for (const f of readdirSync(LABELLED).filter((x) => /\.(md|docx|pdf)$/.test(x))) {
      for (const b of (await loadFile(path.join(LABELLED, f))).blocks) {
        const got = sentenceBreaks(b.text);
        if (!got) continue;
        accepted++;
        if (got.length) withBreaks++;
        expect(got, JSON.stringify(b.text)).toEqual(icuBreaks(b.text));
      }
    }
    expect(accepted).toBeGreaterThan(500);
    expect(withBreaks).toBeGreaterThan(50);
  });

  it('breaks where Intl.Segmenter breaks, on generated text', () => {
    const pieces = ['Stap', 'stap', '1', '2.', '5.2.6', 'de', 'Het', 'o.a.', 'i.p.v.', 'art.', 'bijv.', 'Veilig', 'thuis', 'ÉÉN', 'één', 'cliënt', 'Ölçü', 'ß', '.', '..', '...', '…', '!', '?', '?!', ',', ';', ':', '-', '–', '—', '"', "'", '‘', '’', '“', '”', '«', '»', '(', ')', '[', ']', '{', '}', ' ', ' ', ' ', '  ', '#', '/', '&', '€', '%', 'www.veiligthuis.nl', 'A', 'z', 'X.', 'x.', '0800-2000', '_', '*'];
    let x = 17;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
    let breaks = 0;
    for (let k = 0; k < 20000; k++) {
      const text = Array.from({ length: 1 + rnd(14) }, () => pieces[rnd(pieces.length)]).join(rnd(2) ? '' : ' ');
      const got = sentenceBreaks(text);
      expect(got, 'every generated character is in the known set').toBeDefined();
      expect(got, JSON.stringify(text)).toEqual(icuBreaks(text));
      breaks += got!.length;
    }
    expect(breaks).toBeGreaterThan(5000);
  });

  it('declines text with a character it does not know', () => {
    for (const t of ['a\u0301. B', 'x\u00AD. Y', '¿Qué? Sí.', 'a · b. C', '1½. Twee', 'a\nb. C', 'Ω. Nu']) expect(sentenceBreaks(t), JSON.stringify(t)).toBeUndefined();
  });
});
