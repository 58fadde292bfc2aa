/**
 * Writing reports to files: never onto an input, a missing folder is one clear line, and every
 * file is written atomically (a temporary file in the same folder, then rename).
 */
import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { t, type Lang } from '../i18n/messages.js';
import { UsageError } from './errors.js';

function canonical(p: string, cwd: string): string {
  const abs = path.resolve(cwd, p);
  try {
    return realpathSync(abs);
  } catch {
    // Not there (yet): resolve the folder, keep the name.
    try {
      return path.join(realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/**
 * Checks the report files before anything is written: each must not be an input (nor the same
 * file as one, through a link), its folder must exist, it must not be a folder, and no file may be
 * named twice. Relative paths are relative to `cwd`. Throws a UsageError.
 */
export function checkOutputTargets(targets: string[], inputs: string[], lang: Lang, cwd: string = process.cwd()): void {
  const inputSet = new Set(inputs.map((i) => canonical(i, cwd)));
  const seen = new Set<string>();
  for (const file of targets) {
    const c = canonical(file, cwd);
    if (inputSet.has(c)) throw new UsageError(t(lang, 'err.outputIsInput', { file }));
    if (seen.has(c)) throw new UsageError(t(lang, 'err.outputTwice', { file }));
    seen.add(c);
    const dir = path.dirname(path.resolve(cwd, file));
    let dirStat;
    try {
      dirStat = statSync(dir);
    } catch {
      throw new UsageError(t(lang, 'err.outputDirMissing', { dir: path.dirname(file) || '.', file }));
    }
    if (!dirStat.isDirectory()) throw new UsageError(t(lang, 'err.outputDirMissing', { dir: path.dirname(file), file }));
    try {
      if (statSync(path.resolve(cwd, file)).isDirectory()) throw new UsageError(t(lang, 'err.outputIsDir', { file }));
    } catch (err) {
      if (err instanceof UsageError) throw err;
    }
  }
}

/** Writes `content` to `file` (relative to `cwd`) atomically. Throws a UsageError with the reason on failure. */
export function writeAtomic(file: string, content: string, lang: Lang, cwd: string = process.cwd()): void {
  const abs = path.resolve(cwd, file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content, { encoding: 'utf8', flag: 'wx' });
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(t(lang, 'err.outputWrite', { file, reason: e.code ?? e.message }));
  }
}
