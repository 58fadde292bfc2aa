/** The limits on a .zip of submissions are named, with the flag that changes them. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, run } from './spawn.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'meldcode-zip-'));
  const md = readFileSync(path.join(ROOT, 'fixtures/voorbeeld/meldcode-de-waterlinie.md'));
  const files: Record<string, Uint8Array> = {};
  for (const n of ['a', 'b', 'c']) files[`inzending-${n}.md`] = new Uint8Array(Buffer.concat([md, Buffer.from(`\n<!-- ${n} -->\n`)]));
  writeFileSync(path.join(dir, 'inzendingen.zip'), zipSync(files));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zip limits', () => {
  it('reads a zip in place within the limits', () => {
    const r = run(['check', path.join(dir, 'inzendingen.zip'), '--format', 'json', '--no-progress']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents).toHaveLength(3);
  });
  it('refuses a zip with more entries than --zip-max-entries and names the flag', () => {
    const r = run(['check', path.join(dir, 'inzendingen.zip'), '--zip-max-entries', '2', '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/--zip-max-entries/);
  });
});
