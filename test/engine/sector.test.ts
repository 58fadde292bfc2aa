import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/document/normalize.js';
import { sectorMatches } from '../../src/engine/sector.js';
import { loadRuleSet } from '../../src/rules/load.js';

describe('sector term matching', () => {
  const rs = loadRuleSet();
  const regexes = rs.sectors.flatMap((s) => [s.strong, s.weak]).filter((r): r is RegExp => !!r);

  it('finds exactly what matchAll with the word-start lookbehind finds', () => {
    const words = ['school', 'scholen', 'basisschool', 'leerling', 'ouders', 'ouderschap', 'kdv', 'bso', 'jeugdhulp', 'wmo', 'huisarts', 'patiënt', 'cliënt', 'ß', 'ö', '𝐀', 'x', '1', '-', "'", ' ', '  ', '.', 'ibʼer', "ib'er", 'gastouderbureau', 'peuterspeelzaal', 'huishoudelijke hulp', 'eer gerelateerd'];
    let x = 11;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), x % n);
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
