/**
 * Loads and validates the rule set in rules/: one YAML file per element, a shared lexicon and the
 * rule-set metadata. A malformed file stops the tool with a message naming the file and the field.
 * Compiling and checking the rules is in build.ts (shared with worker threads, which rebuild the
 * rule set from the validated data instead of reading the YAML again).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { buildRuleSet, RuleFileError, type CompiledRule, type RuleReader, type RuleSet, type RuleSources } from './build.js';
import { lexiconSchema, ruleSchema, rulesetMetaSchema, sectorsSchema } from './schema.js';

export { RuleFileError } from './build.js';
export type { CompiledRule, RuleSet, RuleSources } from './build.js';

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

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

const cache = new Map<string, RuleSet>();
const sourcesOf = new WeakMap<RuleSet, RuleSources>();

/** Reads and validates the YAML files, recording what it returned. */
function yamlReader(dir: string): { reader: RuleReader; sources: RuleSources } {
  const sources: RuleSources = { dir, meta: {}, lexicon: {}, ruleFiles: [], rules: {}, sectors: {} };
  const reader: RuleReader = {
    meta: (file) => (sources.meta[file] = validate(rulesetMetaSchema, readYaml(file), file)),
    lexicon: (file) => (sources.lexicon[file] = validate(lexiconSchema, readYaml(file), file)),
    ruleFiles: (key) =>
      (sources.ruleFiles = readdirSync(key)
        .filter((f) => /^[MS]\d\d.*\.ya?ml$/.test(f))
        .sort()),
    rule: (file) => (sources.rules[file] = validate(ruleSchema, readYaml(file), file)),
    sectors: (file) => (sources.sectors[file] = validate(sectorsSchema, readYaml(file), file)),
  };
  return { reader, sources };
}

export function loadRuleSet(dir: string = DEFAULT_RULES_DIR): RuleSet {
  const key = path.resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  const { reader, sources } = yamlReader(key);
  const set = buildRuleSet(key, reader);
  sourcesOf.set(set, sources);
  cache.set(key, set);
  return set;
}

/**
 * The validated file contents a loaded rule set was built from (plain data), so that worker threads
 * can rebuild it with ruleSetFromSources() instead of parsing and validating the YAML again.
 */
export function ruleSources(set: RuleSet): RuleSources | undefined {
  return sourcesOf.get(set);
}

/** Rules sorted by ID for display (M01, M02, M03, M03.1 … S08). */
export function rulesForDisplay(set: RuleSet): CompiledRule[] {
  return [...set.rules].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}
