/**
 * Builds a RuleSet from validated rule data: compiles the concepts, checks concept and element
 * references, orders the rules by dependency and compiles the sector patterns. Where the data comes
 * from is the reader's business: load.ts reads and validates the YAML files (and keeps what it read
 * as RuleSources); a worker thread rebuilds the same RuleSet from those sources without YAML or zod.
 */
import path from 'node:path';
import type { z } from 'zod';
import { compileConcept, ConceptError, type CompiledConcept } from './compile.js';
import { firstKeys, StartKeys } from './first-keys.js';
import type { Clause, ConceptSpec, lexiconSchema, RuleSpec, rulesetMetaSchema, Sector, sectorsSchema } from './schema.js';

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
  sectors: SectorPatterns[];
  sectorMinimumScore: number;
  /** Start keys of the concept regexes (CompiledConcept.keyId): which sentences can match which concept. */
  conceptKeys: StartKeys;
  /** Start keys of the sector regexes (SectorPatterns.strongKeyId / weakKeyId). */
  sectorKeys: StartKeys;
  /** Compiled concepts (lexicon and rule-local); each has its CompiledConcept.index. */
  conceptCount: number;
}

export interface SectorPatterns {
  sector: Sector;
  strong?: RegExp;
  weak?: RegExp;
  /** Ids in RuleSet.sectorKeys; absent when the pattern's start keys cannot be bounded. */
  strongKeyId?: number;
  weakKeyId?: number;
  weights: { strong: number; weak: number };
}

export type RulesetMeta = z.infer<typeof rulesetMetaSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;
export type Sectors = z.infer<typeof sectorsSchema>;

/** Supplies the validated content of each file (and throws RuleFileError for a bad one). */
export interface RuleReader {
  meta(file: string): RulesetMeta;
  lexicon(file: string): Lexicon;
  /** Names of the rule files in `dir`, sorted. */
  ruleFiles(dir: string): string[];
  rule(file: string): RuleSpec;
  sectors(file: string): Sectors;
}

/** What a reader returned, by file: plain data that can be sent to a worker thread. */
export interface RuleSources {
  dir: string;
  meta: Record<string, RulesetMeta>;
  lexicon: Record<string, Lexicon>;
  ruleFiles: string[];
  rules: Record<string, RuleSpec>;
  sectors: Record<string, Sectors>;
}

/** A reader that hands back recorded sources. */
export function sourcesReader(src: RuleSources): RuleReader {
  const get = <T>(table: Record<string, T>, file: string): T => {
    if (!(file in table)) throw new Error(`rule sources: ${file} not recorded`);
    return table[file]!;
  };
  return {
    meta: (file) => get(src.meta, file),
    lexicon: (file) => get(src.lexicon, file),
    ruleFiles: () => src.ruleFiles,
    rule: (file) => get(src.rules, file),
    sectors: (file) => get(src.sectors, file),
  };
}

/** The RuleSet for recorded sources (a worker thread: no YAML parsing, no schema validation). */
export function ruleSetFromSources(src: RuleSources): RuleSet {
  return buildRuleSet(src.dir, sourcesReader(src));
}

function globalRegex(file: string, field: string, list: string[] | undefined): RegExp | undefined {
  if (!list?.length) return undefined;
  try {
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map((p) => `(?:${p})`).join('|')})`, 'gu');
  } catch (err) {
    throw new RuleFileError(file, field, (err as Error).message);
  }
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

/** Compiles a file's concepts into `into`; a bad pattern is a RuleFileError naming the file and concept. */
function compileConcepts(file: string, specs: Record<string, ConceptSpec>, into: Map<string, CompiledConcept>): Map<string, CompiledConcept> {
  for (const [name, spec] of Object.entries(specs)) {
    try {
      into.set(name, compileConcept(name, spec));
    } catch (err) {
      if (err instanceof ConceptError) throw new RuleFileError(file, `concepts.${name}`, err.message);
      throw err;
    }
  }
  return into;
}

export function buildRuleSet(key: string, read: RuleReader): RuleSet {
  const metaFile = path.join(key, 'ruleset.yaml');
  const meta = read.meta(metaFile);
  const lexFile = path.join(key, 'lexicon.yaml');
  const lex = read.lexicon(lexFile);
  const lexicon = compileConcepts(lexFile, lex.concepts, new Map());

  const files = read.ruleFiles(key);
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  for (const name of files) {
    const file = path.join(key, name);
    const spec = read.rule(file);
    if (byId.has(spec.id)) throw new RuleFileError(file, 'id', `${spec.id} is defined twice`);
    const compiled = compileConcepts(file, spec.concepts, new Map(lexicon));
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
  const sec = read.sectors(sectorsFile);
  const sectorKeys = new StartKeys();
  const keyIdOf = (re: RegExp | undefined) => {
    const keys = re && firstKeys(re.source);
    return keys ? sectorKeys.add(keys) : undefined;
  };
  const sectors: SectorPatterns[] = Object.entries(sec.sectors).map(([name, spec]) => {
    const strong = globalRegex(sectorsFile, `sectors.${name}.strong`, spec.strong);
    const weak = globalRegex(sectorsFile, `sectors.${name}.weak`, spec.weak);
    return { sector: name as Sector, strong, weak, strongKeyId: keyIdOf(strong), weakKeyId: keyIdOf(weak), weights: { strong: sec.weights.strong, weak: sec.weights.weak } };
  });

  // Every compiled concept (lexicon and rule-local) gets an index, and an id when its start keys are bounded.
  const conceptKeys = new StartKeys();
  const concepts = new Set<CompiledConcept>([...lexicon.values(), ...rules.flatMap((r) => [...r.compiled.values()])]);
  let conceptCount = 0;
  for (const c of concepts) {
    c.index = conceptCount++;
    c.registry = conceptKeys;
    if (c.keys) c.keyId = conceptKeys.add(c.keys);
  }

  return { ...meta, dir: key, rules: ordered, byId, lexicon, sectors, sectorMinimumScore: sec.minimumScore, conceptKeys, sectorKeys, conceptCount };
}

