/**
 * Loads and validates the rule set in rules/: one YAML file per element, a shared lexicon and the
 * rule-set metadata. A malformed file stops the tool with a message naming the file and the field.
 * Compiling and checking the rules is in build.ts (shared with worker threads, which rebuild the
 * rule set from the validated data instead of reading the YAML again).
 *
 * Start-up: parsing and validating the YAML costs about 100 ms per run. The build writes the
 * validated contents of the bundled rules/ to dist/rules-cache.json, each with the exact text it
 * came from. A file whose text is unchanged is taken from there; an edited file (or any other
 * rules folder) is parsed and validated as always, so the cache can be stale but never wrong.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { buildRuleSet, RuleFileError, type CompiledRule, type RuleReader, type RuleSet, type RuleSources } from './build.js';
import { lexiconSchema, ruleSchema, rulesetMetaSchema, sectorsSchema } from './schema.js';

export { RuleFileError } from './build.js';
export type { CompiledRule, RuleSet, RuleSources } from './build.js';

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** The cache the build writes (next to dist/rules/, so dist/rules-cache.json). */
export const RULES_CACHE_FILE = fileURLToPath(new URL('../rules-cache.json', import.meta.url));

type FileKind = 'meta' | 'lexicon' | 'rule' | 'sectors';
interface RulesCache {
  version: 1;
  /** By file name in the default rules folder. */
  files: Record<string, { kind: FileKind; text: string; data: unknown }>;
}

let yamlParse: ((text: string) => unknown) | undefined;

function parseYamlText(text: string, file: string): unknown {
  // yaml is loaded only when a file is not in the cache.
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  try {
    return yamlParse(text);
  } catch (err) {
    throw new RuleFileError(file, '', `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

function readRulesCache(file: string): RulesCache | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as RulesCache;
    return c?.version === 1 && c.files && typeof c.files === 'object' ? c : undefined;
  } catch {
    return undefined;
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

/**
 * Reads and validates the YAML files (or takes an unchanged file from the cache), recording what it
 * returned and the text each came from.
 */
function yamlReader(dir: string, cache: RulesCache | undefined): { reader: RuleReader; sources: RuleSources; texts: RulesCache['files'] } {
  const sources: RuleSources = { dir, meta: {}, lexicon: {}, ruleFiles: [], rules: {}, sectors: {} };
  const texts: RulesCache['files'] = {};
  const read = <T>(kind: FileKind, schema: z.ZodType<T>, file: string): T => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new RuleFileError(file, '', `cannot be read: ${(err as Error).message.split('\n')[0]}`);
    }
    const name = path.basename(file);
    const hit = cache?.files[name];
    const data = hit && hit.kind === kind && hit.text === text ? (hit.data as T) : validate(schema, parseYamlText(text, file), file);
    texts[name] = { kind, text, data };
    return data;
  };
  const reader: RuleReader = {
    meta: (file) => (sources.meta[file] = read('meta', rulesetMetaSchema, file)),
    lexicon: (file) => (sources.lexicon[file] = read('lexicon', lexiconSchema, file)),
    ruleFiles: (key) =>
      (sources.ruleFiles = readdirSync(key)
        .filter((f) => /^[MS]\d\d.*\.ya?ml$/.test(f))
        .sort()),
    rule: (file) => (sources.rules[file] = read('rule', ruleSchema, file)),
    sectors: (file) => (sources.sectors[file] = read('sectors', sectorsSchema, file)),
  };
  return { reader, sources, texts };
}

export interface LoadRuleSetOptions {
  /** The cache file to use for the default rules folder (tests); `false`: none. */
  cacheFile?: string | false;
}

export function loadRuleSet(dir: string = DEFAULT_RULES_DIR, opts: LoadRuleSetOptions = {}): RuleSet {
  const key = path.resolve(dir);
  const hit = opts.cacheFile === undefined ? cache.get(key) : undefined;
  if (hit) return hit;
  const cacheFile = opts.cacheFile ?? RULES_CACHE_FILE;
  const rulesCache = cacheFile && key === path.resolve(DEFAULT_RULES_DIR) ? readRulesCache(cacheFile) : undefined;
  const { reader, sources } = yamlReader(key, rulesCache);
  const set = buildRuleSet(key, reader);
  sourcesOf.set(set, sources);
  if (opts.cacheFile === undefined) cache.set(key, set);
  return set;
}

/**
 * Writes the cache of validated rule files for `dir` (the build does this for the bundled rules).
 * Everything is parsed and validated afresh; a rule set that does not build is not cached.
 */
export function writeRulesCache(file: string = RULES_CACHE_FILE, dir: string = DEFAULT_RULES_DIR): number {
  const { reader, texts } = yamlReader(path.resolve(dir), undefined);
  buildRuleSet(path.resolve(dir), reader);
  writeFileSync(file, `${JSON.stringify({ version: 1, files: texts } satisfies RulesCache)}\n`);
  return Object.keys(texts).length;
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

// `node dist/rules/load.js --write-cache` (run by `npm run build`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--write-cache')) {
  const n = writeRulesCache();
  process.stdout.write(`rules cache: ${n} files → ${path.relative(process.cwd(), RULES_CACHE_FILE)}\n`);
}
