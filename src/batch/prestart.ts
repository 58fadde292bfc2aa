/**
 * A worker thread started by bin/meldcode.js before the CLI itself has loaded: creating the thread,
 * loading the engine and the parser of the input's format (pdf.js alone is 1.5 MB of code) then
 * overlap with the main thread's own start-up, instead of following it. The early worker waits for
 * its context (worker.ts, DeferredStart); the pool adopts it as its first worker when it was started
 * with the same heap limit, and otherwise it is terminated. A single .docx check: 0.39 -> 0.33 s,
 * a single .pdf: 0.45 -> 0.38 s (median of 9, old and new alternating).
 */
import type { Worker } from 'node:worker_threads';
import { defaultMemoryLimitMb } from './memory.js';
import { defaultWorkerUrl, startWorkerThread } from './pool.js';
import type { DeferredStart } from './worker.js';

interface Early {
  worker: Worker;
  memoryLimitMb: number;
  /** The thread exited or failed before it was adopted. */
  dead: boolean;
}

let early: Early | undefined;

const COMMANDS = new Set(['rules', 'explain', 'waivers', 'schema', 'help']);

/**
 * What the command line suggests, without parsing it: a check (the default command) of at least one
 * .pdf, .docx or .zip, or of a folder. Returns the format to preload and the heap limit the pool
 * will most likely give its workers (--max-memory, else the default for --jobs or the cores; for a
 * single file, one worker), or undefined for no early worker: another command, --help or
 * --version, or only Markdown or text files (a single one is read in-process). A wrong guess costs
 * a thread that is started and terminated.
 */
export function earlyWorkerFor(argv: string[], isFolder: (p: string) => boolean, cores: number): { preload?: DeferredStart['preload']; memoryLimitMb: number } | undefined {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) return undefined;
  const value = (long: string, short?: string): number | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const v = a === long || a === short ? argv[i + 1] : a.startsWith(`${long}=`) ? a.slice(long.length + 1) : undefined;
      if (v !== undefined && /^\d+$/.test(v) && Number(v) > 0) return Number(v);
    }
    return undefined;
  };
  const words = argv.filter((a) => !a.startsWith('-'));
  if (words[0] && COMMANDS.has(words[0])) return undefined;
  const files = words.filter((w) => /\.(pdf|docx)$/i.test(w));
  const many = files.length > 1 || words.some((w) => /\.zip$/i.test(w) || isFolder(w));
  if (!files.length && !many) return undefined;
  const jobs = many ? (value('--jobs', '-j') ?? cores) : 1;
  const memoryLimitMb = value('--max-memory') ?? defaultMemoryLimitMb(jobs);
  const preload = files.some((w) => /\.pdf$/i.test(w)) ? 'pdf' : files.length ? 'docx' : undefined;
  return { preload, memoryLimitMb };
}

/**
 * Starts one early worker (once per process). One is enough: it saves a single document the
 * thread's start-up; in a batch the other workers start while the first one works, and starting
 * them early too measured no faster on 200 documents.
 */
export function prestartWorker(preload: DeferredStart['preload'], memoryLimitMb: number): Worker | undefined {
  if (early) return undefined;
  const worker = startWorkerThread(defaultWorkerUrl(), { deferred: true, preload } satisfies DeferredStart, memoryLimitMb);
  // Never keep the process alive on its own: a run that does not adopt it ends without waiting.
  worker.unref();
  const e: Early = { worker, memoryLimitMb, dead: false };
  worker.on('error', () => (e.dead = true));
  worker.on('exit', () => (e.dead = true));
  early = e;
  return worker;
}

/**
 * The early worker for a pool whose workers get `memoryLimitMb`, or undefined: none was started,
 * it is gone, or it has another heap limit (then it is terminated). The pool sends it { type: 'init' }.
 */
export function takePrestarted(memoryLimitMb: number): Worker | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  if (e.dead || e.memoryLimitMb !== memoryLimitMb) {
    void e.worker.terminate().catch(() => 0);
    return undefined;
  }
  e.worker.removeAllListeners('error');
  e.worker.removeAllListeners('exit');
  e.worker.ref();
  return e.worker;
}

/** Ends an early worker that no pool took (a run in-process, or without documents). */
export function discardPrestarted(): void {
  void early?.worker.terminate().catch(() => 0);
  early = undefined;
}
