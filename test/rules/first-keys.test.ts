/**
 * Start keys (src/rules/first-keys.ts): the analysis of a regex into the keys its matches can start
 * with must be sound, or a sentence that matches a concept would be skipped. Checked per pattern
 * shape, then as properties over every concept and sector regex of the rule set, on the sentences
 * of real documents and on generated text built from the patterns' own words.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/document/normalize.js';
import { analyze, unitMatches, unitMatchesCached } from '../../src/engine/analysis.js';
import { matchesAt } from '../../src/engine/sector.js';
import { loadFile } from '../../src/load/index.js';
import { compileConcept, type CompiledConcept } from '../../src/rules/compile.js';
import { firstKeys, keyCode, StartKeys, textKeys } from '../../src/rules/first-keys.js';
import { loadRuleSet } from '../../src/rules/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LABELLED = path.resolve(here, '../../fixtures/labelled');
const rs = loadRuleSet();

/** The keys of a concept pattern list, as strings (via the same compile path as the rules). */
function keysOf(...patterns: string[]): string[] | undefined {
  const c = compileConcept('t', patterns);
  if (!c.keys) return undefined;
  const byCode = new Map<number, string>();
  const candidates = ['ver', 'vt', 'ik', 'het', 'de', 'ein', '[', 'amk', 'ib', 'mdo', 'ja', 'u', 'nee', 'x', 'sis', '0', '080', 'a', 'ab', 'abc'];
  for (const k of candidates) byCode.set(keyCode(k), k);
  return c.keys.map((k) => byCode.get(k) ?? `#${k}`).sort();
}

function keysOfText(s: string): Set<number> {
  const out = new Set<number>();
  textKeys(s, (k) => out.add(k));
  return out;
}

/** Every distinct concept of the rule set, and the sector regexes (as concept-like pairs). */
function allPatterns(): Array<{ name: string; regex: RegExp; keys?: number[] }> {
  const out = new Map<RegExp, { name: string; regex: RegExp; keys?: number[] }>();
  for (const r of rs.rules) for (const c of r.compiled.values()) if (c.regex) out.set(c.regex, { name: `${r.id}:${c.name}`, regex: c.regex, keys: c.keys });
  for (const s of rs.sectors) {
    for (const re of [s.strong, s.weak]) {
      if (!re) continue;
      const keys = firstKeys(re.source);
      out.set(re, { name: `sector:${s.sector}`, regex: new RegExp(re.source, 'u'), keys: keys && [...keys] });
    }
  }
  return [...out.values()];
}

describe('firstKeys: the keys a match can start with', () => {
  it('takes the first three word characters of a literal start', () => {
    expect(keysOf('verwijsindex\\w*', 'vertrouwens')).toEqual(['ver']);
    expect(keysOf('eind ?beslissing\\w*')).toEqual(['ein']);
    expect(keysOf('mdo\\b')).toEqual(['mdo']);
    expect(keysOf('0800[- ]?2000')).toEqual(['080']);
  });

  it('ends a shorter key at \\b, a non-word character or the end of the text', () => {
    expect(keysOf('vt\\b')).toEqual(['vt']);
    expect(keysOf('ik als\\b')).toEqual(['ik']);
    expect(keysOf('ib-er\\w*')).toEqual(['ib']);
    expect(keysOf('u bent\\s*:')).toEqual(['u']);
    expect(keysOf('amk$')).toEqual(['amk']);
  });

  it('follows groups, alternatives and optional parts', () => {
    expect(keysOf('(?:het|de) (?:besluit|beslissing)')).toEqual(['de', 'het']);
    expect(keysOf('(?:zo )?ja\\b')).toEqual(['ja', '#' + keyCode('zo')].sort());
    expect(keysOf('ne(?:em|e)')).toEqual(['nee']);
    expect(keysOf('[ab]x\\b')).toEqual(['#' + keyCode('ax'), '#' + keyCode('bx')].sort());
    expect(keysOf('(?=vt)vt\\b')).toEqual(['vt']);
  });

  it('takes a non-word first character as the key', () => {
    expect(keysOf('\\[[^\\]]{2,40}\\]')).toEqual(['[']);
  });

  it('gives up (undefined) when the start cannot be bounded', () => {
    for (const p of ['[a-z-]*manager', '\\w+ meld', 'de', 'a|b', '.', '^[^.!]*\\?$', '\\S', 'ga\\w* na', '(a)\\1', '\\d+ jaar', 'vt.', 'ab?']) {
      expect(keysOf(p), p).toBeUndefined();
    }
  });
});

describe('start keys are sound for every pattern of the rule set', () => {
  const patterns = allPatterns();

  it('bounds most concept patterns (the filter is worth having)', () => {
    const concepts = patterns.filter((p) => !p.name.startsWith('sector:'));
    const bounded = concepts.filter((p) => p.keys).length;
    expect(bounded / concepts.length).toBeGreaterThan(0.8);
    expect(patterns.filter((p) => p.name.startsWith('sector:')).every((p) => p.keys)).toBe(true);
  });

  /** Fails with the pattern and text when a match starts with a key the analysis did not give. */
  function checkSound(texts: string[]): number {
    let matches = 0;
    for (const p of patterns) {
      if (!p.keys) continue;
      const keys = new Set(p.keys);
      for (const s of texts) {
        if (!p.regex.test(s)) continue;
        matches++;
        const have = keysOfText(s);
        if (![...keys].some((k) => have.has(k))) expect.fail(`${p.name}: matches ${JSON.stringify(s)} but has none of its start keys`);
      }
    }
    return matches;
  }

  it('on the sentences of the labelled documents', async () => {
    const texts: string[] = [];
    for (const f of readdirSync(LABELLED).filter((x) => /\.(md|docx|pdf)$/.test(x))) {
      const a = analyze(await loadFile(path.join(LABELLED, f)), rs);
      for (const b of a.blocks) for (const u of b.units) texts.push(u.folded);
    }
    expect(texts.length).toBeGreaterThan(300);
    expect(checkSound(texts)).toBeGreaterThan(1000);
  });

  it('on generated text made of the patterns own words, glued and spaced at random', () => {
    const words = new Set<string>(['de', 'het', 'een', 'ik', 'u', 'vt', 'ja', 'nee', 'x', '1', '0800', '2000', 'ß', 'ø', 'é', '𝐀', '_', '-', "'", '.', ',', ':', '(', ')', '[', ']', '?']);
    for (const p of patterns) for (const w of p.regex.source.match(/[a-z0-9]+/g) ?? []) if (w.length > 1 && w !== 'p' && w !== 'l' && w !== 'n') words.add(w);
    const list = [...words];
    let x = 7;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
    const texts: string[] = [];
    for (let k = 0; k < 4000; k++) {
      const parts = Array.from({ length: 1 + rnd(12) }, () => list[rnd(list.length)]!);
      texts.push(normalize(parts.map((w) => w + [' ', ' ', ' ', '', '-', '. ', '\n'][rnd(7)]).join('')));
    }
    expect(checkSound(texts)).toBeGreaterThan(2000);
  });
});

describe('the engine with start keys gives the same outcomes as testing every sentence', () => {
  it('unitMatches with the analysis (key filter) equals unitMatches without it', async () => {
    let pairs = 0;
    for (const f of readdirSync(LABELLED).filter((x) => /\.(md|docx|pdf)$/.test(x))) {
      const a = analyze(await loadFile(path.join(LABELLED, f)), rs);
      const concepts = new Set<CompiledConcept>(rs.rules.flatMap((r) => [...r.compiled.values()]));
      for (const b of a.blocks) {
        for (const u of b.units) {
          for (const c of concepts) {
            const want = unitMatches(c, u);
            expect(unitMatches(c, u, a), `${c.name} on ${JSON.stringify(u.folded)}`).toBe(want);
            expect(unitMatchesCached(a, c, u)).toBe(want);
            pairs++;
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(10000);
  });
});

describe('matchesAt: sector matches at the start-key positions only', () => {
  it('finds exactly what matchAll finds', () => {
    const words = ['school', 'basisschool', 'hogeschool', 'leerling', 'ouders', 'kdv', 'bso', 'jeugdhulp', 'wmo', 'huisarts', 'patient', 'client', 'ß', 'x', '1', '-', "'", ' ', '.', "ib'er", 'ib-er', 'huishoudelijke hulp', 'gastouder', 'gemeente'];
    let x = 3;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
    let found = 0;
    for (let k = 0; k < 2000; k++) {
      const text = normalize(Array.from({ length: rnd(30) }, () => words[rnd(words.length)]).join(rnd(3) ? '' : ' '));
      const starts: number[][] = Array.from({ length: rs.sectorKeys.size }, () => []);
      rs.sectorKeys.scan(text, (id, p) => starts[id]!.push(p));
      for (const s of rs.sectors) {
        for (const [re, id] of [[s.strong, s.strongKeyId], [s.weak, s.weakKeyId]] as const) {
          if (!re || id === undefined) continue;
          const want = [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
          const got = [...matchesAt(text, re, starts[id]!)].map((m) => `${m.index}:${m[0]}`);
          expect(got, `${s.sector} on ${JSON.stringify(text)}`).toEqual(want);
          found += want.length;
        }
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});

describe('StartKeys', () => {
  it('reports every registered pattern at every position with its key, in order', () => {
    const t = new StartKeys();
    const a = t.add([keyCode('ver')]);
    const b = t.add([keyCode('ver'), keyCode('de')]);
    const hits: string[] = [];
    t.scan('de vertrouwenspersoon verwijst (ver) naar-de', (id, p) => hits.push(`${id}@${p}`));
    expect(hits).toEqual([`${b}@0`, `${a}@3`, `${b}@3`, `${a}@22`, `${b}@22`, `${a}@32`, `${b}@32`, `${b}@42`]);
  });
});

describe('firstKeys on generated patterns (what a rule author might write)', () => {
  let x = 99;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff), (x >>> 8) % n); // high bits: the low ones of this generator cycle
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  const LITERALS = ['a', 'b', 'de', 'ver', 'meld', 'x', '0', '5', ' ', '-', "'", '\\.', '\\?', '_', 'é', 'ø'];
  const ATOMS = ['\\w', '\\d', '\\s', '\\S', '\\W', '.', '[a-c]', '[- ]', '[^a]', '[ab]', '\\b', '^', '$', '\\p{L}', '\\u0061'];
  function gen(depth: number): string {
    const parts: string[] = [];
    for (let k = 0, n = 1 + rnd(4); k < n; k++) {
      const r = rnd(10);
      let atom = r < 5 ? pick(LITERALS) : r < 7 ? pick(ATOMS) : depth > 0 ? `(${pick(['?:', '', '?=', '?!', '?<=', '?<!'])}${gen(depth - 1)}|${gen(depth - 1)})` : pick(LITERALS);
      const q = rnd(8);
      if (!/^(?:\\b|\^|\$)$/.test(atom) && !atom.startsWith('(?=') && !atom.startsWith('(?!') && !atom.startsWith('(?<')) {
        atom += q === 0 ? '?' : q === 1 ? '*' : q === 2 ? '+' : q === 3 ? `{${rnd(3)},${1 + rnd(3)}}` : q === 4 ? '??' : '';
      }
      parts.push(atom);
    }
    return parts.join('');
  }

  it('never throws, and every match starts with one of the keys it gives', () => {
    const alphabet = ['a', 'b', 'c', 'de', 'ver', 'meld', 'x', '0', '5', ' ', '  ', '-', "'", '.', '?', '_', 'é', 'ø', 'ß', '\n', 'A'];
    let bounded = 0;
    let checked = 0;
    for (let k = 0; k < 1500; k++) {
      // Usually closed at the end (\b, a space, the end), as real patterns are; else the keys stay open.
      const source = gen(2) + pick(['\\b', ' ', '$', '\\w*\\b', '\\.', '']);
      let concept: CompiledConcept;
      try {
        new RegExp(source, 'u');
      } catch {
        continue; // not a valid pattern: the rule loader reports it
      }
      concept = compileConcept('gen', [source]);
      if (!concept.keys) continue;
      bounded++;
      const keys = new Set(concept.keys);
      for (let t = 0; t < 40; t++) {
        const text = Array.from({ length: 1 + rnd(8) }, () => pick(alphabet)).join('');
        if (!concept.regex!.test(text)) continue;
        checked++;
        const have = keysOfText(text);
        if (![...keys].some((key) => have.has(key))) expect.fail(`/${source}/ matches ${JSON.stringify(text)} but has none of its start keys`);
      }
    }
    expect(bounded).toBeGreaterThan(200);
    expect(checked).toBeGreaterThan(500);
  });
});

describe('the outcome tables belong to one rule set', () => {
  it('a concept of another rule set is tested on the sentence, never looked up in this analysis tables', async () => {
    // Another rule set whose concepts are numbered differently: one extra concept first in the lexicon.
    const dir = mkdtempSync(path.join(tmpdir(), 'meldcode-rules-'));
    cpSync(path.resolve(here, '../../rules'), dir, { recursive: true });
    const lex = path.join(dir, 'lexicon.yaml');
    writeFileSync(lex, readFileSync(lex, 'utf8').replace(/^concepts:\n/m, "concepts:\n  aaa_first: ['zzqx\\\\b']\n"));
    const other = loadRuleSet(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(other.conceptCount).toBe(rs.conceptCount + 1);
    const a = analyze(await loadFile(path.join(LABELLED, readdirSync(LABELLED).find((x) => x.endsWith('.md'))!)), rs);
    const concepts = new Set<CompiledConcept>(other.rules.flatMap((r) => [...r.compiled.values()]));
    let pairs = 0;
    for (const b of a.blocks) {
      for (const u of b.units) {
        for (const c of concepts) {
          expect(unitMatchesCached(a, c, u), `${c.name} on ${JSON.stringify(u.folded)}`).toBe(unitMatches(c, u));
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(1000);
  });
});
