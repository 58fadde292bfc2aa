/**
 * Waivers: a sidecar file (`meldcode-waivers.yaml`, reviewed like code) that accepts a known gap
 * for a while, with a justification, an approver and an expiry date (after InSpec waivers and
 * InfraGuard). Authors of .docx/.pdf cannot add inline comments, so the waiver names the document
 * by path glob (relative to the waiver file's folder) and/or by the sha256 of its content.
 *
 * - A waived finding stays in every report, marked `suppressed: { kind: 'waiver', … }`.
 * - A waiver expires after its `expires` date (a local calendar date; on that day it still holds).
 *   An expired waiver does not suppress: the finding is open again, marked `expired: true`.
 * - A malformed file fails fast with a ConfigError naming the entry and field (loadWaivers);
 *   `meldcode waivers check` lists every problem instead (checkWaiversFile).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { collectIssues, ConfigError, keyOf, readPolicyFile, suggest, type ParsedFile } from './errors.js';
import { isFinding, isJudged, localDate } from './findings.js';
import { globToRegExp, isRulePattern, relativePosix, ruleMatcher } from './glob.js';

/** Waiver file names looked for beside the config and in the working directory. */
export const WAIVER_FILE_NAMES = ['meldcode-waivers.yaml', 'meldcode-waivers.yml'] as const;

/** Warn about waivers that expire within this many days. */
export const EXPIRING_SOON_DAYS = 30;

export interface Waiver {
  /** 0-based position in the file (`waivers[index]` in messages). */
  index: number;
  /** A rule ID (`M04`) or a pattern with `*`/`?` (`M03.*`). */
  rule: string;
  /** Path glob relative to the waiver file's folder. */
  document?: string;
  /** sha256 (lower-case hex) of the document's content. With `document`, both must match. */
  sha256?: string;
  justification: string;
  approver: string;
  /** YYYY-MM-DD; the waiver holds up to and including this day. */
  expires: string;
  /** Absolute path of the waiver file. */
  file: string;
}

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function ruleProblem(rule: string, knownRuleIds: readonly string[]): string | undefined {
  if (!knownRuleIds.length) return undefined;
  if (isRulePattern(rule)) {
    const m = ruleMatcher(rule);
    return knownRuleIds.some(m) ? undefined : `pattern "${rule}" matches no rule ID`;
  }
  if (knownRuleIds.includes(rule)) return undefined;
  const near = suggest(rule, knownRuleIds);
  return `unknown rule ID "${rule}"${near ? ` (did you mean "${near}"?)` : ''}`;
}

/** The schema of one waiver entry; `knownRuleIds` (when given) must cover `rule`. */
export function waiverEntrySchema(knownRuleIds: readonly string[] = []) {
  const text = z.string().trim().min(1);
  return z
    .object({
      rule: z
        .string()
        .min(1)
        .superRefine((v, ctx) => {
          const p = ruleProblem(v, knownRuleIds);
          if (p) ctx.addIssue({ code: 'custom', message: p });
        })
        .describe('Rule ID (M04) or pattern (M03.*).'),
      document: z
        .string()
        .min(1)
        .superRefine((v, ctx) => {
          try {
            globToRegExp(v);
          } catch (err) {
            ctx.addIssue({ code: 'custom', message: (err as Error).message });
          }
        })
        .optional()
        .describe("Path glob, relative to the waiver file's folder."),
      sha256: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, { error: 'expected 64 hex characters (the sha256 of the file content)' })
        .optional()
        .describe('sha256 of the document content (hex).'),
      justification: text.describe('Why the gap is accepted (required).'),
      approver: text.describe('Who accepted it (required).'),
      expires: z
        .string()
        .regex(/^\d{4}-\d\d-\d\d$/, { error: 'expected a date YYYY-MM-DD' })
        .refine(isRealDate, { error: 'not a real calendar date' })
        .describe('Last day the waiver holds (YYYY-MM-DD).'),
    })
    .strict()
    .refine((w) => w.document !== undefined || w.sha256 !== undefined, { error: 'needs "document" (a path glob) or "sha256" (or both)' })
    .meta({ id: 'waiver', description: 'One waiver: a rule (or pattern) for a document (glob and/or sha256).' });
}

/** The schema of the whole file: a list of entries, or `{ waivers: [...] }`. */
export function waiversFileSchema(knownRuleIds: readonly string[] = []) {
  const entries = z.array(waiverEntrySchema(knownRuleIds));
  return z.union([
    z.object({ $schema: z.string().optional(), waivers: entries }).strict().describe('meldcode-check waivers (meldcode-waivers.yaml)'),
    entries,
  ]);
}

export interface WaiverProblem {
  level: 'error' | 'warning';
  code: 'unreadable' | 'invalid' | 'unknown-rule' | 'expired' | 'expiring' | 'duplicate' | 'broad';
  /** The entry, when the problem belongs to one. */
  index?: number;
  /** `waivers[2].justification`, or '' for the file. */
  key: string;
  line?: number;
  /** What is wrong, without file and key. */
  problem: string;
  /** One line: `file:line: key: problem`. */
  message: string;
}

interface Parsed {
  waivers: Waiver[];
  problems: WaiverProblem[];
  /** Path of entry `index` in the parsed data (for line numbers). */
  entryPath(index: number): PropertyKey[];
  problem(level: WaiverProblem['level'], code: WaiverProblem['code'], parts: PropertyKey[], problem: string, index?: number): WaiverProblem;
}

function parseWaivers(parsed: ParsedFile, knownRuleIds: readonly string[]): Parsed {
  let base: PropertyKey[] = [];
  // Keys read `waivers[2].field` whether the file is a bare list or has a `waivers:` key.
  const displayKey = (parts: PropertyKey[]): string => {
    const rest = parts.slice(base.length);
    return rest.length && typeof rest[0] === 'number' ? keyOf(['waivers', ...rest]) : keyOf(parts);
  };
  const problem: Parsed['problem'] = (level, code, parts, text, index) => {
    const err = new ConfigError(parsed.file, displayKey(parts), text, parsed.lineOf(parts));
    return { level, code, index, key: err.key, line: err.line, problem: text, message: err.message };
  };
  const result: Parsed = { waivers: [], problems: [], entryPath: (i) => [...base, i], problem };
  let list: unknown[];
  const data = parsed.data;
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object' && !Object.keys(data).length) list = [];
  else {
    const wrapper = z.object({ $schema: z.string().optional(), waivers: z.array(z.unknown()) }).strict();
    const issues = collectIssues(wrapper, data, { knownKeys: (p) => (p === '' ? ['$schema', 'waivers'] : []) });
    if (issues.length) {
      for (const i of issues) result.problems.push(problem('error', 'invalid', i.path, i.problem));
      return result;
    }
    list = (data as { waivers: unknown[] }).waivers;
    base = ['waivers'];
  }
  const entry = waiverEntrySchema(knownRuleIds);
  const fields = ['rule', 'document', 'sha256', 'justification', 'approver', 'expires'];
  list.forEach((raw, index) => {
    const issues = collectIssues(entry, raw, { knownKeys: () => fields });
    if (!issues.length) {
      const w = entry.parse(raw);
      result.waivers.push({ index, ...w, sha256: w.sha256?.toLowerCase(), file: parsed.file });
      return;
    }
    for (const i of issues) {
      const code = i.path[0] === 'rule' && /rule ID|matches no rule/.test(i.problem) ? 'unknown-rule' : 'invalid';
      result.problems.push(problem('error', code, [...base, index, ...i.path], i.problem, index));
    }
  });
  return result;
}

/**
 * Reads and validates a waiver file. Throws ConfigError for the first problem: unreadable file,
 * bad YAML, unknown key, missing/empty justification, approver or expires, bad date, no
 * document/sha256, unknown rule ID or a pattern that matches no rule.
 */
export function loadWaivers(file: string, knownRuleIds: readonly string[]): Waiver[] {
  const parsed = readPolicyFile(path.resolve(file));
  const { waivers, problems } = parseWaivers(parsed, knownRuleIds);
  const first = problems[0];
  if (first) throw new ConfigError(parsed.file, first.key, first.problem, first.line);
  return waivers;
}

export interface FindWaiversOptions {
  cwd?: string;
  /** `--waivers <path>` (relative to cwd). */
  explicitPath?: string;
  /** `waivers:` from the config (relative to configDir). */
  configured?: string;
  /** Folder of the config file, when there is one. */
  configDir?: string;
}

/**
 * Which waiver file to use: the explicit path, else the configured one, else the first of
 * WAIVER_FILE_NAMES beside the config, else in cwd. Undefined when there is none. Explicit and
 * configured paths are returned even when missing, so loadWaivers reports "file not found".
 */
export function findWaiversFile(opts: FindWaiversOptions = {}): string | undefined {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  if (opts.explicitPath) return path.resolve(cwd, opts.explicitPath);
  if (opts.configured) return path.resolve(opts.configDir ?? cwd, opts.configured);
  for (const dir of [...(opts.configDir ? [opts.configDir] : []), cwd]) {
    for (const name of WAIVER_FILE_NAMES) {
      const f = path.resolve(dir, name);
      if (existsSync(f)) return f;
    }
  }
  return undefined;
}

export interface ApplyWaiversOptions {
  /** YYYY-MM-DD (default: today, local time). */
  today?: string;
  /** Folder the `document` globs are relative to (default: each waiver file's folder). */
  baseDir?: string;
  /** Folder DocumentResult.file is relative to (default process.cwd()). */
  cwd?: string;
}

export interface AppliedWaivers {
  /** Copies of the results; covered findings carry `suppressed`. The input is not changed. */
  results: DocumentResult[];
  /** Every waiver past its date (whether or not it matched a finding). */
  expired: Waiver[];
  /** Waivers still in force that covered no finding (fixed gap, renamed file, typo in a glob). */
  unused: Waiver[];
}

/** Whether `w` names this document (glob on the path relative to the waiver's folder, and/or sha256). */
export function waiverMatchesDocument(w: Waiver, doc: DocumentResult, opts: { baseDir?: string; cwd?: string } = {}): boolean {
  if (w.sha256 !== undefined && w.sha256 !== doc.sha256?.toLowerCase()) return false;
  if (w.document !== undefined) {
    const rel = relativePosix(doc.file, opts.baseDir ?? path.dirname(w.file), opts.cwd);
    if (!globToRegExp(w.document).test(rel)) return false;
  }
  return true;
}

export function isExpired(w: Pick<Waiver, 'expires'>, today: string): boolean {
  return w.expires < today;
}

/**
 * Marks each finding (partial/missing element that applies, in a document judged as a meldcode)
 * that a waiver covers. When several waivers cover a finding, the first one in force wins, else the
 * first expired one; only the winner counts as used. An expired waiver sets
 * `suppressed.expired = true`: the finding counts again (see exit-code.ts) and reports show why.
 */
export function applyWaivers(results: readonly DocumentResult[], waivers: readonly Waiver[], opts: ApplyWaiversOptions = {}): AppliedWaivers {
  const today = opts.today ?? localDate();
  const used = new Set<Waiver>();
  const rules = new Map(waivers.map((w) => [w, ruleMatcher(w.rule)]));
  const out = results.map((doc) => {
    if (!isJudged(doc)) return doc;
    const forDoc = waivers.filter((w) => waiverMatchesDocument(w, doc, opts));
    if (!forDoc.length) return doc;
    const elements = doc.elements.map((e): ElementResult => {
      if (!isFinding(e)) return e;
      const matching = forDoc.filter((w) => rules.get(w)!(e.id));
      const w = matching.find((x) => !isExpired(x, today)) ?? matching[0];
      if (!w) return e;
      used.add(w);
      const suppressed: NonNullable<ElementResult['suppressed']> = { kind: 'waiver', justification: w.justification, approver: w.approver, expires: w.expires };
      if (isExpired(w, today)) suppressed.expired = true;
      return { ...e, suppressed };
    });
    return { ...doc, elements };
  });
  return {
    results: out,
    expired: waivers.filter((w) => isExpired(w, today)),
    unused: waivers.filter((w) => !isExpired(w, today) && !used.has(w)),
  };
}

function daysBetween(from: string, to: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/**
 * For `meldcode waivers check`: every problem in the file, errors first per entry.
 * Errors: unreadable file or bad YAML, invalid or missing fields, unknown rule IDs, expired waivers.
 * Warnings: waivers expiring within `soonDays` (default 30), duplicate entries (same rule,
 * document and sha256), and `rule: "*"` (waives the whole document).
 * An empty list means the file is fine. Suggested exit code: 1 with errors, else 0.
 */
export function checkWaiversFile(file: string, knownRuleIds: readonly string[], today: string = localDate(), soonDays: number = EXPIRING_SOON_DAYS): WaiverProblem[] {
  let parsed: ParsedFile;
  try {
    parsed = readPolicyFile(path.resolve(file));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [{ level: 'error', code: 'unreadable', key: '', line: err.line, problem: err.problem, message: err.message }];
  }
  const p = parseWaivers(parsed, knownRuleIds);
  const problems = p.problems;
  const at = (w: Waiver, field?: string) => [...p.entryPath(w.index), ...(field ? [field] : [])];
  const seen = new Map<string, Waiver>();
  for (const w of p.waivers) {
    const days = daysBetween(today, w.expires);
    if (days < 0) {
      problems.push(p.problem('error', 'expired', at(w, 'expires'), `waiver for ${w.rule} expired on ${w.expires}; the finding counts again`, w.index));
    } else if (days <= soonDays) {
      problems.push(p.problem('warning', 'expiring', at(w, 'expires'), `waiver for ${w.rule} expires on ${w.expires} (in ${days} day${days === 1 ? '' : 's'})`, w.index));
    }
    const id = JSON.stringify([w.rule, w.document ?? null, w.sha256 ?? null]);
    const first = seen.get(id);
    if (first) problems.push(p.problem('warning', 'duplicate', at(w), `duplicate of waivers[${first.index}] (same rule and document)`, w.index));
    else seen.set(id, w);
    if (/^\*+$/.test(w.rule)) problems.push(p.problem('warning', 'broad', at(w, 'rule'), '"*" waives every rule for this document; name the rules', w.index));
  }
  const rank = (x: WaiverProblem) => (x.level === 'error' ? 0 : 1);
  return problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1) || rank(a) - rank(b));
}
