/**
 * A small pool of worker threads that check documents in isolation.
 *
 * - Up to `jobs` workers, started lazily (never more than there are documents left), reused for
 *   many documents; each loads the rule set once (worker.ts).
 * - Format affinity: a free worker takes the next document of the format it read last, else a
 *   format no other worker is reading. Each parser (pdf.js, mammoth, remark) is then loaded and
 *   warmed up by as few workers as possible: a new worker spends more time compiling and running
 *   a parser's code slowly than reading a typical document with it. Within a format the order is
 *   the input order; results are reported in input order regardless.
 * - One document ahead: while a worker reads one document it already has the next (as long as
 *   more documents wait than there are workers), so it starts on it without a round trip to this
 *   thread and reads its file while still busy with the current one. The time limit of a
 *   document starts when the worker starts on it; a document waiting in a worker that times out
 *   or crashes goes back to the front of the queue.
 * - Per document: a time limit (the worker is terminated and replaced; the document becomes
 *   'timeout') and a heap limit through Worker resourceLimits (ERR_WORKER_OUT_OF_MEMORY → 'crashed'
 *   with reason 'geheugenlimiet'). An uncaught exception or an unexpected exit → 'crashed'.
 * - Worker stdout/stderr are swallowed: a parser that logs must never write to our stdout.
 * - A worker that fails before it is ready (rule set error, missing build) fails the whole run:
 *   every document would fail the same way, so that is a usage problem, not a document problem.
 *
 * Worker script: `new URL('./worker.js', import.meta.url)`, i.e. dist/batch/worker.js next to
 * dist/batch/pool.js. When this module runs from TypeScript sources (vitest), there is no
 * worker.js next to pool.ts and Node cannot start a .ts worker, so the compiled
 * dist/batch/worker.js is used instead: run `npm run build` first (`npm test` does).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorResult } from '../engine/error-result.js';
import type { DocumentResult } from '../engine/result.js';
import type { Task, TaskContext } from './task.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  /** maxOldGenerationSizeMb for each worker. */
  memoryLimitMb: number;
  context: TaskContext;
  /** Override the worker script (tests). */
  workerUrl?: URL;
  /** Called when a document is handed to a worker (progress). */
  onStart?: (task: Task) => void;
  /** Time a new worker may take to load its modules and the rule set (default 30 s). */
  startTimeoutMs?: number;
  /**
   * A worker already started without its context (prestart.ts), used as the first worker: it is
   * sent { type: 'init', context } instead of being created.
   */
  adopt?: Worker;
}

export class PoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolError';
  }
}

/** The worker script for this module's location (dist or sources). */
export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    const built = new URL('../../dist/batch/worker.js', here);
    if (!existsSync(fileURLToPath(built))) {
      throw new PoolError(`worker script ${fileURLToPath(built)} not found: run "npm run build" first`);
    }
    return built;
  }
  return new URL('./worker.js', here);
}

/**
 * A worker thread as every worker of ours starts (pool.ts, prestart.ts): with its heap limit, and
 * with whatever it prints swallowed, since a parser that logs must never reach our stdout.
 */
export function startWorkerThread(url: URL, workerData: unknown, memoryLimitMb: number): Worker {
  const worker = new Worker(url, { workerData, resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb }, stdout: true, stderr: true });
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

/** Seconds for a message: "60 s", "1.5 s", and below a second as given ("0.25 s", "0.001 s", not "0.0 s"). */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : Number(s.toFixed(s < 1 ? 3 : 1))} s`;
}

interface Job {
  task: Task;
  resolve: (r: DocumentResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Sent to the worker, to start when `job` is done (one ahead). */
  next?: Job;
  /** Format of the last document this worker read (scheduling affinity). */
  kind?: string;
  ready: boolean;
  gone: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  startTimer?: NodeJS.Timeout;
  lastError?: Error & { code?: string };
}

/** The format a document is scheduled by: its extension ("pdf", "docx", "md" …), "" without one. */
export function kindOf(name: string): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** FIFO queues per format. */
export class JobQueue<T = Job> {
  private readonly byKind = new Map<string, { items: T[]; head: number }>();
  length = 0;

  push(job: T, kind: string): void {
    let q = this.byKind.get(kind);
    if (!q) this.byKind.set(kind, (q = { items: [], head: 0 }));
    q.items.push(job);
    this.length++;
  }

  private left(kind: string): number {
    const q = this.byKind.get(kind);
    return q ? q.items.length - q.head : 0;
  }

  /**
   * The format a free worker should take next: the one it read last while any are left; else the
   * largest one no other worker is reading; else the largest. Call only when length > 0.
   */
  pick(last: string | undefined, others: Set<string>): string {
    if (last !== undefined && this.left(last) > 0) return last;
    let best: string | undefined;
    let bestFree: string | undefined;
    for (const kind of this.byKind.keys()) {
      const n = this.left(kind);
      if (n === 0) continue;
      if (best === undefined || n > this.left(best)) best = kind;
      if (!others.has(kind) && (bestFree === undefined || n > this.left(bestFree))) bestFree = kind;
    }
    return (bestFree ?? best)!;
  }

  /** Puts a job back before all others of its format (a worker that held it is gone). */
  pushFront(job: T, kind: string): void {
    const q = this.byKind.get(kind);
    if (!q) this.byKind.set(kind, { items: [job], head: 0 });
    else if (q.head > 0) q.items[--q.head] = job;
    else q.items.unshift(job);
    this.length++;
  }

  take(kind: string): T {
    const q = this.byKind.get(kind)!;
    const job = q.items[q.head]!;
    q.items[q.head++] = undefined as T; // let it be collected
    if (q.head === q.items.length) this.byKind.delete(kind);
    this.length--;
    return job;
  }

  drain(): T[] {
    const all = [...this.byKind.values()].flatMap((q) => q.items.slice(q.head));
    this.byKind.clear();
    this.length = 0;
    return all;
  }
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  /** Waiting jobs by format (file extension), each in input order. */
  private readonly queue = new JobQueue();
  private readonly url: URL;
  private fatal?: Error;
  /** A rule-file error is being turned into its proper class (async import). */
  private fatalPending = false;
  private closed = false;
  /** Workers started in total (replacements included); for tests and diagnostics. */
  started = 0;

  constructor(private readonly opts: PoolOptions) {
    this.url = opts.workerUrl ?? defaultWorkerUrl();
  }

  /** Checks one document; resolves with its result (an `error` result when the worker failed). */
  run(task: Task): Promise<DocumentResult> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject }, kindOf(task.name));
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    void this.opts.adopt?.terminate().catch(() => 0);
    this.opts.adopt = undefined;
    const all = this.slots.splice(0);
    for (const s of all) this.clearTimers(s);
    await Promise.all(all.map((s) => ((s.gone = true), s.worker.terminate().catch(() => 0))));
  }

  private busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  private pump(): void {
    if (this.closed || this.fatal) return;
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (!slot.ready || slot.gone) continue;
      if (!slot.job) this.start(slot, this.takeFor(slot));
      // One ahead only while there is more work than workers: at the end of a batch a document
      // should go to whichever worker is free, not wait behind another one.
      if (slot.job && !slot.next && this.queue.length > this.opts.jobs) this.send(slot, (slot.next = this.takeFor(slot)));
    }
    const want = Math.min(this.opts.jobs, this.busy() + this.queue.length);
    while (this.queue.length && this.slots.length < want) this.spawn();
  }

  /** The next job for this worker (format affinity, see JobQueue.pick). */
  private takeFor(slot: Slot): Job {
    const others = new Set(this.slots.filter((s) => s !== slot && !s.gone && s.kind !== undefined).map((s) => s.kind!));
    const kind = this.queue.pick(slot.kind, others);
    slot.kind = kind;
    return this.queue.take(kind);
  }

  private send(slot: Slot, job: Job): void {
    slot.worker.postMessage({ type: 'task', task: job.task } satisfies ToWorker);
  }

  /** `job` is what the worker works on now: its time limit runs from here. */
  private start(slot: Slot, job: Job, alreadySent = false): void {
    slot.job = job;
    slot.timer = setTimeout(() => this.onTimeout(slot), this.opts.timeoutMs);
    if (!alreadySent) this.send(slot, job);
    this.opts.onStart?.(job.task);
  }

  /** A worker that is gone gives back the document it held but had not started. */
  private requeueNext(slot: Slot): void {
    const next = slot.next;
    slot.next = undefined;
    if (next) this.queue.pushFront(next, kindOf(next.task.name));
  }

  private spawn(): void {
    const adopted = this.opts.adopt;
    this.opts.adopt = undefined;
    const worker = adopted ?? startWorkerThread(this.url, this.opts.context, this.opts.memoryLimitMb);
    this.started++;
    if (adopted) adopted.postMessage({ type: 'init', context: this.opts.context } satisfies ToWorker);
    const slot: Slot = { worker, ready: false, gone: false };
    slot.startTimer = setTimeout(
      () => this.fail(new PoolError(`worker did not start within ${formatSeconds(this.opts.startTimeoutMs ?? 30000)}`)),
      this.opts.startTimeoutMs ?? 30000,
    );
    worker.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    worker.on('error', (err) => {
      slot.lastError = err as Slot['lastError'];
    });
    worker.on('exit', (code) => this.onExit(slot, code));
    this.slots.push(slot);
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (slot.gone) return;
    if (msg.type === 'ready') {
      slot.ready = true;
      clearTimeout(slot.startTimer);
      this.pump();
    } else if (msg.type === 'fatal') {
      const rule = msg.rule;
      if (rule) {
        // The same error the in-process path throws, so the CLI reports both alike.
        slot.gone = true;
        this.fatalPending = true;
        void import('../rules/load.js').then(
          (m) => this.fail(new m.RuleFileError(rule.file, rule.field, rule.problem)),
          () => this.fail(new PoolError(msg.message)),
        );
      } else this.fail(new PoolError(msg.message));
    } else if (msg.type === 'result' && slot.job && slot.job.task.id === msg.id) {
      const job = slot.job;
      clearTimeout(slot.timer);
      slot.job = undefined;
      // The worker goes on with the document it already has.
      const next = slot.next;
      slot.next = undefined;
      if (next) this.start(slot, next, true);
      job.resolve(msg.result);
      this.pump();
    }
  }

  private onTimeout(slot: Slot): void {
    const job = slot.job;
    if (!job || slot.gone) return;
    this.requeueNext(slot);
    this.retire(slot);
    job.resolve(errorResult(job.task.name, 'timeout', { limit: formatSeconds(this.opts.timeoutMs), flag: '--timeout' }));
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    if (slot.gone) return;
    const wasReady = slot.ready;
    const job = slot.job;
    this.requeueNext(slot);
    this.retire(slot);
    const err = slot.lastError;
    if (!wasReady) {
      if (this.fatalPending) return;
      this.fail(new PoolError(`worker stopped before it was ready: ${err?.message ?? `exit code ${code}`}`));
      return;
    }
    if (job) {
      let result: DocumentResult;
      if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        result = errorResult(job.task.name, 'crashed', { reason: 'geheugenlimiet', limit: `${this.opts.memoryLimitMb} MB`, flag: '--max-memory', kind: 'memory' });
      } else {
        const reason = err ? String(err.message ?? err).split('\n')[0]! : `exit code ${code}`;
        result = errorResult(job.task.name, 'crashed', { reason });
      }
      job.resolve(result);
    }
    this.pump();
  }

  /** Takes a worker out of the pool (terminating it if still alive). */
  private retire(slot: Slot): void {
    slot.gone = true;
    this.clearTimers(slot);
    slot.job = undefined;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate().catch(() => 0);
  }

  private clearTimers(slot: Slot): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.startTimer);
  }

  /** The pool cannot work at all: reject everything. */
  private fail(err: Error): void {
    if (this.fatal) return;
    this.fatal = err;
    const jobs = [...this.queue.drain(), ...this.slots.flatMap((s) => [s.job, s.next].filter((j): j is Job => !!j))];
    for (const s of [...this.slots]) this.retire(s);
    for (const j of jobs) j.reject(err);
  }
}
