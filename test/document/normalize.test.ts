import { describe, expect, it } from 'vitest';
import { fold, normalize, sentences } from '../../src/document/normalize.js';

/**
 * The folding rules written out the slow, obvious way, one code point at a time: the fast loop
 * in normalize.ts (ASCII without lookups, a reused output buffer) must give exactly this.
 */
function referenceFold(s: string): { text: string; map: number[] } {
  const REPLACE: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '«': '"', '»': '"', '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '…': '...' };
  let text = '';
  const map: number[] = [];
  let lastWasSpace = true;
  let i = 0;
  while (i < s.length) {
    const at = i;
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    i += ch.length;
    if (/[\u00AD\u200B-\u200D\u2060\uFEFF]/.test(ch)) continue;
    if (/\s/.test(ch)) {
      if (!lastWasSpace) (text += ' '), map.push(at), (lastWasSpace = true);
      continue;
    }
    const out = REPLACE[ch] ?? [...ch.normalize('NFKD')].filter((p) => !/\p{M}/u.test(p)).join('').toLowerCase();
    if (!out) continue; // a lone combining mark: dropped, whitespace runs go on
    for (let k = 0; k < out.length; k++) map.push(at);
    text += out;
    lastWasSpace = false;
  }
  if (text.endsWith(' ')) (text = text.slice(0, -1)), map.pop();
  map.push(s.length);
  return { text, map };
}

function randomTexts(count: number, seed: number): string[] {
  const parts = ['a', 'Z', 'Stap', ' ', '  ', '\t', '\n', 'é', 'Ë', 'ﬁ', '–', '’', '“', '\u00AD', '\u200B', '𝐀', '\uD800', '\uDC00', 'İ', 'ß', '…', '\u0301', '.', '1', '\u00A0', '\u2028', 'Ω', '\u007F', '\uFDFA', 'o.a.', ' De', '!', '?', ')', '”'];
  let x = seed;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
  return Array.from({ length: count }, () => Array.from({ length: rnd(24) }, () => parts[rnd(parts.length)]).join(''));
}

describe('fold', () => {
  it('gives exactly the reference folding, with the same offset map, on random text', () => {
    for (const s of randomTexts(5000, 42)) {
      const want = referenceFold(s);
      const got = fold(s);
      expect(got.text, JSON.stringify(s)).toBe(want.text);
      expect(Array.from(got.map), JSON.stringify(s)).toEqual(want.map);
      expect(normalize(s)).toBe(want.text);
    }
  });

  it('drops a combining mark that stands alone, so it does not split a run of whitespace', () => {
    expect(normalize('x \u0301\nhulp')).toBe('x hulp');
    expect(normalize('cli\u0065\u0308nt')).toBe('client');
  });

  it('folds a Dutch sentence: accents, ligatures, quotes and dashes, whitespace', () => {
    expect(normalize('  De cliënt – “één” ﬁguur…\tStap\u00AD 2 ')).toBe('de client - "een" figuur... stap 2');
  });

  it('keeps long texts whole (past the reused buffer and the fromCharCode chunk)', () => {
    const s = 'Één Veilig Thuis. '.repeat(3000);
    expect(normalize(s)).toBe(referenceFold(s).text);
    expect(normalize(s)).toHaveLength(referenceFold(s).text.length);
  });
});

describe('sentences', () => {
  /** Intl.Segmenter for every text, as before the shortcut for texts that cannot break. */
  function referenceSentences(s: string): string[] {
    const seg = new Intl.Segmenter('nl', { granularity: 'sentence' });
    return [...seg.segment(s)].map((x) => x.segment.trim()).filter(Boolean);
  }

  it('a text without sentence punctuation inside is one sentence, as the segmenter says', () => {
    for (const s of ['Stap 1: in kaart brengen van signalen', '  Stap 2 – collegiale consultatie.  ', 'Wat doet u?”', 'Bel Veilig Thuis (0800-2000)!', 'één zin zonder punt']) {
      const got = sentences(s);
      expect(got.map((x) => x.text)).toEqual(referenceSentences(s));
      for (const x of got) expect(s.slice(x.start, x.end)).toBe(x.text);
    }
  });

  it('splits where the segmenter splits and re-joins after abbreviations', () => {
    const s = 'Stap 1 is klaar. Daarna volgt o.a. stap 2. Bel Veilig Thuis!';
    expect(sentences(s).map((x) => x.text)).toEqual(['Stap 1 is klaar.', 'Daarna volgt o.a. stap 2.', 'Bel Veilig Thuis!']);
  });
});

describe('wordCount', () => {
  it('counts the words of folded text as splitting on spaces does', async () => {
    const { wordCount } = await import('../../src/engine/analysis.js');
    for (const s of randomTexts(2000, 7)) {
      const f = normalize(s);
      expect(wordCount(f), JSON.stringify(f)).toBe(f.split(' ').filter(Boolean).length);
    }
    expect(wordCount('')).toBe(0);
    expect(wordCount('stap 1 signalen')).toBe(3);
  });
});
