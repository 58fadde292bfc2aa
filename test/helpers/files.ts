/** Temporary folders and files for tests (never inside the repository). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder and a function that removes it. */
export function tmpDir(prefix = 'meldcode-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `content` to dir/rel, creating folders on the way; returns the full path. */
export function write(dir: string, rel: string, content: string | Uint8Array): string {
  const full = path.join(dir, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}
