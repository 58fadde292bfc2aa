#!/usr/bin/env node
// npm run fuzz -- [--runs 5000] [--seed N] [--jobs N] [--timeout MS] [--out DIR] [--corpus DIR]...
//
// Fuzzes the loaders (dist/load: loadBuffer) with fast-check inputs from test/robustness/mutate.mjs:
// real documents (../shared/corpus and fixtures/, plus any --corpus folder) mutated by bit flips,
// truncations, splices and mutations inside a .docx's XML, and random bytes behind format magic.
// Every outcome must be a Document with clean blocks (the normaliser's fold/sentences promises are
// checked on its text, and the engine must check it without throwing) or an InputError with a known
// cause and one-line details.
//
// Each case runs in a worker thread with a heap limit (512 MB, as in the CLI) and a time limit
// (--timeout, default 10 000 ms): a worker that does not answer in time is terminated and the case
// counts as a hang; a worker that dies (out of memory, uncaught error) counts as a crash, as does
// a raw exception or a broken promise. An answer after --slow (default 2000 ms) is listed as slow,
// not as a failure. Failing and slow inputs are written to --out (default: a folder in the system
// temp dir) for reproduction. Prints the count, crashes, hangs and time; exit 1 when any.
// Uses dist/: run `npm run build` first.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MUTATE = pathToFileURL(path.join(ROOT, 'test', 'robustness', 'mutate.mjs')).href;

if (!isMainThread) {
  // ---- worker: load one input, check the outcome, answer
  const { loadBuffer } = await import(pathToFileURL(path.join(ROOT, 'dist', 'load', 'index.js')).href);
  const { fold, sentences } = await import(pathToFileURL(path.join(ROOT, 'dist', 'document', 'normalize.js')).href);
  const { checkOutcome, checkNormalizer } = await import(MUTATE);
  // The engine runs on every loaded document too: whatever a loader lets through must not make the
  // rules, the sentence splitter or the start keys throw.
  const { loadRuleSet } = await import(pathToFileURL(path.join(ROOT, 'dist', 'rules', 'load.js')).href);
  const { checkDocument } = await import(pathToFileURL(path.join(ROOT, 'dist', 'engine', 'check.js')).href);
  const ruleset = loadRuleSet();
  // A parser that logs must not flood the terminal.
  for (const k of ['log', 'info', 'warn', 'error', 'debug']) console[k] = () => undefined;
  parentPort.on('message', async ({ id, name, bytes }) => {
    const t0 = performance.now();
    let outcome;
    try {
      outcome = { doc: await loadBuffer(name, bytes, workerData.load) };
    } catch (error) {
      outcome = { error };
    }
    const ms = performance.now() - t0;
    let problem = checkOutcome(name, bytes, outcome);
    if (!problem && outcome.doc) {
      for (const b of outcome.doc.blocks.slice(0, 200)) {
        problem = checkNormalizer(fold, sentences, b.text);
        if (problem) break;
      }
    }
    if (!problem && outcome.doc) {
      try {
        const r = checkDocument(outcome.doc, ruleset);
        if (!r || !Array.isArray(r.elements) || !r.verdict) problem = 'checkDocument returned no result';
      } catch (err) {
        problem = `checkDocument threw: ${String(err?.stack ?? err).split('\n').slice(0, 3).join(' | ')}`;
      }
    }
    const result = outcome.doc ? 'ok' : outcome.error?.name === 'InputError' ? outcome.error.cause : 'exception';
    parentPort.postMessage({ id, result, problem, ms });
  });
  parentPort.postMessage({ ready: true });
} else {
  await main();
}

function arg(name, fallback) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

function args(name) {
  const argv = process.argv.slice(2);
  const out = [];
  argv.forEach((a, i) => {
    if (a === `--${name}`) out.push(argv[i + 1]);
    else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  });
  return out;
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(readHead());
    return;
  }
  if (!existsSync(path.join(ROOT, 'dist', 'load', 'index.js'))) {
    process.stderr.write('fuzz: dist/ is missing: run "npm run build" first\n');
    process.exit(2);
  }
  const runs = Number(arg('runs', 1000));
  const seed = Number(arg('seed', Date.now() % 2 ** 31));
  const jobs = Math.max(1, Number(arg('jobs', Math.min(4, os.availableParallelism()))));
  const timeoutMs = Number(arg('timeout', 10_000));
  const outDir = path.resolve(arg('out', path.join(os.tmpdir(), `meldcode-fuzz-${seed}`)));
  const memoryMb = Number(arg('memory', 512));
  const fc = (await import('fast-check')).default;
  const { fuzzInput, loadCorpus } = await import(MUTATE);
  const corpus = loadCorpus([path.resolve(ROOT, '..', 'shared', 'corpus'), path.join(ROOT, 'fixtures'), ...args('corpus').map((d) => path.resolve(d))]);
  const arb = fuzzInput(corpus);

  console.log(`fuzz: ${runs} inputs, seed ${seed}, ${jobs} workers, ${timeoutMs} ms per input, heap ${memoryMb} MB; corpus ${corpus.length} documents`);
  const t0 = performance.now();

  // Inputs are generated in small batches (a different seed each), never all at once.
  const BATCH = jobs * 8;
  let batch = [];
  let batchNo = 0;
  let generated = 0;
  const next = () => {
    if (generated >= runs) return undefined;
    if (!batch.length) batch = fc.sample(arb, { seed: seed + batchNo++, numRuns: Math.min(BATCH, runs - generated) });
    generated++;
    return { id: generated, ...batch.shift() };
  };

  const slowMs = Number(arg('slow', 2000));
  const stats = { done: 0, ok: 0, causes: {}, kinds: {}, crashes: [], hangs: [], slow: [], slowest: [] };
  const failures = [];
  const save = (input, what, detail) => {
    mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${String(input.id).padStart(6, '0')}-${what}-${input.kind.replace(/[^\w+-]/g, '_')}-${input.name}`);
    writeFileSync(file, input.bytes);
    failures.push({ file, what, detail, kind: input.kind, name: input.name, bytes: input.bytes.length });
  };

  await new Promise((resolveAll) => {
    let active = 0;
    const spawn = () => {
      const worker = new Worker(fileURLToPath(import.meta.url), {
        workerData: { load: {} },
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      active++;
      const slot = { worker, job: undefined, timer: undefined, error: undefined, gone: false };
      const finish = () => {
        clearTimeout(slot.timer);
        slot.job = undefined;
      };
      const feed = () => {
        const input = next();
        if (!input) {
          slot.gone = true;
          void worker.terminate();
          return;
        }
        slot.job = input;
        slot.timer = setTimeout(() => {
          // No answer in time: a hang. Stop this worker, start another.
          const job = slot.job;
          slot.gone = true;
          finish();
          stats.done++;
          stats.hangs.push(job.kind);
          save(job, 'hang', `no answer within ${timeoutMs} ms`);
          void worker.terminate();
          spawn();
        }, timeoutMs);
        worker.postMessage({ id: input.id, name: input.name, bytes: input.bytes });
      };
      worker.on('message', (msg) => {
        if (msg.ready) return feed();
        const job = slot.job;
        if (!job || job.id !== msg.id || slot.gone) return;
        finish();
        stats.done++;
        stats.kinds[job.kind.split(':')[0]] = (stats.kinds[job.kind.split(':')[0]] ?? 0) + 1;
        if (msg.problem) {
          stats.crashes.push(job.kind);
          save(job, 'crash', msg.problem);
        } else if (msg.result === 'ok') stats.ok++;
        else stats.causes[msg.result] = (stats.causes[msg.result] ?? 0) + 1;
        if (msg.ms >= slowMs) {
          stats.slow.push(job.kind);
          save(job, 'slow', `${Math.round(msg.ms)} ms`);
        }
        stats.slowest.push({ ms: msg.ms, kind: job.kind, bytes: job.bytes.length });
        stats.slowest.sort((a, b) => b.ms - a.ms).splice(5);
        if (stats.done % 500 === 0) process.stderr.write(`fuzz: ${stats.done}/${runs} (${Math.round((performance.now() - t0) / 1000)} s)\n`);
        feed();
      });
      worker.on('error', (err) => (slot.error = err));
      worker.on('exit', () => {
        active--;
        if (slot.job && !slot.gone) {
          // The worker died on this input (heap limit, uncaught exception).
          const job = slot.job;
          finish();
          stats.done++;
          const reason = slot.error?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `heap limit (${memoryMb} MB)` : String(slot.error?.message ?? 'worker exited');
          stats.crashes.push(job.kind);
          save(job, 'crash', `worker died: ${reason}`);
          spawn();
        }
        if (active === 0 && generated >= runs) resolveAll();
      });
    };
    for (let i = 0; i < Math.min(jobs, runs); i++) spawn();
    if (runs === 0) resolveAll();
  });

  const seconds = (performance.now() - t0) / 1000;
  const line = (k, v) => console.log(`  ${k.padEnd(22)}${v}`);
  console.log('');
  line('inputs', stats.done);
  line('  by kind', Object.entries(stats.kinds).sort().map(([k, n]) => `${k} ${n}`).join(', '));
  line('loaded (Document)', stats.ok);
  line('refused (InputError)', Object.values(stats.causes).reduce((a, b) => a + b, 0) + '  ' + Object.entries(stats.causes).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', '));
  line('crashes', stats.crashes.length);
  line('hangs', `${stats.hangs.length} (no answer within ${timeoutMs} ms)`);
  line('slow (not failures)', `${stats.slow.length} (${slowMs} ms or more)`);
  line('time', `${seconds.toFixed(1)} s (${(stats.done / seconds).toFixed(0)} inputs/s)`);
  line('slowest', stats.slowest.map((s) => `${Math.round(s.ms)} ms ${s.kind} (${s.bytes} B)`).join('; '));
  line('seed', `${seed} (rerun: npm run fuzz -- --runs ${runs} --seed ${seed})`);
  if (failures.length) {
    console.log('');
    console.log(`Failing inputs (written to ${outDir}):`);
    for (const f of failures.slice(0, 30)) console.log(`  ${f.what}: ${f.kind} ${f.name} (${f.bytes} B): ${f.detail}\n    ${f.file}`);
    writeFileSync(path.join(outDir, 'failures.json'), JSON.stringify(failures, null, 2));
  }
  process.exitCode = stats.crashes.length || stats.hangs.length ? 1 : 0;
}

/** The comment block at the top of this file is the help text. */
function readHead() {
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
  const head = [];
  for (const l of lines) {
    if (!l.startsWith('//')) break;
    head.push(l.replace(/^\/\/ ?/, ''));
  }
  return `${head.join('\n')}\n`;
}
