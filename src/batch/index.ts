/**
 * Batch checking: inputs (files, folders, globs, zips) → one DocumentResult per distinct document,
 * in a stable order, each checked in isolation so one bad file never stops the batch.
 *
 *   expandInputs (inputs.ts) → hashItems + dedupe → WorkerPool (pool.ts) or in-process → results
 *
 * Isolation ('auto', the default): documents run in worker threads (pool.ts) with a time and a
 * heap limit. The one exception is the common single-file case: exactly one document, `jobs` not
 * given, and it is Markdown or plain text (.md/.markdown/.txt) of at most 1 MB. That runs in-process: the text
 * loader has no native or pathological-archive parsers, the time limit still applies to anything
 * asynchronous, and it saves starting a thread. A single .docx or .pdf always goes to a worker,
 * because those parsers (mammoth, pdf.js) are where hangs and memory blow-ups happen and only
 * terminating a thread stops a synchronous loop. Force either with `isolation`.
 *
 * The engine and the loaders are imported lazily (only for in-process), so the main thread stays
 * light when workers do the work.
 */
import os from 'node:os';
import v8 from 'node:v8';
import type { DocumentResult } from '../engine/result.js';
import { errorResult } from '../engine/error-result.js';
import type { LoadOptions } from '../load/index.js';
import type { RuleSet } from '../rules/load.js';
import type { Sector } from '../rules/schema.js';
import { dedupe, expandInputs, hashItems, type BatchUnit } from './inputs.js';
import { defaultMemoryLimitMb } from './memory.js';
import { formatSeconds, WorkerPool } from './pool.js';
import { discardPrestarted, takePrestarted } from './prestart.js';
import { createProgress } from './progress.js';
import type { Task, TaskContext, TestHooks } from './task.js';

export type { Skipped, SkipReason } from './inputs.js';
export { skipReasonText } from './skip-reasons.js';
export type { TestHooks } from './task.js';

export interface BatchOptions {
  sector?: Sector;
  /** Documents checked at the same time (worker threads). Default: os.availableParallelism(). */
  jobs?: number;
  /** Time limit per document in ms (default 60 000). Over it: an `error` result with cause 'timeout'. */
  timeoutMs?: number;
  load?: LoadOptions;
  rulesDir?: string;
  /**
   * An already loaded rule set, used by the in-process path (saves loading it twice when the CLI
   * has it). Workers cannot receive it (it holds compiled regular expressions and functions): they
   * load `rulesDir` themselves, so pass the same rulesDir.
   */
  ruleset?: RuleSet;
  /** Progress line on stderr; shown only when also stderr is a TTY and CI is unset. Default false. */
  progress?: boolean;
  disabled?: string[];
  /** Severity overrides by rule ID (config). */
  severity?: Record<string, 'error' | 'warning' | 'info'>;
  /** Language of the progress line (default nl). */
  lang?: 'nl' | 'en';
  /** Heap limit per worker in MB (default: defaultMemoryLimitMb). Over it: 'crashed' with reason 'geheugenlimiet'. */
  memoryLimitMb?: number;
  /** Maximum entries in one .zip (default 1000). */
  zipMaxEntries?: number;
  /** Maximum total decompressed bytes of one .zip (default 500 MB). */
  zipMaxBytes?: number;
  /** 'auto' (default, see above), 'worker' (always threads) or 'in-process' (no thread; no protection against synchronous hangs or crashes). */
  isolation?: 'auto' | 'worker' | 'in-process';
  /** Order in which onResult is called: 'input' (default; the order of `documents`) or 'completion'. */
  streamOrder?: 'input' | 'completion';
  /** Folder for relative globs (default process.cwd()). */
  cwd?: string;
  /** TEST ONLY: simulate a hanging / crashing / memory-eating parser (see task.ts). */
  testHooks?: TestHooks;
}

export interface BatchStats {
  /** Items found (duplicates included). */
  found: number;
  /** Documents checked (duplicates once). */
  documents: number;
  mode: 'worker' | 'in-process';
  jobs: number;
  /** Worker threads started (replacements after a timeout or crash included). */
  workersStarted: number;
  /** Time to expand inputs and hash contents. */
  expandMs: number;
  /** Wall-clock time of the whole batch. */
  wallMs: number;
}

export interface BatchResult {
  /** One result per distinct document, in input order (folders by name); duplicates listed on the first. */
  documents: DocumentResult[];
  /** Files found in folders that were not checked (data, images, hidden …), with the reason. */
  skipped: Array<{ path: string; reason: string }>;
  /** Glob patterns that matched nothing. */
  unmatched: string[];
  stats?: BatchStats;
}

/** Called once per document as soon as it (and, for streamOrder 'input', all before it) is done. */
export type OnResult = (result: DocumentResult, index: number, total: number) => void;

export const DEFAULT_TIMEOUT_MS = 60_000;
export { defaultMemoryLimitMb, MAX_MEMORY_LIMIT_MB, MIN_MEMORY_LIMIT_MB } from './memory.js';

/**
 * With a worker on every core there is no idle core for V8's background compiler threads: each
 * worker then optimises its own hot code on its own thread instead of handing the jobs to threads
 * that compete with the other workers. Process-wide, for isolates created from now on; set only
 * here, when the pool is about to fill every core (200 documents, 2 workers on 2 cores: 2.23 ->
 * 2.17 s, CPU 3.8 -> 3.7 s; with fewer workers than cores the background threads use the idle
 * cores and stay on).
 */
let compileFlagSet = false;
function compileOnWorkerThreads(): void {
  if (compileFlagSet) return;
  compileFlagSet = true;
  v8.setFlagsFromString('--no-concurrent-recompilation');
}

const TEXT_NAME = /\.(md|markdown|mdown|mkd|txt)$/i;
/**
 * A single text file runs in-process only up to this size. A bigger one (megabytes of text) can
 * keep the parser and the engine busy for seconds in one synchronous stretch, which an in-process
 * timer cannot interrupt, and needs the worker's heap limit.
 */
const IN_PROCESS_MAX_BYTES = 1024 * 1024;

function chooseMode(units: BatchUnit[], opts: BatchOptions): 'worker' | 'in-process' {
  if (opts.isolation === 'worker') return 'worker';
  if (opts.isolation === 'in-process') return 'in-process';
  const work = units.filter((u) => u.source.kind !== 'error');
  if (work.length === 0) return 'in-process';
  const one = work[0]!;
  if (opts.jobs === undefined && work.length === 1 && TEXT_NAME.test(one.name) && one.size !== undefined && one.size <= IN_PROCESS_MAX_BYTES) return 'in-process';
  return 'worker';
}

export async function runBatch(inputs: string[], opts: BatchOptions = {}, onResult?: OnResult): Promise<BatchResult> {
  const t0 = performance.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { items, skipped, unmatched } = await expandInputs(inputs, {
    cwd: opts.cwd,
    zipMaxEntries: opts.zipMaxEntries,
    zipMaxBytes: opts.zipMaxBytes,
  });
  // Files over the loader's size limit are refused unread; do not read them to hash them either.
  await hashItems(items, { maxBytes: opts.load?.maxFileBytes ?? 50 * 1024 * 1024 });
  const units = dedupe(items);
  const expandMs = performance.now() - t0;
  const total = units.length;
  const mode = chooseMode(units, opts);
  const wanted = opts.jobs !== undefined && Number.isFinite(opts.jobs) ? Math.floor(opts.jobs) : os.availableParallelism();
  const jobs = Math.max(1, wanted);

  const context: TaskContext = {
    rulesDir: opts.rulesDir,
    sector: opts.sector,
    disabled: opts.disabled,
    severity: opts.severity ? Object.entries(opts.severity) : undefined,
    load: opts.load,
    testHooks: opts.testHooks,
  };

  const documents: DocumentResult[] = new Array(total);
  const progress = createProgress(total, { enabled: opts.progress, lang: opts.lang });
  let done = 0;
  let nextEmit = 0;
  const finish = (i: number, res: DocumentResult): void => {
    const unit = units[i]!;
    res.file = unit.name;
    if (unit.duplicates.length) res.duplicates = [...unit.duplicates];
    if (!res.sha256 && unit.sha256) res.sha256 = unit.sha256;
    documents[i] = res;
    done++;
    progress.update(done);
    if (!onResult) return;
    if (opts.streamOrder === 'completion') onResult(res, i, total);
    else while (nextEmit < total && documents[nextEmit]) onResult(documents[nextEmit]!, nextEmit++, total);
  };
  const taskOf = (i: number): Task => {
    const u = units[i]!;
    return u.source.kind === 'bytes' ? { id: i, name: u.name, bytes: u.source.bytes } : { id: i, name: u.name, path: u.source.kind === 'file' ? u.source.path : u.name };
  };

  let workersStarted = 0;
  try {
    // Known errors (not found, zip over a limit …) need no loader.
    const work: number[] = [];
    units.forEach((u, i) => {
      if (u.source.kind === 'error') finish(i, errorResult(u.name, u.source.cause, u.source.detail));
      else work.push(i);
    });

    if (mode === 'in-process' && work.length) {
      const [{ runTask }, { loadRuleSet }] = await Promise.all([import('./task.js'), import('../rules/load.js')]);
      const ruleset = opts.ruleset ?? loadRuleSet(opts.rulesDir);
      for (const i of work) {
        progress.update(done, units[i]!.name);
        const task = taskOf(i);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<DocumentResult>((resolve) => {
          timer = setTimeout(() => resolve(errorResult(task.name, 'timeout', { limit: formatSeconds(timeoutMs), flag: '--timeout' })), timeoutMs);
        });
        const res = await Promise.race([runTask(task, context, ruleset), timeout]);
        clearTimeout(timer);
        finish(i, res);
      }
    } else if (mode === 'worker' && work.length) {
      // Workers rebuild the rule set from the data validated here (usually already loaded by the
      // CLI) instead of each parsing the YAML again. If it cannot be loaded here, the workers load
      // it themselves and report the problem as before.
      try {
        const { loadRuleSet, ruleSources } = await import('../rules/load.js');
        context.ruleSources = ruleSources(loadRuleSet(opts.rulesDir));
      } catch {
        context.ruleSources = undefined;
      }
      const workers = Math.min(jobs, work.length);
      if (workers >= os.availableParallelism()) compileOnWorkerThreads();
      const memoryLimitMb = opts.memoryLimitMb ?? defaultMemoryLimitMb(workers);
      const pool = new WorkerPool({
        jobs: workers,
        timeoutMs,
        memoryLimitMb,
        context,
        onStart: (task) => progress.update(done, task.name),
        // The worker bin/meldcode.js started before the CLI loaded, if it has this heap limit.
        adopt: takePrestarted(memoryLimitMb),
      });
      try {
        await Promise.all(work.map((i) => pool.run(taskOf(i)).then((res) => finish(i, res))));
      } finally {
        workersStarted = pool.started;
        await pool.close();
      }
    }
  } finally {
    progress.end();
    // An early worker no pool took (in-process, no documents, another heap limit).
    discardPrestarted();
  }

  return {
    documents,
    skipped,
    unmatched,
    stats: {
      found: items.length,
      documents: total,
      mode,
      jobs: mode === 'worker' ? Math.min(jobs, Math.max(1, units.filter((u) => u.source.kind !== 'error').length)) : 1,
      workersStarted,
      expandMs: Math.round(expandMs),
      wallMs: Math.round(performance.now() - t0),
    },
  };
}
