/**
 * Loads and validates the rule set in rules/: one YAML file per element, a shared lexicon and the
 * rule-set metadata. A malformed file stops the tool with a message naming the file and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { compileConcept, ConceptError, type CompiledConcept } from './compile.js';
import { lexiconSchema, ruleSchema, rulesetMetaSchema, sectorsSchema, type Clause, type RuleSpec, type Sector } from './schema.js';

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'RuleFileError';
  }
}

export interface CompiledRule extends RuleSpec {
  file: string;
  /** Rule-local concepts merged over the lexicon, compiled. */
  compiled: Map<string, CompiledConcept>;
}

export interface RuleSet {
  version: string;
  name: string;
  legalBasis: string;
  inForce: string;
  dir: string;
  /** Rules in evaluation order (dependencies first). */
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
  lexicon: Map<string, CompiledConcept>;
  /** Sector detection: global regexes over folded text, with weights. */
  sectors: Array<{ sector: Sector; strong?: RegExp; weak?: RegExp; weights: { strong: number; weak: number } }>;
  sectorMinimumScore: number;
}

function globalRegex(file: string, field: string, list: string[] | undefined): RegExp | undefined {
  if (!list?.length) return undefined;
  try {
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map((p) => `(?:${p})`).join('|')})`, 'gu');
  } catch (err) {
    throw new RuleFileError(file, field, (err as Error).message);
  }
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RuleFileError(file, '', `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new RuleFileError(file, issue.path.join('.'), issue.message);
  }
  return result.data;
}

function conceptNames(clause: Clause, into: Set<string>): Set<string> {
  for (const list of [clause.all, clause.any, clause.none, clause.count?.of]) for (const c of list ?? []) into.add(c);
  if (clause.in?.startsWith('section:')) into.add(clause.in.slice('section:'.length));
  for (const sub of [...(clause.allOf ?? []), ...(clause.anyOf ?? []), ...(clause.not ? [clause.not] : [])]) conceptNames(sub, into);
  return into;
}

function elementRefs(clause: Clause, into: Set<string>): Set<string> {
  if (clause.element) into.add(clause.element.id);
  for (const sub of [...(clause.allOf ?? []), ...(clause.anyOf ?? []), ...(clause.not ? [clause.not] : [])]) elementRefs(sub, into);
  return into;
}

const cache = new Map<string, RuleSet>();

export function loadRuleSet(dir: string = DEFAULT_RULES_DIR): RuleSet {
  const key = path.resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;

  const metaFile = path.join(key, 'ruleset.yaml');
  const meta = validate(rulesetMetaSchema, readYaml(metaFile), metaFile);
  const lexFile = path.join(key, 'lexicon.yaml');
  const lex = validate(lexiconSchema, readYaml(lexFile), lexFile);
  const lexicon = new Map<string, CompiledConcept>();
  for (const [name, spec] of Object.entries(lex.concepts)) {
    try {
      lexicon.set(name, compileConcept(name, spec));
    } catch (err) {
      if (err instanceof ConceptError) throw new RuleFileError(lexFile, `concepts.${name}`, err.message);
      throw err;
    }
  }

  const files = readdirSync(key)
    .filter((f) => /^[MS]\d\d.*\.ya?ml$/.test(f))
    .sort();
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  for (const name of files) {
    const file = path.join(key, name);
    const spec = validate(ruleSchema, readYaml(file), file);
    if (byId.has(spec.id)) throw new RuleFileError(file, 'id', `${spec.id} is defined twice`);
    const compiled = new Map(lexicon);
    for (const [cname, cspec] of Object.entries(spec.concepts)) {
      try {
        compiled.set(cname, compileConcept(cname, cspec));
      } catch (err) {
        if (err instanceof ConceptError) throw new RuleFileError(file, `concepts.${cname}`, err.message);
        throw err;
      }
    }
    const used = new Set<string>();
    for (const c of [...spec.detect.present, ...spec.detect.partial, ...spec.detect.lower.map((l) => l.when)]) conceptNames(c, used);
    if (spec.detect.scope.startsWith('section:')) used.add(spec.detect.scope.slice(8));
    if (spec.detect.section) used.add(spec.detect.section);
    for (const c of used) {
      if (!compiled.has(c)) throw new RuleFileError(file, 'detect', `unknown concept "${c}" (not in this file's concepts nor in lexicon.yaml)`);
    }
    const rule: CompiledRule = { ...spec, file, compiled };
    rules.push(rule);
    byId.set(spec.id, rule);
  }

  // Order: an element that depends on others (derive, element clauses) comes after them.
  const deps = new Map<string, Set<string>>();
  for (const r of rules) {
    const d = new Set<string>(r.detect.derive?.from ?? []);
    for (const c of [...r.detect.present, ...r.detect.partial, ...r.detect.lower.map((l) => l.when)]) elementRefs(c, d);
    for (const id of d) if (!byId.has(id)) throw new RuleFileError(r.file, 'detect', `refers to unknown element ${id}`);
    deps.set(r.id, d);
  }
  const ordered: CompiledRule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: CompiledRule) => {
    const s = state.get(r.id);
    if (s === 'done') return;
    if (s === 'visiting') throw new RuleFileError(r.file, 'detect', `circular dependency through ${r.id}`);
    state.set(r.id, 'visiting');
    for (const d of deps.get(r.id)!) visit(byId.get(d)!);
    state.set(r.id, 'done');
    ordered.push(r);
  };
  for (const r of rules) visit(r);

  const sectorsFile = path.join(key, 'sectors.yaml');
  const sec = validate(sectorsSchema, readYaml(sectorsFile), sectorsFile);
  const sectors = Object.entries(sec.sectors).map(([name, spec]) => ({
    sector: name as Sector,
    strong: globalRegex(sectorsFile, `sectors.${name}.strong`, spec.strong),
    weak: globalRegex(sectorsFile, `sectors.${name}.weak`, spec.weak),
    weights: { strong: sec.weights.strong, weak: sec.weights.weak },
  }));

  const set: RuleSet = { ...meta, dir: key, rules: ordered, byId, lexicon, sectors, sectorMinimumScore: sec.minimumScore };
  cache.set(key, set);
  return set;
}

/** Rules sorted by ID for display (M01, M02, M03, M03.1 … S08). */
export function rulesForDisplay(set: RuleSet): CompiledRule[] {
  return [...set.rules].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}
