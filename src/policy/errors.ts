/**
 * ConfigError and the shared plumbing behind it: reading a JSON/YAML policy file, turning the
 * first zod issue into one line that names the key (`rules.M04`, `waivers[2].justification`), and
 * finding the line of that key in the file when the text allows it.
 *
 * A ConfigError is a usage error: the CLI prints `err.message` (one line, no stack) and exits 2.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Document } from 'yaml';

type Yaml = typeof import('yaml');
let yamlLib: Yaml | undefined;
/** The yaml package, loaded the first time a policy file is read (most runs have none). */
function yaml(): Yaml {
  return (yamlLib ??= createRequire(import.meta.url)('yaml') as Yaml);
}
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    /** Absolute path of the file at fault. */
    readonly file: string,
    /** The key at fault (`rules.M04`, `waivers[2].expires`), or '' for the whole file. */
    readonly key: string,
    /** What is wrong, without file and key. */
    readonly problem: string,
    /** 1-based line of the key in the file, when known. */
    readonly line?: number,
    /** How the file is named in the message (default: relative to the working directory). */
    display: string = displayPath(file),
  ) {
    super(`${display}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}

export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof ConfigError;
}

/** The path as a user would type it: relative to the working directory when that is shorter. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && rel.length < file.length ? rel.split(path.sep).join('/') : file;
}

/** A parsed policy file: the data, plus the YAML document to look up line numbers. */
export interface ParsedFile {
  file: string;
  data: unknown;
  lineOf(pathParts: PropertyKey[]): number | undefined;
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();

/**
 * Reads and parses a `.json` file (JSON.parse) or anything else as YAML. An empty file is `{}`.
 * Throws ConfigError when the file cannot be read or parsed.
 */
export function readPolicyFile(file: string, display?: string): ParsedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (err as Error).message})`;
    throw new ConfigError(file, '', problem, undefined, display);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  let doc: Document | undefined;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  } catch {
    doc = undefined;
  }
  let data: unknown;
  if (/\.json$/i.test(file)) {
    if (!text.trim()) data = {};
    else {
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new ConfigError(file, '', `not valid JSON: ${firstLine((err as Error).message)}`, undefined, display);
      }
    }
  } else {
    if (!doc) throw new ConfigError(file, '', 'not valid YAML', undefined, display);
    const yamlError = doc.errors[0];
    if (yamlError) {
      const line = yamlError.linePos?.[0]?.line ?? counter.linePos(yamlError.pos[0]).line;
      throw new ConfigError(file, '', `not valid YAML: ${firstLine(yamlError.message)}`, line, display);
    }
    data = doc.toJS() ?? {};
  }
  // The line of the deepest key (or list item) on the path that exists in the text.
  const lineOf = (parts: PropertyKey[]): number | undefined => {
    if (!doc || doc.errors.length) return undefined;
    let node: unknown = doc.contents;
    let line = isNode(node) && node.range ? counter.linePos(node.range[0]).line : undefined;
    for (const part of parts) {
      let at: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === part);
        if (!pair) break;
        at = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        node = at = node.items[part];
      } else break;
      if (isNode(at) && at.range) line = counter.linePos(at.range[0]).line;
      else break;
    }
    return line;
  };
  return { file, data, lineOf };
}

/** `['waivers', 2, 'justification']` → `waivers[2].justification`. */
export function keyOf(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `"${v}"`;
  return String(v);
}

/** Per-parse zod error map: short English messages that read well after `key: `. */
export const issueMessage: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      const expected = iss.expected === 'array' ? 'a list' : iss.expected === 'object' ? 'an object' : `a ${iss.expected}`;
      return `expected ${expected}, got ${typeName(iss.input)}`;
    }
    case 'invalid_value':
      return `expected ${iss.values.map((v) => JSON.stringify(v)).join(' | ')}${iss.input === undefined ? '' : `, got ${typeName(iss.input)}`}`;
    case 'too_small':
      if (iss.origin === 'string') return 'must not be empty';
      if (iss.origin === 'array') return `needs at least ${iss.minimum} item${iss.minimum === 1 ? '' : 's'}`;
      return `must be ${iss.inclusive ? '>=' : '>'} ${iss.minimum}`;
    case 'unrecognized_keys':
      return `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return undefined;
  }
};

/** Upper-case, no separators: `fail-on` and `failOn` → `FAILON`, `M4` → `M04`. */
function fold(s: string): string {
  return s.toUpperCase().replace(/[-_\s]/g, '').replace(/^([A-Z])(\d)(?!\d)/, '$10$2');
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A near miss among `known`: the same key up to case, dashes and a missing leading zero (`m4` →
 * `M04`, `fail-on` → `failOn`), else one edit away for keys of 4+ characters (`waiver` → `waivers`).
 */
export function suggest(input: string, known: readonly string[]): string | undefined {
  const f = fold(input);
  return known.find((k) => fold(k) === f) ?? (f.length >= 4 ? known.find((k) => distance(fold(k), f) === 1) : undefined);
}

export interface ValidateOptions {
  /** Extra text for an unknown key under this parent key (e.g. `rules` → unknown rule ID). */
  unknownKey?: (parent: string, key: string) => string | undefined;
  /** Known keys per parent, for "did you mean" suggestions. */
  knownKeys?: (parent: string) => readonly string[];
}

export interface FoundIssue {
  /** Path inside the validated data (an unknown key is appended to its parent's path). */
  path: PropertyKey[];
  problem: string;
}

/** All issues of `data` against `schema`, with the messages of `issueMessage`. */
export function collectIssues(schema: z.ZodType, data: unknown, opts: ValidateOptions = {}, keyPrefix: PropertyKey[] = []): FoundIssue[] {
  const result = schema.safeParse(data, { error: issueMessage });
  if (result.success) return [];
  // An unknown key first: `fail-on` is likelier a typo of `failOn` than a second mistake.
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  return issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [{ path: [...issue.path], problem: issue.message }];
    const parent = keyOf([...keyPrefix, ...issue.path]);
    return issue.keys.map((key) => {
      const near = suggest(key, opts.knownKeys?.(parent) ?? []);
      const problem = (opts.unknownKey?.(parent, key) ?? 'unknown key') + (near ? ` (did you mean "${near}"?)` : '');
      return { path: [...issue.path, key], problem };
    });
  });
}

/**
 * Validates `parsed.data` with `schema`; on failure throws a ConfigError for the first issue,
 * naming the key (prefixed with `keyPrefix`) and, when the text allows, its line.
 */
export function validateFile<T>(schema: z.ZodType<T>, parsed: ParsedFile, display?: string, opts: ValidateOptions = {}, keyPrefix: PropertyKey[] = []): T {
  const result = schema.safeParse(parsed.data, { error: issueMessage });
  if (result.success) return result.data;
  const first = collectIssues(schema, parsed.data, opts, keyPrefix)[0]!;
  throw new ConfigError(parsed.file, keyOf([...keyPrefix, ...first.path]), first.problem, parsed.lineOf(first.path), display);
}
