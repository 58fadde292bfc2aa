/**
 * The policy of one `meldcode check` run, wired from src/policy:
 *
 *   preparePolicy (before the batch): config (found upward or --config), rule options, ignore
 *     filter, waiver file and baseline file, all read and validated up front so a broken file
 *     fails fast (ConfigError → one line, exit 2) before any document is read;
 *   applyPolicy (after the batch): drop ignored documents, apply waivers, then the baseline;
 *   the notes on stderr and the `baseline` block of the JSON report.
 *
 * Precedence: command-line option > config > default. The paths in the config (waivers, baseline,
 * ignore) are relative to the config file's folder; the paths on the command line to the
 * working folder.
 */
import path from 'node:path';
import type { DocumentResult } from '../engine/result.js';
import { t, type Lang } from '../i18n/messages.js';
import { applyBaseline, loadBaseline, type BaselineEntry, type Baseline } from '../policy/baseline.js';
import { ignoreFilter, loadConfig, resolveConfigPath, ruleOptions, type LoadedConfig } from '../policy/config.js';
import { isFinding, isJudged, localDate } from '../policy/findings.js';
import { ruleMatcher } from '../policy/glob.js';
import { applyWaivers, findWaiversFile, loadWaivers, waiverMatchesDocument, type Waiver } from '../policy/waivers.js';
import type { Severity } from '../rules/schema.js';
import { shownPath } from './policy-text.js';

export interface PolicyFlags {
  /** --config */
  config?: string;
  /** --waivers */
  waivers?: string;
  /** --baseline */
  baseline?: string;
  /** --write-baseline: the old baseline is not applied (the new one replaces it). */
  writeBaseline?: string;
}

export interface PolicySetup {
  loaded: LoadedConfig;
  disabled: string[];
  severity: Record<string, Severity>;
  skip: (file: string) => boolean;
  waiversFile?: string;
  waivers: Waiver[];
  baselineFile?: string;
  baseline?: Baseline;
}

/** Reads config, waivers and baseline. Throws ConfigError (file, key, problem). */
export function preparePolicy(flags: PolicyFlags, ruleIds: readonly string[], cwd: string): PolicySetup {
  const loaded = loadConfig({ cwd, explicitPath: flags.config, knownRuleIds: ruleIds });
  const { disabled, severity } = ruleOptions(loaded.config);
  const waiversFile = findWaiversFile({ cwd, explicitPath: flags.waivers, configured: loaded.config.waivers, configDir: loaded.file ? loaded.dir : undefined });
  const waivers = waiversFile ? loadWaivers(waiversFile, ruleIds) : [];
  let baselineFile: string | undefined;
  if (!flags.writeBaseline) {
    if (flags.baseline) baselineFile = path.resolve(cwd, flags.baseline);
    else if (loaded.config.baseline) baselineFile = resolveConfigPath(loaded, loaded.config.baseline);
  }
  const baseline = baselineFile ? loadBaseline(baselineFile) : undefined;
  return {
    loaded,
    disabled: [...disabled],
    severity: Object.fromEntries(severity),
    skip: ignoreFilter(loaded, cwd),
    waiversFile,
    waivers,
    baselineFile,
    baseline,
  };
}

export interface BaselineOutcome {
  file: string;
  stale: BaselineEntry[];
  new: number;
  matched: number;
}

export interface PolicyOutcome {
  documents: DocumentResult[];
  /** Documents dropped by `ignore` (names as the batch gave them). */
  ignored: string[];
  /** Waivers past their date that covered a finding (the finding counts again). */
  expiredUsed: Waiver[];
  /** Waivers past their date that covered nothing. */
  expiredUnused: Waiver[];
  /** Waivers in force that covered nothing. */
  unused: Waiver[];
  baseline?: BaselineOutcome;
}

/** Ignore, then waivers, then the baseline (the order src/policy expects). */
export function applyPolicy(documents: readonly DocumentResult[], setup: PolicySetup, opts: { cwd: string; now: Date }): PolicyOutcome {
  const ignored: string[] = [];
  let docs = documents.filter((d) => {
    if (!setup.skip(d.file)) return true;
    ignored.push(d.file);
    return false;
  });
  const out: PolicyOutcome = { documents: docs, ignored, expiredUsed: [], expiredUnused: [], unused: [] };
  if (setup.waivers.length) {
    const applied = applyWaivers(docs, setup.waivers, { cwd: opts.cwd, today: localDate(opts.now) });
    docs = applied.results;
    for (const w of applied.expired) (coversFinding(w, docs, opts.cwd) ? out.expiredUsed : out.expiredUnused).push(w);
    out.unused = applied.unused;
  }
  if (setup.baseline && setup.baselineFile) {
    const applied = applyBaseline(docs, setup.baseline, { baseDir: path.dirname(setup.baselineFile), cwd: opts.cwd });
    docs = applied.results;
    out.baseline = { file: setup.baselineFile, stale: applied.stale, new: applied.new, matched: applied.matched };
  }
  out.documents = docs;
  return out;
}

function coversFinding(w: Waiver, docs: readonly DocumentResult[], cwd: string): boolean {
  const rule = ruleMatcher(w.rule);
  return docs.some((d) => isJudged(d) && waiverMatchesDocument(w, d, { cwd }) && d.elements.some((e) => isFinding(e) && rule(e.id)));
}

const MAX_STALE_LINES = 20;

/** The lines for stderr (without the `meldcode: ` prefix). Expired waivers always; the rest unless quiet. */
export function policyNotes(o: PolicyOutcome, lang: Lang, cwd: string, quiet: boolean): string[] {
  const lines: string[] = [];
  const where = (w: Waiver) => `${shownPath(w.file, cwd)} waivers[${w.index}]`;
  for (const w of o.expiredUsed) lines.push(t(lang, 'note.waiverExpired', { where: where(w), rule: w.rule, date: w.expires }));
  if (!quiet) {
    for (const w of o.expiredUnused) lines.push(t(lang, 'note.waiverExpiredUnused', { where: where(w), rule: w.rule, date: w.expires }));
    for (const w of o.unused) lines.push(t(lang, 'note.waiverUnused', { where: where(w), rule: w.rule }));
  }
  const b = o.baseline;
  if (b) {
    const file = shownPath(b.file, cwd);
    lines.push(t(lang, 'note.baseline', { file, matched: b.matched, new: b.new }));
    if (b.stale.length) {
      lines.push(t(lang, 'note.baselineStale', { file, n: b.stale.length }));
      for (const e of b.stale.slice(0, MAX_STALE_LINES)) lines.push(t(lang, 'note.baselineStaleEntry', { file: e.file, rule: e.rule, status: t(lang, `status.${e.status}`) }));
      if (b.stale.length > MAX_STALE_LINES) lines.push(t(lang, 'note.baselineStaleMore', { n: b.stale.length - MAX_STALE_LINES }));
    }
  }
  return lines;
}

/** The `baseline` block of the JSON report (schemas/report.schema.json). */
export function baselineJson(b: BaselineOutcome, cwd: string): { file: string; new: number; matched: number; stale: BaselineEntry[] } {
  return { file: shownPath(b.file, cwd), new: b.new, matched: b.matched, stale: b.stale };
}

/**
 * Adds `baseline` to the text of the JSON reporter, before `summary` (the reporter itself does not
 * know about the baseline). The text keeps the reporter's layout: 2-space JSON and a final newline.
 */
export function addBaselineToJson(text: string, block: ReturnType<typeof baselineJson>): string {
  const report = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(report)) {
    if (k === 'summary') out.baseline = block;
    out[k] = v;
  }
  if (!('baseline' in out)) out.baseline = block;
  return `${JSON.stringify(out, null, 2)}\n`;
}
