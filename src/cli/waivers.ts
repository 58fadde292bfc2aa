/**
 * `meldcode waivers check [FILE]`: every problem in a waiver file, one line each on stdout
 * (`file:line: fout: waivers[2].expires: …`), then a summary line.
 *
 * Exit code: 1 when there is an error (invalid entry, unknown rule ID, expired waiver), 0 when
 * there are only warnings (expiring within 30 days, duplicates, `rule: "*"`) or none, 2 when the
 * file cannot be read or none is found (as `check` gives 2 for an unreadable input).
 */
import path from 'node:path';
import { t, type Lang } from '../i18n/messages.js';
import { loadConfig } from '../policy/config.js';
import { localDate } from '../policy/findings.js';
import { checkWaiversFile, findWaiversFile } from '../policy/waivers.js';
import { loadRuleSet, rulesForDisplay } from '../rules/load.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { configErrorLine, isConfigErrorLike, problemText, shownPath } from './policy-text.js';

export function runWaiversCheck(file: string | undefined, raw: { config?: string }, lang: Lang, io: CliIO): number {
  const ids = rulesForDisplay(loadRuleSet()).map((r) => r.id);
  let target = file !== undefined ? path.resolve(io.cwd, file) : undefined;
  if (!target) {
    try {
      const loaded = loadConfig({ cwd: io.cwd, explicitPath: raw.config, knownRuleIds: ids });
      target = findWaiversFile({ cwd: io.cwd, configured: loaded.config.waivers, configDir: loaded.file ? loaded.dir : undefined });
    } catch (err) {
      if (isConfigErrorLike(err)) throw new UsageError(configErrorLine(err, lang, io.cwd));
      throw err;
    }
  }
  if (!target) throw new UsageError(t(lang, 'err.noWaiversFile'));

  const shown = shownPath(target, io.cwd);
  const problems = checkWaiversFile(target, ids, localDate(io.now()));
  for (const p of problems) {
    const where = `${shown}${p.line ? `:${p.line}` : ''}`;
    const level = t(lang, p.level === 'error' ? 'severity.error' : 'severity.warning');
    io.stdout.write(`${t(lang, 'waivers.problem', { where, level, problem: `${p.key ? `${p.key}: ` : ''}${problemText(p.problem, lang)}` })}\n`);
  }
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  io.stdout.write(`${problems.length ? t(lang, 'waivers.summary', { file: shown, errors, warnings }) : t(lang, 'waivers.ok', { file: shown })}\n`);
  if (problems.some((p) => p.code === 'unreadable')) return 2;
  return errors ? 1 : 0;
}
