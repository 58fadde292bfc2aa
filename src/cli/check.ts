/**
 * The `check` command: validate the options, run the batch, write every report, compute the
 * exit code. Loaded lazily by main.ts.
 */
import path from 'node:path';
import { runBatch, type BatchOptions } from '../batch/index.js';
import type { DocumentResult } from '../engine/result.js';
import { t, type Lang } from '../i18n/messages.js';
import { isHumanFormat, loadReporter, type Format, type ReportInput } from '../report/index.js';
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
  color?: boolean;
  progress?: boolean;
  quiet?: boolean;
  failOn?: string;
  maxWarnings?: string;
  exitZero?: boolean;
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
  return Object.keys(load).length ? load : undefined;
}

const COMMANDS = ['check', 'rules', 'explain', 'help'];

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

export async function runCheck(inputs: string[], raw: CheckRawOptions, lang: Lang, io: CliIO): Promise<number> {
  const opts = parseCheckOptions(raw, lang);
  if (!inputs.length) throw new UsageError(t(lang, 'err.noInputs'));

  // Where each report goes: the main one to --output or the screen, the extra ones to files.
  const reports: Array<{ format: Format; file?: string }> = [{ format: opts.format, file: opts.output }, ...opts.reports];
  if (reports.filter((r) => !r.file || r.file === '-').length > 1) throw new UsageError(t(lang, 'err.outputStdoutTwice'));
  const files = reports.map((r) => r.file).filter((f): f is string => !!f && f !== '-');
  checkOutputTargets(files, inputs, lang);

  const set = loadRuleSet();
  const ruleset = { version: set.version, name: set.name, legalBasis: set.legalBasis, inForce: set.inForce, rules: rulesForDisplay(set) };

  const human = reports.some((r) => isHumanFormat(r.format));
  const progress = opts.progress && !!io.stderr.isTTY && !io.env.CI && human;
  const batch = await runBatch(inputs, {
    sector: opts.sector,
    jobs: opts.jobs,
    timeoutMs: opts.timeoutSeconds !== undefined ? Math.round(opts.timeoutSeconds * 1000) : undefined,
    load: loadOptions(opts),
    progress,
    lang,
    cwd: io.cwd,
  });
  const documents: DocumentResult[] = batch.documents;
  const unmatched: string[] = (batch as { unmatched?: string[] }).unmatched ?? [];
  const skipped = (batch as { skipped?: ReportInput['skipped'] }).skipped ?? [];

  // A document found in a folder may be one of the report files: refuse before writing.
  checkOutputTargets(files, [...inputs, ...documents.map((d) => d.file)], lang);

  const input: ReportInput = { tool: io.tool, ruleset, documents, skipped, unmatched };
  const columns = io.stdout.isTTY && io.stdout.columns ? Math.min(io.stdout.columns, 120) : 100;
  const now = io.now();
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
      writeAtomic(r.file!, text, lang);
      if (!opts.quiet) io.stderr.write(`meldcode: ${t(lang, 'note.written', { format: r.format, file: r.file! })}\n`);
    }
  }

  // Lines on stderr for what needs the user's attention beyond the report.
  for (const pattern of unmatched) io.stderr.write(`meldcode: ${t(lang, 'err.unmatched', { pattern })}\n`);
  if (!documents.length && !unmatched.length) io.stderr.write(`meldcode: ${t(lang, 'err.noDocuments', { inputs: inputs.join(', ') })}\n`);
  const first = documents[0];
  if (first?.verdict === 'error' && first.error?.cause === 'not-found' && inputs.length === 1) {
    const cmd = commandTypo(path.basename(inputs[0]!));
    if (cmd && path.basename(inputs[0]!) === inputs[0]) io.stderr.write(`meldcode: ${t(lang, 'err.didYouMeanCommand', { file: inputs[0]!, command: cmd })}\n`);
  }

  const outcome = exitOutcome(documents, unmatched, { failOn: opts.failOn, maxWarnings: opts.maxWarnings, exitZero: opts.exitZero });
  if (outcome.warningsExceeded && !opts.exitZero) io.stderr.write(`meldcode: ${t(lang, 'note.maxWarnings', { n: outcome.warnings, max: opts.maxWarnings! })}\n`);
  if (!documents.length) return 2;
  return outcome.code;
}
