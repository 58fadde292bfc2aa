/** Compiles concept specs (regular expressions and stemmed phrases) once per rule set. */
import { stemmer } from '@orama/stemmers/dutch';
import { firstKeys, type StartKeys } from './first-keys.js';
import type { ConceptSpec } from './schema.js';

export interface CompiledConcept {
  name: string;
  /** Matches folded text; leading word boundary added, trailing left to the pattern. */
  regex?: RegExp;
  /**
   * Start keys of `regex` (first-keys.ts): a sentence with none of them cannot match it, so its
   * test is skipped. Undefined: the keys cannot be bounded; always test.
   */
  keys?: number[];
  /** Id of `keys` in the rule set's StartKeys table (RuleSet.conceptKeys). */
  keyId?: number;
  /** Index among the rule set's concepts (RuleSet.conceptCount): per-analysis outcome tables. */
  index?: number;
  /**
   * The rule set's StartKeys that `keyId` and `index` belong to: the engine uses its tables only
   * for an analysis made with the same rule set (Analysis.conceptKeys).
   */
  registry?: StartKeys;
  /** Matches the stemmed token string of a unit (" "-separated stems). */
  stemRegex?: RegExp;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Snowball Dutch stems of the words of a folded text, joined by single spaces. */
export function stemText(folded: string): string {
  const out: string[] = [];
  for (const m of folded.matchAll(WORD)) out.push(stemmer(m[0]));
  return out.join(' ');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class ConceptError extends Error {}

export function compileConcept(name: string, spec: ConceptSpec): CompiledConcept {
  const list = Array.isArray(spec) ? { patterns: spec } : spec;
  // Every field present from the start: one hidden class for all concepts (see makeUnit in analysis.ts).
  const out: CompiledConcept = { name, regex: undefined, keys: undefined, keyId: undefined, index: undefined, registry: undefined, stemRegex: undefined };
  if (list.patterns) {
    const source = list.patterns.map((p) => `(?:${p})`).join('|');
    try {
      out.regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})`, 'u');
    } catch (err) {
      throw new ConceptError(`concept "${name}": ${(err as Error).message}`);
    }
    // Sound only with the lookbehind above: a match starts where no letter or digit precedes.
    const keys = firstKeys(out.regex.source);
    if (keys) out.keys = [...keys];
  }
  if (list.stems) {
    const phrases = list.stems.map((p) => escapeRegex(stemText(p.toLowerCase())));
    out.stemRegex = new RegExp(`(?:^| )(?:${phrases.join('|')})(?= |$)`, 'u');
  }
  return out;
}
