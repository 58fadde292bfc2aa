#!/usr/bin/env node
// npm run bench: performance of meldcode-check on this machine.
//
//   node bench/run.mjs [--quick] [--only startup,single,floor,batch,big,ggd] [--force-gen] [--out FILE]
//   MELDCODE_BENCH_TOOL=DIR node bench/run.mjs   measures another build (DIR/bin, DIR/dist), e.g. a before copy
//
// Builds the synthetic set once (bench/gen.mjs → bench/.cache/), then measures start-up, single
// documents per format and size (loader / rules / plain extraction, in-process, in a fresh Node
// process per file), the checker/extraction ratio on the 200-document mixed batch, batch throughput
// through the real CLI with --jobs 1 and 2 (wall, CPU, peak RSS of the whole process tree; and, as a
// diagnostic, the same under node --single-threaded: V8 without its helper threads), big PDFs
// through the CLI and the GGD case (shared corpus + the 200 variants in one call). Prints a table and
// writes bench/results.json. Uses dist/: run `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, ensureSet, GEN_VERSION, WORDS_PER_PAGE } from './gen.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The checker under test: this repository, or another build (MELDCODE_BENCH_TOOL=DIR with bin/ and dist/).
const TOOL = path.resolve(process.env.MELDCODE_BENCH_TOOL ?? ROOT);
const BIN = path.join(TOOL, 'bin', 'meldcode.js');
const SHARED_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only'));
const OUT = argv.includes('--out') ? path.resolve(argv[argv.indexOf('--out') + 1]) : path.join(ROOT, 'bench', 'results.json');
const ONLY = onlyArg ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',')) : undefined;
const want = (s) => !ONLY || ONLY.has(s);
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const PAGE_SIZE = 4096;

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;
/** Dutch number: decimal comma. */
const nl = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d).replace('.', ',') : '–');
const log = (s) => process.stderr.write(`${s}\n`);

if (!fs.existsSync(path.join(TOOL, 'dist', 'cli', 'main.js'))) {
  log('bench: dist/ ontbreekt: voer eerst "npm run build" uit');
  process.exit(2);
}

// ------------------------------------------------------------------------------------------
// Process helpers

/** All descendants of `root` (pids), from /proc. */
function descendants(root) {
  let entries;
  try {
    entries = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const parent = new Map();
  for (const d of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(rest[1]));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop();
    for (const [c, pp] of parent) if (pp === p) (out.push(c), stack.push(c));
  }
  return out;
}

function rssOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[21]) * PAGE_SIZE; // field 24: rss in pages
  } catch {
    return 0;
  }
}

/**
 * Runs `node args…` (under /usr/bin/time -f when present) and samples the RSS of the whole process
 * tree every 20 ms. Returns wall ms, CPU ms (user+sys, from time), max RSS of the largest process
 * (time %M) and of the sampled tree, exit code and stdout.
 */
function runNode(args, { cwd = ROOT, keepStdout = false, killAfterMs } = {}) {
  return new Promise((resolve) => {
    const timeFile = path.join(os.tmpdir(), `meldcode-bench-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    const cmd = TIME ? TIME : process.execPath;
    const full = TIME ? ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args] : args;
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, full, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    const chunks = [];
    let bytes = 0;
    child.stdout.on('data', (c) => {
      bytes += c.length;
      if (keepStdout) chunks.push(c);
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
    let peakTree = 0;
    let lastCpuTicks = 0;
    const sample = () => {
      const pids = TIME ? descendants(child.pid) : [child.pid, ...descendants(child.pid)];
      let sum = 0;
      for (const p of pids) sum += rssOf(p);
      if (sum > peakTree) peakTree = sum;
      if (!TIME) {
        try {
          const rest = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
          lastCpuTicks = Number(rest[11]) + Number(rest[12]);
        } catch {
          /* gone */
        }
      }
    };
    const timer = setInterval(sample, 20);
    sample();
    let killed = false;
    const killer = killAfterMs
      ? setTimeout(() => {
          killed = true;
          for (const p of [...descendants(child.pid), child.pid]) {
            try {
              process.kill(p, 'SIGKILL');
            } catch {
              /* gone */
            }
          }
        }, killAfterMs)
      : undefined;
    child.on('close', (code) => {
      clearInterval(timer);
      clearTimeout(killer);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let cpuMs = lastCpuTicks * 10;
      let maxRssMb;
      if (TIME) {
        try {
          const parts = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ');
          cpuMs = (Number(parts[1]) + Number(parts[2])) * 1000;
          maxRssMb = Math.round(Number(parts[3]) / 1024);
          fs.rmSync(timeFile, { force: true });
        } catch {
          /* no figures */
        }
      }
      resolve({ code, killed, wallMs, cpuMs, maxRssMb, treePeakRssMb: Math.round(peakTree / 1048576), stdout: keepStdout ? Buffer.concat(chunks).toString('utf8') : undefined, stdoutBytes: bytes, stderr });
    });
  });
}

function wallOf(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} → exit ${r.status}: ${r.stderr}`);
  return ms;
}

async function measure(args, killAfterMs) {
  const r = await runNode([path.join(ROOT, 'bench', 'measure.mjs'), ...args], { keepStdout: true, killAfterMs });
  if (r.killed) return { timedOut: true, limitS: killAfterMs / 1000 };
  if (r.code !== 0) throw new Error(`measure ${args.join(' ')} → exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Documents and errors in a JSON report. */
function reportCounts(stdout) {
  try {
    const j = JSON.parse(stdout);
    const docs = j.documents ?? [];
    return { documents: docs.length, errors: docs.filter((d) => d.verdict === 'error').length, errorCauses: [...new Set(docs.filter((d) => d.verdict === 'error').map((d) => d.error?.cause))] };
  } catch {
    return { documents: 0, errors: 0, unparsable: true };
  }
}

// ------------------------------------------------------------------------------------------

const started = Date.now();
const results = {
  tool: 'meldcode-check bench',
  date: new Date().toISOString(),
  node: process.version,
  machine: {
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    availableParallelism: os.availableParallelism(),
    memoryMb: Math.round(os.totalmem() / 1048576),
    loadavgStart: os.loadavg().map(r2),
  },
  toolUnderTest: path.relative(ROOT, TOOL) || '.',
  git: (() => {
    const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
    return { head, srcDirty: dirty };
  })(),
  generator: { version: GEN_VERSION, wordsPerPage: WORDS_PER_PAGE },
  quick: QUICK,
  timeMeasurement: TIME ? '/usr/bin/time -f "%e %U %S %M" + /proc polling of the process tree every 20 ms' : '/proc polling of the process tree every 20 ms',
};

log(`bench: synthetische set (${CACHE}) …`);
const manifest = await ensureSet({ log, force: argv.includes('--force-gen') });
results.generator.built = manifest.built;
results.generator.buildSeconds = manifest.buildSeconds;
results.generator.single = manifest.single.map((s) => ({ pages: s.pages, words: s.words, pdfPages: s.pdfPages }));
log(`bench: set ${manifest.built ? `gebouwd in ${manifest.buildSeconds} s` : 'uit cache'}`);
const cacheFile = (rel) => path.join(CACHE, rel);
const batchDir = cacheFile('batch');

// 1. Start-up -------------------------------------------------------------------------------
if (want('startup')) {
  log('bench: opstarten …');
  const n = QUICK ? 5 : 10;
  const times = { nodeE0: [], version: [], help: [] };
  wallOf(['-e', '0']);
  wallOf([BIN, '--version']);
  for (let i = 0; i < n; i++) {
    times.nodeE0.push(wallOf(['-e', '0']));
    times.version.push(wallOf([BIN, '--version']));
    times.help.push(wallOf([BIN, '--help']));
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, r1(median(v))]));
  results.startup = { runs: n, medianMs: m, all: times, versionRatio: r2(m.version / m.nodeE0), helpRatio: r2(m.help / m.nodeE0) };
}

// 2. Single documents per format and size (in-process, fresh process per file) -----------------
const SINGLE_CAP_S = 120;
const SINGLE_SIZES = QUICK ? [2, 10, 30, 100] : [2, 10, 30, 100, 1000];
const FORMATS = ['md', 'docx', 'pdf'];
if (want('single')) {
  results.single = [];
  for (const pages of SINGLE_SIZES) {
    for (const fmt of FORMATS) {
      const s = manifest.single.find((x) => x.pages === pages);
      const runs = pages >= 1000 ? 1 : pages >= 100 ? 3 : 5;
      const warmup = pages >= 1000 ? 0 : 1;
      log(`bench: ${pages} pagina's ${fmt} (${runs}×) …`);
      // A cap keeps the bench bounded when something is (super)linear: reported as "> N s".
      const m = await measure(['single', cacheFile(s.files[fmt]), String(runs), String(warmup)], pages >= 1000 ? SINGLE_CAP_S * 1000 : undefined);
      results.single.push({ ...m, format: fmt, pages, pdfPages: fmt === 'pdf' ? s.pdfPages : undefined, words: s.words, msPerPage: r2(m.totalMs / pages) });
    }
  }
}

// 3. The floor on the mixed batch: checker vs plain extraction, in-process -----------------
const batchFiles = manifest.batch.map((b) => cacheFile(b.file));
if (want('floor')) {
  log(`bench: ondergrens, gemengde batch (${batchFiles.length} documenten) …`);
  const listFile = path.join(os.tmpdir(), `meldcode-bench-list-${process.pid}.json`);
  fs.writeFileSync(listFile, JSON.stringify(batchFiles));
  const m = await measure(['batch', listFile, String(QUICK ? 1 : 3)]);
  fs.rmSync(listFile, { force: true });
  results.floor = m;
}

// 4. Batch throughput through the real CLI --------------------------------------------------
/**
 * The batch through the CLI with --jobs 1 and 2 (median of `reps` runs each), with extra node
 * flags before the script (a diagnostic variant).
 */
async function measureBatch(nodeFlags, label) {
  const out = { nodeFlags, runs: [] };
  const reps = QUICK ? 1 : 3;
  for (let i = 0; i < reps; i++) {
    for (const jobs of [1, 2]) {
      log(`bench: batch via CLI${label} --jobs ${jobs} (${i + 1}/${reps}) …`);
      const r = await runNode([...nodeFlags, BIN, 'check', batchDir, '--format', 'json', '--jobs', String(jobs), '--no-progress'], { keepStdout: true });
      const counts = reportCounts(r.stdout);
      out.runs.push({ jobs, exit: r.code, wallMs: r1(r.wallMs), cpuMs: r1(r.cpuMs), maxRssMb: r.maxRssMb, treePeakRssMb: r.treePeakRssMb, ...counts, loadavg: r2(os.loadavg()[0]) });
    }
  }
  for (const jobs of [1, 2]) {
    const rs = out.runs.filter((r) => r.jobs === jobs);
    const wall = median(rs.map((r) => r.wallMs));
    out[`jobs${jobs}`] = {
      wallMs: r1(wall),
      docsPerSecond: r2((batchFiles.length / wall) * 1000),
      cpuMs: r1(median(rs.map((r) => r.cpuMs))),
      cpuUtilisation: r2(median(rs.map((r) => r.cpuMs / r.wallMs))),
      peakRssMb: Math.max(...rs.map((r) => Math.max(r.maxRssMb ?? 0, r.treePeakRssMb))),
    };
  }
  out.speedup = r2(out.jobs1.wallMs / out.jobs2.wallMs);
  return out;
}

if (want('batch')) {
  results.batch = { documents: batchFiles.length, ...(await measureBatch([], '')) };
  // Diagnostic, not a setting we ship: V8 without its helper threads (no background compiling or
  // parallel garbage collection). Shows how far the pool itself scales on this machine when the
  // workers do not share the cores with V8's own threads.
  results.batch.singleThreaded = await measureBatch(['--single-threaded'], ' (node --single-threaded)');
}

// 5. Big PDFs through the CLI (one document: a worker) -----------------------------------------
if (want('big')) {
  results.big = [];
  for (const pages of QUICK ? [100] : [100, 1000]) {
    const s = manifest.single.find((x) => x.pages === pages);
    for (const fmt of ['pdf', 'docx', 'md']) {
      if (pages === 100 && fmt !== 'pdf') continue;
      const reps = pages >= 1000 ? 1 : 3;
      const runs = [];
      for (let i = 0; i < reps; i++) {
        log(`bench: ${pages} pagina's ${fmt} via CLI (${i + 1}/${reps}) …`);
        // --timeout 120 instead of the default 60 s so a slow run still shows its duration, but the
        // bench stays bounded; a document over it is reported as an error (cause timeout).
        const r = await runNode([BIN, 'check', cacheFile(s.files[fmt]), '--format', 'json', '--no-progress', '--timeout', '120'], { keepStdout: true });
        runs.push({ exit: r.code, wallMs: r1(r.wallMs), cpuMs: r1(r.cpuMs), maxRssMb: r.maxRssMb, treePeakRssMb: r.treePeakRssMb, ...reportCounts(r.stdout) });
      }
      results.big.push({ format: fmt, pages, pdfPages: fmt === 'pdf' ? s.pdfPages : undefined, runs, wallMs: r1(median(runs.map((r) => r.wallMs))), peakRssMb: Math.max(...runs.map((r) => Math.max(r.maxRssMb ?? 0, r.treePeakRssMb))) });
    }
  }
}

// 6. GGD: the shared corpus + the 200 variants in one call -------------------------------------
if (want('ggd')) {
  if (fs.existsSync(SHARED_CORPUS)) {
    log('bench: GGD (gedeeld corpus + 200 varianten, één aanroep) …');
    const r = await runNode([BIN, 'check', SHARED_CORPUS, batchDir, '--format', 'json', '--no-progress'], { keepStdout: true });
    const counts = reportCounts(r.stdout);
    results.ggd = { exit: r.code, wallMs: r1(r.wallMs), cpuMs: r1(r.cpuMs), ...counts, docsPerSecond: r2((counts.documents / r.wallMs) * 1000), maxRssMb: r.maxRssMb, treePeakRssMb: r.treePeakRssMb, jobs: os.availableParallelism() };
  } else results.ggd = { skipped: `${SHARED_CORPUS} not found` };
}

results.machine.loadavgEnd = os.loadavg().map(r2);
results.benchSeconds = Math.round((Date.now() - started) / 1000);

// ------------------------------------------------------------------------------------------
// Report

const targets = [];
if (results.floor) targets.push({ target: 'checker / extractie (gemengde batch) ≤ 1,3', value: `${nl(results.floor.all.ratio, 2)} (CPU ${nl(results.floor.all.cpuRatio, 2)})`, met: results.floor.all.ratio <= 1.3 });
if (results.startup) targets.push({ target: '--version ≤ 3× node -e 0', value: results.startup.versionRatio, met: results.startup.versionRatio <= 3 });
const pdf100 = results.big?.find((b) => b.format === 'pdf' && b.pages === 100);
if (pdf100) targets.push({ target: "PDF 100 pagina's < 2 s (CLI)", value: r2(pdf100.wallMs / 1000), met: pdf100.wallMs < 2000 });
const pdf1000 = results.big?.find((b) => b.format === 'pdf' && b.pages === 1000);
if (pdf1000) targets.push({ target: "PDF 1000 pagina's < 20 s, piek-RSS < 500 MB (CLI)", value: `${nl(pdf1000.wallMs / 1000, 1)} s, ${pdf1000.peakRssMb} MB`, met: pdf1000.wallMs < 20000 && pdf1000.peakRssMb < 500 && pdf1000.runs.every((r) => r.errors === 0) });
if (results.batch) targets.push({ target: 'batch 2 workers ≥ 1,7× sneller dan 1', value: results.batch.speedup, met: results.batch.speedup >= 1.7 });
results.targets = targets;

fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);

const lines = [];
lines.push(`meldcode-check bench · ${results.date.slice(0, 16).replace('T', ' ')} · Node ${results.node} · ${results.machine.cpu} (${results.machine.cores} cores) · load ${results.machine.loadavgStart.join('/')} → ${results.machine.loadavgEnd.join('/')}`);
lines.push('');
if (results.startup) {
  const s = results.startup;
  lines.push('| Opstarten (mediaan van ' + s.runs + ') | ms | × node -e 0 |', '|---|---:|---:|');
  lines.push(`| node -e 0 | ${nl(s.medianMs.nodeE0)} | 1,0 |`, `| meldcode --version | ${nl(s.medianMs.version)} | ${nl(s.versionRatio, 1)} |`, `| meldcode --help | ${nl(s.medianMs.help)} | ${nl(s.helpRatio, 1)} |`, '');
}
if (results.single) {
  lines.push("| Eén document (in-process, mediaan) | pagina's | totaal ms | lader ms | regels ms | extractie ms | ms/pagina |", '|---|---:|---:|---:|---:|---:|---:|');
  for (const s of results.single) {
    const pages = `${s.pages}${s.pdfPages && s.pdfPages !== s.pages ? ` (${s.pdfPages})` : ''}`;
    if (s.timedOut) lines.push(`| ${s.format} | ${pages} | > ${s.limitS * 1000} (afgebroken) | – | – | – | – |`);
    else lines.push(`| ${s.format} | ${pages} | ${nl(s.totalMs)} | ${nl(s.loadMs)} | ${nl(s.checkMs)} | ${nl(s.extractMs)} | ${nl(s.msPerPage, 1)} |`);
  }
  lines.push('');
  lines.push("| Schaal (ms per pagina) | 10 | 100 | 1000 |", '|---|---:|---:|---:|');
  for (const fmt of FORMATS) {
    const at = (p) => results.single.find((s) => s.format === fmt && s.pages === p)?.msPerPage;
    lines.push(`| ${fmt} | ${nl(at(10), 1)} | ${nl(at(100), 1)} | ${nl(at(1000), 1)} |`);
  }
  lines.push('');
}
if (results.floor) {
  const f = results.floor;
  lines.push(`| Gemengde batch, in-process (mediaan van ${f.rounds}) | docs | checker ms | lader ms | regels ms | extractie ms | checker/extractie | idem CPU-tijd | lader/extractie (CPU) |`, '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [fmt, p] of [...Object.entries(f.perFormat), ['totaal', f.all]]) lines.push(`| ${fmt} | ${p.documents} | ${nl(p.checkMs)} | ${nl(p.loadMs)} | ${nl(p.rulesMs)} | ${nl(p.extractMs)} | ${nl(p.ratio, 2)} | ${nl(p.cpuRatio, 2)} | ${nl(p.cpuLoaderRatio, 2)} |`);
  lines.push('');
}
if (results.batch) {
  const b = results.batch;
  lines.push(`| Batch ${b.documents} documenten via CLI (mediaan) | wand s | docs/s | CPU s | CPU-benutting | piek-RSS MB |`, '|---|---:|---:|---:|---:|---:|');
  for (const [variant, m] of [['', b], [' (node --single-threaded, diagnose)', b.singleThreaded]]) {
    if (!m) continue;
    for (const j of [1, 2]) {
      const x = m[`jobs${j}`];
      lines.push(`| --jobs ${j}${variant} | ${nl(x.wallMs / 1000, 1)} | ${nl(x.docsPerSecond, 1)} | ${nl(x.cpuMs / 1000, 1)} | ${nl(x.cpuUtilisation, 2)} | ${x.peakRssMb} |`);
    }
    lines.push(`| versnelling 2 vs 1${variant} | ${nl(m.speedup, 2)}× | | | | |`);
  }
  lines.push('');
}
if (results.big) {
  lines.push('| Groot document via CLI | pagina\'s | wand s | piek-RSS MB | fouten |', '|---|---:|---:|---:|---:|');
  for (const g of results.big) {
    const causes = [...new Set(g.runs.flatMap((r) => r.errorCauses ?? []))];
    lines.push(`| ${g.format} | ${g.pdfPages ?? g.pages} | ${nl(g.wallMs / 1000, 1)} | ${g.peakRssMb} | ${g.runs.reduce((n, r) => n + r.errors, 0)}${causes.length ? ` (${causes.join(', ')})` : ''} |`);
  }
  lines.push('');
}
if (results.ggd && !results.ggd.skipped) {
  const g = results.ggd;
  lines.push('| GGD: gedeeld corpus + 200 varianten, één aanroep | docs | wand s | docs/s | piek-RSS MB |', '|---|---:|---:|---:|---:|');
  lines.push(`| --jobs ${g.jobs} (standaard) | ${g.documents} | ${nl(g.wallMs / 1000, 1)} | ${nl(g.docsPerSecond, 1)} | ${Math.max(g.maxRssMb ?? 0, g.treePeakRssMb)} |`, '');
}
if (targets.length) {
  lines.push('| Doel | gemeten | gehaald |', '|---|---:|:---:|');
  for (const t of targets) lines.push(`| ${t.target} | ${typeof t.value === 'number' ? nl(t.value, 2) : t.value} | ${t.met ? 'ja' : 'nee'} |`);
  lines.push('');
}
lines.push(`bench: ${results.benchSeconds} s; resultaten in ${path.relative(process.cwd(), OUT)}`);
process.stdout.write(`${lines.join('\n')}\n`);
