/**
 * The input limits and their flags, end to end: each limit has a default, a flag to change it,
 * and, when it is hit, one Dutch line that names the limit and the flag (exit 2, no stack trace).
 *
 *   file size            50 MB     --max-file-size <MB>
 *   decompressed .docx   200 MB    --max-decompressed-size <MB>
 *   PDF pages            2000      --max-pages <n>
 *   time per document    60 s      --timeout <s>
 */
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../src/batch/index.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../../src/load/docx.js';
import { DEFAULT_MAX_FILE_BYTES, loadBuffer } from '../../src/load/index.js';
import { DEFAULT_MAX_PAGES } from '../../src/load/pdf.js';
import { ensureBuilt, run } from '../cli/spawn.js';
import { EXAMPLE_MD, manyPagesPdf, smallDocx, tmpDir, write } from './fixtures.js';

let dir: string;
let cleanup: () => void;
const files: Record<string, string> = {};
const NO_STACK = /\n\s+at .+:\d+:\d+|Error:/;

beforeAll(async () => {
  ensureBuilt();
  ({ dir, cleanup } = tmpDir('meldcode-limits-'));
  files.md = write(dir, 'meldcode.md', EXAMPLE_MD);
  files.docx = write(dir, 'meldcode.docx', await smallDocx());
  files.pdf30 = write(dir, 'dertig.pdf', await manyPagesPdf(30));
  files.pdf1000 = write(dir, 'duizend.pdf', await manyPagesPdf(1000));
  // 50 MB and one byte, sparse: the size is refused from stat, nothing is read.
  files.big = path.join(dir, 'groot.md');
  const fd = openSync(files.big, 'w');
  ftruncateSync(fd, DEFAULT_MAX_FILE_BYTES + 1);
  closeSync(fd);
}, 60_000);
afterAll(() => cleanup?.());

/** Runs `check` and returns the one stderr/stdout line about `file`. */
function refused(args: string[], file: string): string {
  const r = run(['check', ...args, file]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(NO_STACK);
  const lines = r.stdout.split('\n').filter((l) => l.startsWith(file));
  expect(lines, r.stdout).toHaveLength(1);
  return lines[0]!;
}

describe('limits: defaults', () => {
  it('are 50 MB, 200 MB, 2000 pages and 60 s', () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(50 * 1024 * 1024);
    expect(DEFAULT_MAX_DECOMPRESSED).toBe(200 * 1024 * 1024);
    expect(DEFAULT_MAX_PAGES).toBe(2000);
    expect(DEFAULT_TIMEOUT_MS).toBe(60_000);
  });

  it('check --help lists the four flags', () => {
    const help = run(['check', '--help']).stdout;
    for (const flag of ['--max-file-size <MB>', '--max-decompressed-size <MB>', '--max-pages <n>', '--timeout <seconden>']) expect(help).toContain(flag);
    expect(help).toContain('maximale uitgepakte grootte van een .docx in MB');
  });

  it('file size: a file over 50 MB is refused unread, naming 50 MB and --max-file-size', () => {
    expect(refused([], files.big)).toBe(`${files.big}: bestand is te groot (limiet 50 MB; wijzig met --max-file-size)`);
  });

  it('pages: a PDF over 2000 pages is refused, naming 2000 and --max-pages', async () => {
    const e = await loadBuffer('veel.pdf', await manyPagesPdf(DEFAULT_MAX_PAGES + 1)).catch((err: unknown) => err);
    expect(e).toMatchObject({ name: 'InputError', cause: 'too-many-pages', detail: { limit: 2000, flag: '--max-pages' } });
  }, 30_000);
});

describe('limits: flags', () => {
  it('--max-file-size', () => {
    expect(refused(['--max-file-size', '0.001'], files.md)).toBe(`${files.md}: bestand is te groot (limiet 1 kB; wijzig met --max-file-size)`);
    expect(run(['check', '--max-file-size', '1', files.md]).code).toBe(0);
  });

  it('--max-decompressed-size', () => {
    expect(refused(['--max-decompressed-size', '0.01'], files.docx)).toBe(
      `${files.docx}: uitgepakte inhoud te groot of te veel onderdelen (limiet 10 kB; wijzig met --max-decompressed-size)`,
    );
    expect(run(['check', '--max-decompressed-size', '5', files.docx]).code).not.toBe(2);
  });

  it('--max-pages', () => {
    expect(refused(['--max-pages', '10'], files.pdf30)).toBe(`${files.pdf30}: te veel pagina's (limiet 10; wijzig met --max-pages)`);
    expect(run(['check', '--max-pages', '30', files.pdf30]).code).not.toBe(2);
  });

  it('--timeout: a document over the time limit is stopped, naming the limit and the flag', () => {
    // The 1000-page PDF takes about 2 s in its worker; a limit of 0.2 s stops it.
    expect(refused(['--timeout', '0.2'], files.pdf1000)).toBe(`${files.pdf1000}: verwerking duurde te lang (limiet 0.2 s; wijzig met --timeout)`);
  }, 30_000);

  it('a 1000-page PDF is within the default limits', () => {
    const r = run(['check', '--format', 'json', files.pdf1000]);
    const doc = JSON.parse(r.stdout).documents[0];
    expect(doc.verdict).not.toBe('error');
    expect(doc.stats.pages).toBe(1000);
  }, 60_000);

  it.each([
    ['--max-file-size', '0'],
    ['--max-file-size', 'veel'],
    ['--max-decompressed-size', '-5'],
    ['--max-pages', '1.5'],
    ['--timeout', 'nooit'],
  ])('%s %s is a usage error: one line, exit 2', (flag, value) => {
    const r = run(['check', flag, value, files.md]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
