/**
 * runBatch end to end with the real loaders and engine in worker threads. The workers run the
 * compiled dist/batch/worker.js (Node cannot start a .ts worker), so dist is (re)built first when
 * it is missing or older than the sources; `npm test` builds anyway.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMemoryLimitMb, runBatch, type BatchResult } from '../../src/batch/index.js';
import { inputErrorText } from '../../src/i18n/input-errors.js';
import type { DocumentResult } from '../../src/engine/result.js';
import { NOTE_MD, smallMeldcode, standardTree, tmpDir, write } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuilt(): void {
  const worker = path.join(ROOT, 'dist/batch/worker.js');
  const stale = !existsSync(worker) || !existsSync(path.join(ROOT, 'dist/load/index.js')) || statSync(worker).mtimeMs < newestMtime(path.join(ROOT, 'src'));
  if (!stale) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'pipe' });
  } catch {
    /* type errors elsewhere still emit JavaScript */
  }
}

let dir: string;
let cleanup: () => void;
let twoJobs: BatchResult;

const rel = (name: string) => path.relative(dir, name).split(path.sep).join('/');
const byName = (r: BatchResult) => Object.fromEntries(r.documents.map((d) => [rel(d.file), d]));
/** Results without timings, for comparing runs. */
const comparable = (docs: DocumentResult[]) =>
  docs.map((d) => {
    const { stats, ...rest } = d;
    return { ...rest, stats: stats ? { ...stats, loadMs: 0, checkMs: 0 } : undefined };
  });

beforeAll(async () => {
  ensureBuilt();
  ({ dir, cleanup } = tmpDir());
  standardTree(dir);
  twoJobs = await runBatch([dir], { jobs: 2 });
}, 60_000);
afterAll(() => cleanup());

describe('runBatch on a folder', () => {
  it('checks every document once, in stable order, with real results', () => {
    expect(twoJobs.documents.map((d) => rel(d.file))).toEqual([
      'a-meldcode.md',
      'b-notitie.md',
      'oud.doc',
      'pakket.zip/f.md',
      'pakket.zip/map/e.md',
      'sub/deeper/d-plan.txt',
      'tekst.odt',
    ]);
    const docs = byName(twoJobs);
    expect(docs['a-meldcode.md']!.verdict).not.toBe('error');
    expect(docs['a-meldcode.md']!.elements.length).toBeGreaterThan(5);
    expect(docs['b-notitie.md']!.verdict).toBe('not-a-meldcode');
    expect(twoJobs.stats).toMatchObject({ mode: 'worker', documents: 7, found: 8 });
  });

  it('reports a duplicate once, with the other name', () => {
    const a = byName(twoJobs)['a-meldcode.md']!;
    expect(a.duplicates?.map(rel)).toEqual(['sub/c-kopie.md']);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads zip entries in place and checks them like files', () => {
    const docs = byName(twoJobs);
    for (const n of ['pakket.zip/f.md', 'pakket.zip/map/e.md']) {
      expect(docs[n]!.verdict).not.toBe('error');
      expect(docs[n]!.stats?.format).toBe('md');
    }
    expect(docs['pakket.zip/map/e.md']!.organisation?.name ?? docs['pakket.zip/map/e.md']!.title ?? '').toMatch(/Anker|Meldcode/);
  });

  it('reports .doc and .odt as errors with a conversion hint, never skips them', () => {
    const docs = byName(twoJobs);
    expect(docs['oud.doc']!.error?.cause).toBe('legacy-doc');
    expect(docs['oud.doc']!.error?.message.nl).toMatch(/\.docx/);
    expect(docs['tekst.odt']!.error?.cause).toBe('odt');
  });

  it('counts skipped files with a reason', () => {
    const reasons = Object.fromEntries(twoJobs.skipped.map((s) => [rel(s.path), s.reason]));
    expect(reasons['data.json']).toBe('not-a-document');
    expect(reasons['logo.png']).toBe('not-a-document');
    expect(reasons['.verborgen.md']).toBe('hidden');
    expect(reasons['labels.json']).toBe('labels-file');
    expect(reasons['sub/loop']).toBe('symlink-loop');
  });

  it('gives per-document load and check times', () => {
    const a = byName(twoJobs)['a-meldcode.md']!;
    expect(typeof a.stats?.loadMs).toBe('number');
    expect(typeof a.stats?.checkMs).toBe('number');
  });

  it('gives the same results in the same order with jobs=1', async () => {
    const one = await runBatch([dir], { jobs: 1 });
    expect(comparable(one.documents)).toEqual(comparable(twoJobs.documents));
    expect(one.skipped).toEqual(twoJobs.skipped);
  }, 30_000);
});

describe('inputs that match nothing', () => {
  it('lists a glob without matches in unmatched, even when another pattern matched', async () => {
    const r = await runBatch(['*.md', 'geen-*.docx'], { cwd: dir, jobs: 1 });
    expect(r.unmatched).toEqual(['geen-*.docx']);
    expect(r.documents.map((d) => d.file)).toEqual(['a-meldcode.md', 'b-notitie.md']);
  });

  it('reports a missing literal path as a not-found error', async () => {
    const r = await runBatch([path.join(dir, 'bestaat-niet.docx')]);
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]!.error?.cause).toBe('not-found');
  });
});

describe('isolation', () => {
  let d: string;
  let c: () => void;
  beforeAll(() => {
    ({ dir: d, cleanup: c } = tmpDir());
    write(d, '1-eerste.md', smallMeldcode('Eerste'));
    write(d, '2-hangt.md', smallMeldcode('Hangt'));
    write(d, '3-crasht.md', smallMeldcode('Crasht'));
    write(d, '4-laatste.md', smallMeldcode('Laatste'));
    write(d, '5-notitie.md', NOTE_MD);
  });
  afterAll(() => c());

  // With one worker and five documents, the worker holds the next document while it reads the
  // current one: the third document waits in the worker that hangs on the second, and must be put
  // back and checked by the replacement.
  it('turns a hanging parser into a timeout and goes on (worker replaced)', async () => {
    const t0 = Date.now();
    const r = await runBatch([d], { jobs: 1, timeoutMs: 2000, testHooks: { hangPattern: 'hangt' } });
    expect(Date.now() - t0).toBeLessThan(20_000);
    const v = r.documents.map((x) => [path.basename(x.file), x.verdict, x.error?.cause]);
    expect(v[1]).toEqual(['2-hangt.md', 'error', 'timeout']);
    expect(r.documents[1]!.error?.detail).toMatchObject({ limit: '2 s', flag: '--timeout' });
    for (const i of [0, 2, 3]) expect(r.documents[i]!.verdict).not.toBe('error');
    expect(r.documents[4]!.verdict).toBe('not-a-meldcode');
    expect(r.stats!.workersStarted).toBe(2);
  }, 30_000);

  it('turns a crash into a crashed error and goes on', async () => {
    const r = await runBatch([d], { jobs: 2, testHooks: { crashPattern: 'crasht' } });
    expect(r.documents.map((x) => path.basename(x.file))).toEqual(['1-eerste.md', '2-hangt.md', '3-crasht.md', '4-laatste.md', '5-notitie.md']);
    const crashed = r.documents[2]!;
    expect(crashed.error?.cause).toBe('crashed');
    expect(String(crashed.error?.detail?.reason)).toMatch(/test crash/);
    expect(r.documents.filter((x) => x.verdict === 'error')).toHaveLength(1);
  }, 30_000);

  it('turns a heap blow-up into crashed (geheugenlimiet) and goes on', async () => {
    const r = await runBatch([d], { jobs: 2, memoryLimitMb: 48, testHooks: { oomPattern: 'laatste' } });
    const oom = r.documents[3]!;
    expect(oom.error?.cause).toBe('crashed');
    expect(oom.error?.detail).toMatchObject({ reason: 'geheugenlimiet', limit: '48 MB', flag: '--max-memory' });
    expect(inputErrorText('crashed', oom.error!.detail).nl).toBe('te veel geheugen nodig (limiet 48 MB; wijzig met --max-memory)');
    expect(inputErrorText('crashed', oom.error!.detail).en).toBe('needed too much memory (limit 48 MB; change with --max-memory)');
    expect(r.documents.filter((x) => x.verdict === 'error')).toHaveLength(1);
  }, 30_000);

  it('sizes the default heap limit per worker from the machine: half of each share, 512 MB to 2 GB', () => {
    const GB = 1024 ** 3;
    expect(defaultMemoryLimitMb(2, 24 * GB)).toBe(2048);
    expect(defaultMemoryLimitMb(2, 7 * GB)).toBe(1792);
    expect(defaultMemoryLimitMb(8, 8 * GB)).toBe(512);
    expect(defaultMemoryLimitMb(1, 2 * GB)).toBe(1024);
    expect(defaultMemoryLimitMb(0, 1 * GB)).toBe(512);
  });
});

describe('streaming and modes', () => {
  it('calls onResult once per document, in input order', async () => {
    const seen: string[] = [];
    const r = await runBatch([dir], { jobs: 3 }, (res, i, total) => {
      expect(total).toBe(7);
      seen.push(`${i}:${rel(res.file)}`);
    });
    expect(seen).toEqual(r.documents.map((x, i) => `${i}:${rel(x.file)}`));
  }, 30_000);

  it('runs a single Markdown file in-process and anything else in workers', async () => {
    const single = await runBatch([path.join(dir, 'a-meldcode.md')]);
    expect(single.stats?.mode).toBe('in-process');
    expect(single.documents[0]!.verdict).toBe(twoJobs.documents[0]!.verdict);
    const withJobs = await runBatch([path.join(dir, 'a-meldcode.md')], { jobs: 1 });
    expect(withJobs.stats?.mode).toBe('worker');
    expect(comparable(withJobs.documents)).toEqual(comparable(single.documents));
  }, 30_000);

  it('a single Markdown file over 1 MB goes to a worker: only there can a time limit stop a long synchronous parse', async () => {
    const own = tmpDir('meldcode-batch-big-');
    try {
      const big = write(own.dir, 'veel-tekst.md', `# Notulen\n\n${'Een zin zonder einde en zonder meldcode. '.repeat(30_000)}\n`);
      const r = await runBatch([big]);
      expect(r.stats?.mode).toBe('worker');
      expect(r.documents[0]!.verdict).toBe('not-a-meldcode');
    } finally {
      own.cleanup();
    }
  }, 60_000);

  it('fails the whole run (not each document) when the workers cannot load the rule set', async () => {
    await expect(runBatch([dir], { jobs: 2, rulesDir: path.join(dir, 'geen-regels') })).rejects.toMatchObject({ name: 'RuleFileError' });
  }, 30_000);

  it('writes nothing to stdout', async () => {
    const orig = process.stdout.write.bind(process.stdout);
    let written = '';
    process.stdout.write = ((s: string | Uint8Array) => ((written += String(s)), true)) as typeof process.stdout.write;
    try {
      await runBatch([dir], { jobs: 2, progress: true });
    } finally {
      process.stdout.write = orig;
    }
    expect(written).toBe('');
  }, 30_000);
});

describe('format affinity in the worker pool queue', () => {
  it('kindOf is the lower-case extension', async () => {
    const { kindOf } = await import('../../src/batch/pool.js');
    expect(kindOf('a/B.PDF')).toBe('pdf');
    expect(kindOf('inzending.zip/x/meldcode.docx')).toBe('docx');
    expect(kindOf('README')).toBe('');
  });

  it('a worker keeps its format, a new worker takes the largest format nobody reads, order within a format is kept', async () => {
    const { JobQueue } = await import('../../src/batch/pool.js');
    const q = new JobQueue<string>();
    for (const name of ['1.md', '2.pdf', '3.docx', '4.pdf', '5.md', '6.pdf', '7.docx']) q.push(name, name.split('.')[1]!);
    const a = q.pick(undefined, new Set());
    expect(a).toBe('pdf');
    expect(q.take(a)).toBe('2.pdf');
    const b = q.pick(undefined, new Set(['pdf']));
    expect(['md', 'docx']).toContain(b);
    expect(q.take(b)).toBe(b === 'md' ? '1.md' : '3.docx');
    expect(q.pick('pdf', new Set([b]))).toBe('pdf');
    expect(q.take('pdf')).toBe('4.pdf');
    expect(q.take('pdf')).toBe('6.pdf');
    // pdf is exhausted: the pdf worker moves to the largest format the other is not reading
    const next = q.pick('pdf', new Set([b]));
    expect(next).not.toBe(b);
    expect(q.length).toBe(3);
    q.pushFront('0.md', 'md');
    expect(q.length).toBe(4);
    expect(q.take('md')).toBe('0.md');
    q.pushFront('0.md', 'md');
    expect(q.drain().filter((x) => x !== '0.md').sort()).toEqual(['3.docx', '5.md', '7.docx', '1.md'].filter((x) => x !== (b === 'md' ? '1.md' : '3.docx')).sort());
    expect(q.length).toBe(0);
  });
});
