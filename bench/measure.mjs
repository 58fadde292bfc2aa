// In-process measurement, run by bench/run.mjs in a fresh Node process per job:
//
//   node bench/measure.mjs single <file> <runs> <warmup>   → loader / rules / extraction times for one file
//   node bench/measure.mjs batch <listfile> <rounds>       → per-document checker and extraction times
//
// "checker" = loadFile (our loader) + checkDocument (the rules), as in a worker; "extraction" = plain
// text by the same parser libraries (md: read + remark-parse/remark-gfm; docx: mammoth.extractRawText;
// pdf: unpdf extractText). Prints one JSON line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOL = path.resolve(process.env.MELDCODE_BENCH_TOOL ?? ROOT);
const dist = (p) => pathToFileURL(path.join(TOOL, 'dist', p)).href;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const r1 = (x) => Math.round(x * 10) / 10;

const t0 = performance.now();
const { loadRuleSet } = await import(dist('rules/load.js'));
const { loadFile } = await import(dist('load/index.js'));
const { checkDocument } = await import(dist('engine/check.js'));
const tImport = performance.now();
const ruleset = loadRuleSet();
const tRules = performance.now();

let mdParser;
let mammoth;
let unpdf;
async function extract(file) {
  const ext = path.extname(file).toLowerCase();
  const bytes = await readFile(file);
  if (ext === '.md') {
    if (!mdParser) {
      const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([import('unified'), import('remark-parse'), import('remark-gfm')]);
      mdParser = unified().use(remarkParse).use(remarkGfm);
    }
    const tree = mdParser.parse(bytes.toString('utf8'));
    return tree.children.length;
  }
  if (ext === '.docx') {
    mammoth ??= (await import('mammoth')).default;
    const r = await mammoth.extractRawText({ buffer: bytes });
    return r.value.length;
  }
  unpdf ??= await import('unpdf');
  const pdf = await unpdf.getDocumentProxy(new Uint8Array(bytes));
  const { text } = await unpdf.extractText(pdf, { mergePages: true });
  await pdf.destroy();
  return text.length;
}

/** CPU time of this process in ms (user + system; pdf.js, mammoth and remark run in this thread). */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function check(file) {
  const ca = cpuNow();
  const a = performance.now();
  const doc = await loadFile(file);
  const b = performance.now();
  const cb = cpuNow();
  const res = checkDocument(doc, ruleset);
  const c = performance.now();
  const cc = cpuNow();
  return { loadMs: b - a, checkMs: c - b, totalMs: c - a, loadCpuMs: cb - ca, checkCpuMs: cc - cb, totalCpuMs: cc - ca, blocks: doc.blocks.length, pages: doc.source.pages, words: res.stats?.words, verdict: res.verdict };
}

let lastExtractCpu = 0;
async function timeExtract(file) {
  const ca = cpuNow();
  const a = performance.now();
  await extract(file);
  const ms = performance.now() - a;
  lastExtractCpu = cpuNow() - ca;
  return ms;
}

const [mode, target, a1, a2] = process.argv.slice(2);
const out = { mode, importMs: r1(tImport - t0), ruleSetMs: r1(tRules - tImport) };

if (mode === 'single') {
  const runs = Number(a1 ?? 5);
  const warmup = Number(a2 ?? 1);
  const file = path.resolve(ROOT, target);
  const checks = [];
  const extracts = [];
  const extractCpu = [];
  for (let i = 0; i < warmup; i++) {
    await check(file);
    await timeExtract(file);
  }
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    checks.push(await check(file));
    extracts.push(await timeExtract(file));
    extractCpu.push(lastExtractCpu);
  }
  const cpu = process.cpuUsage(cpu0);
  const last = checks[checks.length - 1];
  Object.assign(out, {
    file: target,
    runs,
    loadMs: r1(median(checks.map((c) => c.loadMs))),
    checkMs: r1(median(checks.map((c) => c.checkMs))),
    totalMs: r1(median(checks.map((c) => c.totalMs))),
    extractMs: r1(median(extracts)),
    cpu: { loadMs: r1(median(checks.map((c) => c.loadCpuMs))), checkMs: r1(median(checks.map((c) => c.checkCpuMs))), totalMs: r1(median(checks.map((c) => c.totalCpuMs))), extractMs: r1(median(extractCpu)) },
    allTotalMs: checks.map((c) => r1(c.totalMs)),
    cpuMsPerRun: r1((cpu.user + cpu.system) / 1000 / runs),
    blocks: last.blocks,
    docPages: last.pages,
    words: last.words,
    verdict: last.verdict,
  });
} else if (mode === 'batch') {
  const rounds = Number(a1 ?? 3);
  const list = JSON.parse(await readFile(target, 'utf8'));
  const docs = list.map((f) => ({ file: f, format: path.extname(f).slice(1), check: [], extract: [], load: [], rules: [], cCheck: [], cLoad: [], cRules: [], cExtract: [] }));
  // One warm-up document of each format (module loading, JIT), not counted.
  for (const fmt of ['md', 'docx', 'pdf']) {
    const d = docs.find((x) => x.format === fmt);
    if (d) {
      await check(d.file);
      await timeExtract(d.file);
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const d of docs) {
      // Alternate the order so both see the same machine load.
      if (r % 2) (d.extract.push(await timeExtract(d.file)), d.cExtract.push(lastExtractCpu));
      const c = await check(d.file);
      d.check.push(c.totalMs);
      d.load.push(c.loadMs);
      d.rules.push(c.checkMs);
      d.cCheck.push(c.totalCpuMs);
      d.cLoad.push(c.loadCpuMs);
      d.cRules.push(c.checkCpuMs);
      d.verdict = c.verdict;
      if (!(r % 2)) (d.extract.push(await timeExtract(d.file)), d.cExtract.push(lastExtractCpu));
    }
  }
  const KEYS = { checkMs: 'check', loadMs: 'load', rulesMs: 'rules', extractMs: 'extract', cpuCheckMs: 'cCheck', cpuLoadMs: 'cLoad', cpuRulesMs: 'cRules', cpuExtractMs: 'cExtract' };
  const zero = () => Object.fromEntries([['documents', 0], ...Object.keys(KEYS).map((k) => [k, 0])]);
  const per = {};
  for (const d of docs) {
    const p = (per[d.format] ??= zero());
    p.documents++;
    for (const [k, field] of Object.entries(KEYS)) p[k] += median(d[field]);
  }
  const all = zero();
  for (const p of Object.values(per)) for (const k of Object.keys(all)) all[k] += p[k];
  for (const p of [...Object.values(per), all]) {
    for (const k of Object.keys(KEYS)) p[k] = r1(p[k]);
    p.ratio = Math.round((p.checkMs / p.extractMs) * 100) / 100;
    p.loaderRatio = Math.round((p.loadMs / p.extractMs) * 100) / 100;
    p.cpuRatio = Math.round((p.cpuCheckMs / p.cpuExtractMs) * 100) / 100;
    p.cpuLoaderRatio = Math.round((p.cpuLoadMs / p.cpuExtractMs) * 100) / 100;
  }
  const verdicts = {};
  for (const d of docs) verdicts[d.verdict] = (verdicts[d.verdict] ?? 0) + 1;
  Object.assign(out, { rounds, perFormat: per, all, verdicts });
} else {
  throw new Error(`unknown mode ${mode}`);
}
out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify(out)}\n`);
