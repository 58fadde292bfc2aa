/**
 * Shared by the end-to-end tests (e2e, policy-e2e, docs/ci): run `node bin/meldcode.js` as a
 * child process, after making sure dist/ is built and not older than src/.
 *
 * Test files run in parallel, so the build takes a lock (a folder created atomically): one file
 * builds, the others wait for it and then see a fresh dist/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'meldcode.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The caller's environment with CI=1 and without the colour, language and debug variables. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'MELDCODE_LANG', 'MELDCODE_DEBUG']) delete base[k];
  return { ...base, ...env };
}

/** Runs the CLI (see childEnv). */
export function run(args: string[], env: Record<string, string> = {}, cwd = ROOT): RunResult {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: childEnv(env) });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** run() without blocking, for tests that run side by side (it.concurrent). */
export function runAsync(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env), timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function newest(folder: string): number {
  let t = 0;
  for (const e of readdirSync(folder, { withFileTypes: true })) {
    const p = path.join(folder, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  const main = path.join(ROOT, 'dist', 'cli', 'main.js');
  return !existsSync(main) || statSync(main).mtimeMs < newest(path.join(ROOT, 'src'));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds dist/ when it is missing or older than src/ (type errors elsewhere do not stop tsc from emitting). */
export function ensureBuilt(): void {
  if (!stale()) return;
  const lock = path.join(ROOT, 'node_modules', '.cache', 'meldcode-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than 3 minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) break;
      sleep(200);
    }
  }
  try {
    if (stale()) spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
