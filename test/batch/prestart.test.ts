/**
 * The early worker (src/batch/prestart.ts): when bin/meldcode.js starts one, and that a run adopts
 * it (same results as a worker started by the pool) or ends it.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/index.js';
import { defaultMemoryLimitMb } from '../../src/batch/memory.js';
import { discardPrestarted, earlyWorkerFor, prestartWorker, takePrestarted } from '../../src/batch/prestart.js';
import { cleanupTmp } from '../helpers/docx-fixtures.js';
import { reportPdf } from '../helpers/pdf-fixtures.js';
import { standardTree, tmpDir } from './fixtures.js';

const folders = new Set(['map', 'inzendingen']);
const isFolder = (p: string) => folders.has(p);
const early = (...argv: string[]) => earlyWorkerFor(argv, isFolder, 4);

afterAll(() => {
  discardPrestarted();
  cleanupTmp();
});

describe('earlyWorkerFor: when the command line asks for an early worker', () => {
  it('starts one for a .pdf or .docx check, preloading its parser, with the heap limit of one worker', () => {
    expect(early('check', 'meldcode.pdf')).toEqual({ preload: 'pdf', memoryLimitMb: defaultMemoryLimitMb(1) });
    expect(early('beleid/Meldcode.DOCX', '--format', 'json')).toEqual({ preload: 'docx', memoryLimitMb: defaultMemoryLimitMb(1) });
  });

  it('uses the limit of the whole pool for a folder, a zip or several files, and --jobs / --max-memory when given', () => {
    expect(early('check', 'map')).toEqual({ preload: undefined, memoryLimitMb: defaultMemoryLimitMb(4) });
    expect(early('inzendingen.zip', '-j', '8')).toEqual({ preload: undefined, memoryLimitMb: defaultMemoryLimitMb(8) });
    expect(early('a.docx', 'b.pdf', '--jobs=2')).toEqual({ preload: 'pdf', memoryLimitMb: defaultMemoryLimitMb(2) });
    expect(early('map', '--max-memory', '700')).toEqual({ preload: undefined, memoryLimitMb: 700 });
  });

  it('starts none for other commands, help, version or Markdown only', () => {
    for (const argv of [['rules'], ['explain', 'M01'], ['waivers', 'check'], ['--help'], ['check', '-h'], ['--version'], ['check', 'meldcode.md'], ['check', 'a.md', 'b.txt'], []]) {
      expect(early(...argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('an early worker in a run', () => {
  it('is adopted by a run with the same heap limit and gives the same results as a new worker', async () => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'pipe' });
    const pdf = await reportPdf();
    const limit = 640;
    const plain = await runBatch([pdf], { memoryLimitMb: limit, isolation: 'worker' });
    const w = prestartWorker('pdf', limit)!;
    const seen: string[] = [];
    w.on('message', (m: { type: string }) => seen.push(m.type));
    const adopted = await runBatch([pdf], { memoryLimitMb: limit, isolation: 'worker' });
    // The early worker did the work: it became ready and sent the result.
    expect(seen).toEqual(['ready', 'result']);
    expect(adopted.stats!.workersStarted).toBe(1);
    const strip = (r: typeof plain) => r.documents.map((d) => ({ ...d, stats: { ...d.stats, loadMs: 0, checkMs: 0 } }));
    expect(strip(adopted)).toEqual(strip(plain));
    expect(adopted.documents[0]!.verdict).not.toBe('error');
    // Taken: nothing is left for another run.
    expect(takePrestarted(limit)).toBeUndefined();
  }, 60_000);

  it('is not taken by a run with another heap limit, nor by an in-process run, and then ends', async () => {
    const exited = (w: { once(e: 'exit', f: () => void): void }) => new Promise<void>((resolve) => w.once('exit', resolve));
    const a = prestartWorker('docx', 700)!;
    const aGone = exited(a);
    expect(takePrestarted(800)).toBeUndefined();
    await aGone;
    const b = prestartWorker(undefined, 700)!;
    const bGone = exited(b);
    const seen: string[] = [];
    b.on('message', (m: { type: string }) => seen.push(m.type));
    const { dir, cleanup } = tmpDir();
    try {
      standardTree(dir);
      const r = await runBatch([`${dir}/a-meldcode.md`], {});
      expect(r.stats!.mode).toBe('in-process');
      expect(r.documents[0]!.verdict).not.toBe('error');
      await bGone;
      expect(seen).toEqual([]);
    } finally {
      cleanup();
    }
  }, 60_000);
});
