/**
 * The project config: `meldcode.config.json`, `meldcode.config.yaml`, `meldcode.config.yml` or
 * `.meldcoderc.json`, found by searching upward from the working directory (the search stops after
 * the filesystem root or a folder that contains `.git`), or given explicitly (`--config`).
 *
 * Paths in the config (`waivers`, `baseline`, `ignore`) are relative to the config file's folder.
 * Unknown keys and unknown rule IDs are errors (ConfigError naming the key), never ignored.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FORMATS } from '../report/types.js';
import { SECTORS, SEVERITIES, type Severity } from '../rules/schema.js';
import { ConfigError, readPolicyFile, validateFile } from './errors.js';
import { ignoreMatcher } from './glob.js';

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ['meldcode.config.json', 'meldcode.config.yaml', 'meldcode.config.yml', '.meldcoderc.json'] as const;

export const RULE_LEVELS = ['off', ...SEVERITIES] as const;

/** Values of `format`: the report formats plus the aliases the command line accepts (md, xml, text). */
export const CONFIG_FORMATS = [...FORMATS, 'md', 'xml', 'text'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** Builds the config schema; `knownRuleIds` become the allowed keys of `rules`. */
export function configSchema(knownRuleIds: readonly string[]) {
  const level = z.enum(RULE_LEVELS).describe('off switches the rule off; error/warning/info overrides its severity.');
  const ruleKey = knownRuleIds.length ? z.enum(knownRuleIds as [string, ...string[]]) : z.string();
  const nonEmpty = z.string().min(1);
  return z
    .object({
      $schema: z.string().optional().describe('JSON Schema of this file, for editors.'),
      sector: z.enum(SECTORS).optional().describe('Sector of the documents (otherwise detected from the text).'),
      lang: z.enum(['nl', 'en']).optional().describe('Language of messages and reports (default nl).'),
      rules: z
        .partialRecord(ruleKey, level)
        .optional()
        .describe('Per rule ID: off, or a severity that replaces the rule set\'s.'),
      failOn: z.enum(SEVERITIES).optional().describe('Lowest severity of an open finding that fails the run (default error).'),
      maxWarnings: z.number().int().min(0).optional().describe('Most open warning findings allowed before the run fails.'),
      format: z.enum(CONFIG_FORMATS).optional().describe('Output format (default stylish); --format overrides it.'),
      waivers: nonEmpty.optional().describe('Waiver file, relative to this file (default: meldcode-waivers.yaml beside it).'),
      baseline: nonEmpty.optional().describe('Baseline file, relative to this file.'),
      ignore: z.array(nonEmpty).optional().describe('Globs of documents to skip, relative to this file.'),
    })
    .strict()
    .describe('meldcode-check configuration (meldcode.config.json / .yaml)');
}

export type MeldcodeConfig = z.infer<ReturnType<typeof configSchema>>;

export interface LoadedConfig {
  config: MeldcodeConfig;
  /** Absolute path of the config file; undefined when none was found. */
  file?: string;
  /** The folder config paths are relative to: the config file's folder, or cwd. */
  dir: string;
}

export interface LoadConfigOptions {
  /** Where the search starts and relative paths resolve (default process.cwd()). */
  cwd?: string;
  /** `--config <path>`: no search; the file must exist. */
  explicitPath?: string;
  /** Rule IDs of the rule set, the only keys allowed under `rules`. */
  knownRuleIds: readonly string[];
}

/**
 * Finds the config file for `cwd`: the first folder upward with one of CONFIG_FILE_NAMES. Stops
 * after a folder containing `.git` or at the root. Two config files in one folder is an error.
 */
export function findConfigFile(cwd: string = process.cwd()): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const found = CONFIG_FILE_NAMES.map((n) => path.join(dir, n)).filter((f) => isFile(f));
    if (found.length > 1) {
      throw new ConfigError(found[0]!, '', `more than one config file in this folder (${found.map((f) => path.basename(f)).join(', ')}); keep one`);
    }
    if (found.length === 1) return found[0];
    const parent = path.dirname(dir);
    if (parent === dir || existsSync(path.join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

const TOP_KEYS = ['$schema', 'sector', 'lang', 'rules', 'failOn', 'maxWarnings', 'format', 'waivers', 'baseline', 'ignore'];

/** Reads and validates a config file. Throws ConfigError. */
export function readConfigFile(file: string, knownRuleIds: readonly string[]): MeldcodeConfig {
  const parsed = readPolicyFile(file);
  return validateFile(configSchema(knownRuleIds), parsed, undefined, {
    unknownKey: (parent) => (parent === 'rules' ? 'unknown rule ID' : undefined),
    knownKeys: (parent) => (parent === 'rules' ? knownRuleIds : parent === '' ? TOP_KEYS : []),
  });
}

/**
 * Loads the config: the explicit path, else the file found upward from cwd, else an empty config.
 * Throws ConfigError (file, key, one-line message) for a missing explicit file, unreadable or
 * invalid file, unknown key, unknown rule ID or a bad `ignore` glob.
 */
export function loadConfig(opts: LoadConfigOptions): LoadedConfig {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const file = opts.explicitPath ? path.resolve(cwd, opts.explicitPath) : findConfigFile(cwd);
  if (!file) return { config: {}, dir: cwd };
  const config = readConfigFile(file, opts.knownRuleIds);
  const dir = path.dirname(file);
  config.ignore?.forEach((g, i) => {
    try {
      ignoreMatcher([g], dir);
    } catch (err) {
      throw new ConfigError(file, `ignore[${i}]`, (err as Error).message);
    }
  });
  return { config, file, dir };
}

/** A path from the config (`waivers`, `baseline`) made absolute against the config's folder. */
export function resolveConfigPath(loaded: LoadedConfig, p: string): string {
  return path.resolve(loaded.dir, p);
}

/** The engine options from `rules`: `off` → disabled, a severity → override (CheckOptions). */
export function ruleOptions(config: MeldcodeConfig): { disabled: Set<string>; severity: Map<string, Severity> } {
  const disabled = new Set<string>();
  const severity = new Map<string, Severity>();
  for (const [id, level] of Object.entries(config.rules ?? {})) {
    if (level === 'off') disabled.add(id);
    else if (level) severity.set(id, level);
  }
  return { disabled, severity };
}

/**
 * A filter for the `ignore` globs (gitignore-like, relative to the config folder): returns true for
 * a file (absolute or relative to cwd) that must be skipped.
 */
export function ignoreFilter(loaded: LoadedConfig, cwd: string = process.cwd()): (file: string) => boolean {
  return ignoreMatcher(loaded.config.ignore ?? [], loaded.dir, cwd);
}
