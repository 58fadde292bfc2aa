/**
 * The `check` command: validate the options, run the batch, write every report, compute the
 * exit code. Loaded lazily by main.ts.
 */
import path from 'node:path';
import { runBatch, type BatchOptions } from '../batch/index.js';
import type { DocumentResult } from '../engine/result.js';
import { t, type Lang } from '../i18n/messages.js';
import { isHumanFormat, loadReporter, type Format, type ReportInput } from '../report/index.js';
import { writeBaseline } from '../policy/baseline.js';
import { loadRuleSet, rulesForDisplay } from '../rules/load.js';
import type { Severity } from '../rules/schema.js';
import { useColor } from './color.js';
import { UsageError } from './errors.js';
import { exitOutcome } from './exit.js';
import type { CliIO } from './io.js';
import {
  parseDelimiter,
  parseFailOn,
  parseFormat,
  parseNonNegativeInt,
  parsePositiveInt,
  parsePositiveNumber,
  parseReport,
  parseSector,
  type ReportSpec,
} from './options.js';
import { checkOutputTargets, writeAtomic } from './output.js';
import { applyPolicy, baselineJson, policyNotes, preparePolicy, type PolicySetup } from './policy.js';
import { configErrorLine, isConfigErrorLike, shownPath } from './policy-text.js';

/** Raw option values as commander hands them over. */
export interface CheckRawOptions {
  sector?: string;
  format?: string;
  output?: string;
  report?: string[];
  csvDelimiter?: string;
  jobs?: string;
  timeout?: string;
  maxFileSize?: string;
  maxPages?: string;
  maxDecompressedSize?: string;
  maxMemory?: string;
  zipMaxSize?: string;
  zipMaxEntries?: string;
  color?: boolean;
  progress?: boolean;
  quiet?: boolean;
  failOn?: string;
  maxWarnings?: string;
  exitZero?: boolean;
  config?: string;
  waivers?: string;
  baseline?: string;
  writeBaseline?: string;
}

export interface CheckOptions {
  sector?: BatchOptions['sector'];
  format: Format;
  output?: string;
  reports: ReportSpec[];
  csvDelimiter?: string;
  jobs?: number;
  timeoutSeconds?: number;
  maxFileSizeMB?: number;
  maxPages?: number;
  maxDecompressedSizeMB?: number;
  maxMemoryMB?: number;
  zipMaxSizeMB?: number;
  zipMaxEntries?: number;
  color?: boolean;
  progress: boolean;
  quiet: boolean;
  failOn: Severity;
  maxWarnings?: number;
  exitZero: boolean;
}

/** Validates every option value (one Dutch or English line per problem, exit 2). */
export function parseCheckOptions(raw: CheckRawOptions, lang: Lang): CheckOptions {
  return {
    sector: raw.sector !== undefined ? parseSector(raw.sector, lang) : undefined,
    format: raw.format !== undefined ? parseFormat(raw.format, lang) : 'stylish',
    output: raw.output,
    reports: (raw.report ?? []).map((r) => parseReport(r, lang)),
    csvDelimiter: raw.csvDelimiter !== undefined ? parseDelimiter(raw.csvDelimiter, lang) : undefined,
    jobs: raw.jobs !== undefined ? parsePositiveInt('--jobs', raw.jobs, lang) : undefined,
    timeoutSeconds: raw.timeout !== undefined ? parsePositiveNumber('--timeout', raw.timeout, lang) : undefined,
    maxFileSizeMB: raw.maxFileSize !== undefined ? parsePositiveNumber('--max-file-size', raw.maxFileSize, lang) : undefined,
    maxPages: raw.maxPages !== undefined ? parsePositiveInt('--max-pages', raw.maxPages, lang) : undefined,
    maxDecompressedSizeMB: raw.maxDecompressedSize !== undefined ? parsePositiveNumber('--max-decompressed-size', raw.maxDecompressedSize, lang) : undefined,
    maxMemoryMB: raw.maxMemory !== undefined ? parsePositiveInt('--max-memory', raw.maxMemory, lang) : undefined,
    zipMaxSizeMB: raw.zipMaxSize !== undefined ? parsePositiveNumber('--zip-max-size', raw.zipMaxSize, lang) : undefined,
    zipMaxEntries: raw.zipMaxEntries !== undefined ? parsePositiveInt('--zip-max-entries', raw.zipMaxEntries, lang) : undefined,
    color: raw.color,
    progress: raw.progress !== false,
    quiet: !!raw.quiet,
    failOn: raw.failOn !== undefined ? parseFailOn(raw.failOn, lang) : 'error',
    maxWarnings: raw.maxWarnings !== undefined ? parseNonNegativeInt('--max-warnings', raw.maxWarnings, lang) : undefined,
    exitZero: !!raw.exitZero,
  };
}

/** The loader limits in the shape the batch expects. */
function loadOptions(o: CheckOptions): BatchOptions['load'] {
  const load: NonNullable<BatchOptions['load']> = {};
  if (o.maxFileSizeMB !== undefined) load.maxFileBytes = Math.round(o.maxFileSizeMB * 1024 * 1024);
  if (o.maxPages !== undefined) load.maxPages = o.maxPages;
  if (o.maxDecompressedSizeMB !== undefined) load.maxDecompressedBytes = Math.round(o.maxDecompressedSizeMB * 1024 * 1024);
  return Object.keys(load).length ? load : undefined;
}

const COMMANDS = ['check', 'rules', 'explain', 'waivers', 'schema', 'help'];

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** "meldcode rulez" reads "rulez" as a file: suggest the command it probably meant. */
function commandTypo(input: string): string | undefined {
  if (!/^[a-z]{3,10}$/.test(input)) return undefined;
  return COMMANDS.find((c) => editDistance(input, c) <= 2);
}

/** Reads config, waivers and baseline; a broken file is one localised line (UsageError, exit 2). */
function policySetup(raw: CheckRawOptions, ruleIds: string[], lang: Lang, cwd: string): PolicySetup {
  try {
    return preparePolicy({ config: raw.config, waivers: raw.waivers, baseline: raw.baseline, writeBaseline: raw.writeBaseline }, ruleIds, cwd);
  } catch (err) {
    if (isConfigErrorLike(err)) throw new UsageError(configErrorLine(err, lang, cwd));
    throw err;
  }
}

/**
 * Options from the config where the command line left them out (command line > config > default).
 * `format` in the config is checked by its schema; the aliases go through parseFormat.
 */
function mergeConfig(opts: CheckOptions, raw: CheckRawOptions, setup: PolicySetup, lang: Lang): CheckOptions {
  const cfg = setup.loaded.config;
  return {
    ...opts,
    sector: opts.sector ?? cfg.sector,
    format: raw.format === undefined && cfg.format ? parseFormat(cfg.format, lang) : opts.format,
    failOn: raw.failOn === undefined && cfg.failOn ? cfg.failOn : opts.failOn,
    maxWarnings: opts.maxWarnings ?? cfg.maxWarnings,
  };
}

/**
 * `meldcode check`. `langFixed`: the language came from --lang or MELDCODE_LANG; otherwise the
 * config's `lang` (if any) replaces the default for this run.
 */
export async function runCheck(inputs: string[], raw: CheckRawOptions, startLang: Lang, io: CliIO, langFixed = true): Promise<number> {
  let lang = startLang;
  const cliOpts = parseCheckOptions(raw, lang);
  if (!inputs.length) throw new UsageError(t(lang, 'err.noInputs'));

  const set = loadRuleSet();
  const display = rulesForDisplay(set);
  const setup = policySetup(raw, display.map((r) => r.id), lang, io.cwd);
  if (!langFixed && setup.loaded.config.lang) lang = setup.loaded.config.lang;
  const opts = mergeConfig(cliOpts, raw, setup, lang);

  // Where each report goes: the main one to --output or the screen, the extra ones to files.
  const reports: Array<{ format: Format; file?: string }> = [{ format: opts.format, file: opts.output }, ...opts.reports];
  if (reports.filter((r) => !r.file || r.file === '-').length > 1) throw new UsageError(t(lang, 'err.outputStdoutTwice'));
  const files = reports.map((r) => r.file).filter((f): f is string => !!f && f !== '-');
  const baselineOut = raw.writeBaseline;
  const targets = baselineOut !== undefined ? [...files, baselineOut] : files;
  checkOutputTargets(targets, inputs, lang, io.cwd);

  // Severity overrides from the config also show in the rule metadata (SARIF rule levels, rules tables).
  const rules = display.map((r) => (setup.severity[r.id] ? { ...r, severity: setup.severity[r.id]! } : r));
  const ruleset = { version: set.version, name: set.name, legalBasis: set.legalBasis, inForce: set.inForce, rules };

  const human = reports.some((r) => isHumanFormat(r.format));
  const progress = opts.progress && !!io.stderr.isTTY && !io.env.CI && human;
  const batch = await runBatch(inputs, {
    sector: opts.sector,
    jobs: opts.jobs,
    timeoutMs: opts.timeoutSeconds !== undefined ? Math.round(opts.timeoutSeconds * 1000) : undefined,
    memoryLimitMb: opts.maxMemoryMB,
    load: loadOptions(opts),
    zipMaxBytes: opts.zipMaxSizeMB !== undefined ? Math.round(opts.zipMaxSizeMB * 1024 * 1024) : undefined,
    zipMaxEntries: opts.zipMaxEntries,
    progress,
    lang,
    cwd: io.cwd,
    disabled: setup.disabled.length ? setup.disabled : undefined,
    severity: Object.keys(setup.severity).length ? setup.severity : undefined,
  });
  const found: DocumentResult[] = batch.documents;
  const unmatched: string[] = batch.unmatched ?? [];

  // A document found in a folder may be one of the report files: refuse before writing.
  checkOutputTargets(targets, [...inputs, ...found.map((d) => d.file)], lang, io.cwd);

  // Ignore, waivers, baseline.
  const now = io.now();
  const policy = applyPolicy(found, setup, { cwd: io.cwd, now });
  const documents = policy.documents;
  const skipped: NonNullable<ReportInput['skipped']> = [...(batch.skipped ?? []), ...policy.ignored.map((p) => ({ path: p, reason: 'ignored' }))];

  const input: ReportInput = { tool: io.tool, ruleset, documents, skipped, unmatched, ...(policy.baseline ? { baseline: baselineJson(policy.baseline, io.cwd) } : {}) };
  const columns = io.stdout.isTTY && io.stdout.columns ? Math.min(io.stdout.columns, 120) : 100;
  for (const r of reports) {
    const toScreen = !r.file || r.file === '-';
    const reporter = await loadReporter(r.format);
    const text = reporter(input, {
      lang,
      color: toScreen && r.format === 'stylish' ? useColor(opts.color, io.env, io.stdout.isTTY) : false,
      quiet: opts.quiet,
      failOn: opts.failOn,
      csvDelimiter: opts.csvDelimiter,
      cwd: io.cwd,
      now,
      width: toScreen ? columns : 100,
    });
    if (toScreen) io.stdout.write(text);
    else {
      writeAtomic(r.file!, text, lang, io.cwd);
      if (!opts.quiet) io.stderr.write(`meldcode: ${t(lang, 'note.written', { format: r.format, file: r.file! })}\n`);
    }
  }

  // --write-baseline: today's open gaps (after waivers) become the baseline.
  if (baselineOut !== undefined) {
    const abs = path.resolve(io.cwd, baselineOut);
    const baseline = writeBaseline(documents, { cwd: io.cwd, baseDir: path.dirname(abs), now, rulesetVersion: set.version });
    writeAtomic(abs, `${JSON.stringify(baseline, null, 2)}\n`, lang);
    if (!opts.quiet) io.stderr.write(`meldcode: ${t(lang, 'note.baselineWritten', { n: baseline.entries.length, file: shownPath(abs, io.cwd) })}\n`);
  }

  // Lines on stderr for what needs the user's attention beyond the report.
  for (const pattern of unmatched) io.stderr.write(`meldcode: ${t(lang, 'err.unmatched', { pattern })}\n`);
  // Indented lines continue the note above them.
  for (const line of policyNotes(policy, lang, io.cwd, opts.quiet)) io.stderr.write(`${line.startsWith(' ') ? '' : 'meldcode: '}${line}\n`);
  const allIgnored = !documents.length && found.length > 0;
  if (allIgnored) io.stderr.write(`meldcode: ${t(lang, 'note.ignoredAll', { file: shownPath(setup.loaded.file ?? io.cwd, io.cwd) })}\n`);
  if (!found.length && !unmatched.length) io.stderr.write(`meldcode: ${t(lang, 'err.noDocuments', { inputs: inputs.join(', ') })}\n`);
  const first = found[0];
  if (first?.verdict === 'error' && first.error?.cause === 'not-found' && inputs.length === 1) {
    const cmd = commandTypo(path.basename(inputs[0]!));
    if (cmd && path.basename(inputs[0]!) === inputs[0]) io.stderr.write(`meldcode: ${t(lang, 'err.didYouMeanCommand', { file: inputs[0]!, command: cmd })}\n`);
  }

  if (!found.length) return 2;
  const outcome = exitOutcome(documents, unmatched, { failOn: opts.failOn, maxWarnings: opts.maxWarnings, exitZero: opts.exitZero || baselineOut !== undefined });
  if (outcome.warningsExceeded && !opts.exitZero && baselineOut === undefined) {
    const line = outcome.warnings === 1 ? t(lang, 'note.maxWarnings1') : t(lang, 'note.maxWarnings', { n: outcome.warnings, max: opts.maxWarnings! });
    io.stderr.write(`meldcode: ${line}${opts.quiet && isHumanFormat(opts.format) ? `; ${t(lang, 'note.maxWarningsQuiet')}` : ''}\n`);
  }
  return outcome.code;
}
