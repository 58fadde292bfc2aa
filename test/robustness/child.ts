/**
 * Runs the compiled loader in a child process, to measure what loading one file costs (peak
 * resident memory from the kernel, not a sample) and, as root, to read with the rights of an
 * ordinary user.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from '../cli/spawn.js';

export interface ChildLoad {
  /** 'ok' or the InputError cause. */
  result: string;
  /** Peak resident set size of the child, in MB. */
  maxRssMb: number;
  ms: number;
  /** The one line the CLI would print. */
  line?: string;
  detail?: Record<string, string | number>;
  blocks?: number;
  pages?: number;
  status: number | null;
  stderr: string;
}

const SCRIPT = `
const [loadUrl, msgUrl, file, optsJson] = process.argv.slice(1);
const { loadFile } = await import(loadUrl);
const { inputErrorMessage } = await import(msgUrl);
const t0 = performance.now();
let out;
try {
  const doc = await loadFile(file, JSON.parse(optsJson));
  out = { result: 'ok', blocks: doc.blocks.length, pages: doc.source.pages };
} catch (err) {
  out = err && err.name === 'InputError'
    ? { result: err.cause, detail: err.detail, line: err.file + ': ' + inputErrorMessage(err).nl }
    : { result: 'raw-exception: ' + String(err && err.stack || err) };
}
out.ms = Math.round(performance.now() - t0);
out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(out));
`;

export const NOBODY = 65534;

/** Loads `file` with dist/load in a fresh Node process (optionally as another user). */
export function loadInChild(file: string, opts: Record<string, unknown> = {}, user?: { uid: number; gid: number }): ChildLoad {
  ensureBuilt();
  const loadUrl = pathToFileURL(path.join(ROOT, 'dist/load/index.js')).href;
  const msgUrl = pathToFileURL(path.join(ROOT, 'dist/i18n/input-errors.js')).href;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, loadUrl, msgUrl, file, JSON.stringify(opts)], {
    encoding: 'utf8',
    timeout: 120_000,
    ...(user ?? {}),
  });
  let parsed: Partial<ChildLoad> = {};
  try {
    parsed = JSON.parse(res.stdout) as Partial<ChildLoad>;
  } catch {
    parsed = { result: `no output (status ${res.status}): ${res.stderr.slice(0, 500)}` };
  }
  return { result: '?', maxRssMb: 0, ms: 0, ...parsed, status: res.status, stderr: res.stderr };
}

/**
 * Whether this process may start a child as an ordinary user that can also read the built project
 * (root in a container usually can; a clone inside a private folder, e.g. from mktemp -d, cannot).
 */
export function canRunAs(uid: number, gid: number): boolean {
  if (process.getuid?.() !== 0) return false;
  const built = path.join(ROOT, 'dist', 'load', 'index.js');
  const res = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(built)}, require('fs').constants.R_OK)`], { uid, gid, timeout: 10_000 });
  return res.status === 0;
}

export const isRoot = process.getuid?.() === 0;
