import { describe, expect, it } from 'vitest';
import { fold, normalize } from '../../src/document/normalize.js';
import { analyze } from '../../src/engine/analysis.js';
import { contentText, matchesAt } from '../../src/engine/sector.js';
import { loadRuleSet } from '../../src/rules/load.js';

describe('sector term matching', () => {
  const rs = loadRuleSet();
  const patterns = rs.sectors.flatMap((s) => [[s.strong, s.strongKeyId], [s.weak, s.weakKeyId]] as const).filter((p): p is readonly [RegExp, number] => !!p[0] && p[1] !== undefined);
  /** The sector matches as detectSector finds them: the regex at the positions its start keys allow. */
  const sectorMatches = (text: string, re: RegExp) => {
    const starts: number[][] = Array.from({ length: rs.sectorKeys.size }, () => []);
    rs.sectorKeys.scan(text, (id, p) => starts[id]!.push(p));
    return matchesAt(text, re, starts[patterns.find(([r]) => r === re)![1]]!);
  };

  it('every sector pattern has bounded start keys', () => {
    expect(patterns).toHaveLength(rs.sectors.flatMap((s) => [s.strong, s.weak]).filter(Boolean).length);
  });

  it('finds exactly what matchAll with the word-start lookbehind finds', () => {
    const regexes = patterns.map(([re]) => re);
    const words = ['school', 'scholen', 'basisschool', 'leerling', 'ouders', 'ouderschap', 'kdv', 'bso', 'jeugdhulp', 'wmo', 'huisarts', 'patiënt', 'cliënt', 'ß', 'ö', '𝐀', 'x', '1', '-', "'", ' ', '  ', '.', 'ibʼer', "ib'er", 'gastouderbureau', 'peuterspeelzaal', 'huishoudelijke hulp', 'eer gerelateerd'];
    let x = 11;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
    for (let k = 0; k < 3000; k++) {
      const text = normalize(Array.from({ length: rnd(30) }, () => words[rnd(words.length)]).join(rnd(3) ? '' : ' '));
      for (const re of regexes) {
        const want = [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
        const got = [...sectorMatches(text, re)].map((m) => `${m.index}:${m[0]}`);
        expect(got, `${re.source.slice(0, 40)} on ${JSON.stringify(text)}`).toEqual(want);
      }
    }
  });

  it('does not count a term inside another word', () => {
    const school = rs.sectors.find((s) => s.sector === 'onderwijs')!.strong!;
    expect([...sectorMatches('de basisschool en de hogeschool', school)].map((m) => m[0])).toEqual(['basisschool']);
  });
});

describe('contentText: the folded content without folding the document twice', () => {
  const rs = loadRuleSet();
  const pieces = ['Cliënt', 'e\u0308', ' \u0301', 'ﬁnanciële', ' ', '  ', '\t', '\n', 'hulp', 'huis\u00ADarts', '\u200B', '–', '“school”', 'ß', '𝐀', 'ÉÉN', '...', '…', 'x', '1', '-'];
  let x = 5;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle

  it('is the fold of the block texts joined by newlines, and maps ranges back to the same original', () => {
    for (let k = 0; k < 1500; k++) {
      const texts = Array.from({ length: 1 + rnd(6) }, () => Array.from({ length: rnd(8) }, () => pieces[rnd(pieces.length)]).join(''));
      const doc = { source: { path: 't.md', format: 'md' }, title: undefined, blocks: texts.map((t) => ({ kind: 'paragraph', text: t, headingPath: [], location: {} })), warnings: [] };
      const a = analyze(doc as unknown as Parameters<typeof analyze>[0], rs);
      const joined = a.blocks.filter((b) => !b.toc).map((b) => b.block.text).join('\n');
      const want = fold(joined);
      const got = contentText(a);
      expect(got.text, JSON.stringify(texts)).toBe(want.text);
      for (let r = 0; r < 10 && want.text.length; r++) {
        const s = rnd(want.text.length);
        const e = s + 1 + rnd(want.text.length - s);
        expect(got.original(s, e).trim(), `${JSON.stringify(texts)} [${s}, ${e})`).toBe(joined.slice(want.map[s], want.map[e]).trim());
      }
    }
  });
});
