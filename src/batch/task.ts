/**
 * Checking one document: load (file or bytes) → engine → DocumentResult with timings. Shared by
 * the worker thread and the in-process path, so both give identical results. Never throws: a
 * failure becomes an `error` result.
 */
import { checkDocument } from '../engine/check.js';
import { errorResult } from '../engine/error-result.js';
import type { DocumentResult } from '../engine/result.js';
import { isInputError } from '../load/errors.js';
import { loadBuffer, readInput, type LoadOptions } from '../load/index.js';
import type { RuleSet, RuleSources } from '../rules/build.js';
import type { Sector } from '../rules/schema.js';

/** What a worker needs once, for all its documents (structured-clonable). */
export interface TaskContext {
  rulesDir?: string;
  /**
   * The rule set as the main thread read and validated it (plain data). A worker builds its rule set
   * from it instead of parsing and validating the YAML files again; without it, it loads rulesDir.
   */
  ruleSources?: RuleSources;
  sector?: Sector;
  disabled?: string[];
  severity?: Array<[string, 'error' | 'warning' | 'info']>;
  load?: LoadOptions;
  /** TEST ONLY, see BatchOptions.testHooks. */
  testHooks?: TestHooks;
}

/**
 * TEST ONLY. Recognised only where a document is loaded (worker or in-process), to prove that the
 * batch survives a parser that hangs, crashes or eats memory. Each is a regular expression matched
 * against the document name. Never set by the CLI.
 */
export interface TestHooks {
  /** Spin forever (synchronously) on a matching document. */
  hangPattern?: string;
  /** Throw an uncaught exception outside any try (kills the worker thread). */
  crashPattern?: string;
  /** Allocate until the heap limit is hit. */
  oomPattern?: string;
}

export interface Task {
  id: number;
  name: string;
  /** Path on disk (loadFile) … */
  path?: string;
  /** … or bytes in memory (loadBuffer). */
  bytes?: Uint8Array;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

async function applyTestHooks(name: string, hooks: TestHooks | undefined): Promise<void> {
  if (!hooks) return;
  if (hooks.hangPattern && new RegExp(hooks.hangPattern).test(name)) {
    for (;;) {
      /* a parser stuck in a loop: only terminating the thread ends this */
    }
  }
  if (hooks.crashPattern && new RegExp(hooks.crashPattern).test(name)) {
    // An exception outside any try/await chain, like a parser callback throwing: ends the thread.
    await new Promise(() => {
      setImmediate(() => {
        throw new Error('test crash (testHooks.crashPattern)');
      });
    });
  }
  if (hooks.oomPattern && new RegExp(hooks.oomPattern).test(name)) {
    const keep: unknown[] = [];
    for (;;) keep.push(new Array(1e5).fill(keep.length));
  }
}

/**
 * Starts reading a task's file now (a worker does this for the document it holds while it checks
 * the one before). runTask takes it from there; a read error surfaces there, as from loadFile.
 */
export function readAhead(task: Task, ctx: TaskContext): Promise<Uint8Array> | undefined {
  if (task.bytes) return undefined;
  const read = readInput(task.path ?? task.name, ctx.load);
  read.catch(() => undefined); // handled when runTask awaits it
  return read;
}

export async function runTask(task: Task, ctx: TaskContext, ruleset: RuleSet, bytesAhead?: Promise<Uint8Array>): Promise<DocumentResult> {
  const t0 = performance.now();
  try {
    await applyTestHooks(task.name, ctx.testHooks);
    const path = task.path ?? task.name;
    const doc = task.bytes
      ? await loadBuffer(task.name, task.bytes, ctx.load)
      : await loadBuffer(path, await (bytesAhead ?? readInput(path, ctx.load)), ctx.load);
    // Reports show the name as given or found (for zip entries: archive.zip/inner/path).
    doc.source.path = task.name;
    const t1 = performance.now();
    const res = checkDocument(doc, ruleset, {
      sector: ctx.sector,
      disabled: new Set(ctx.disabled ?? []),
      severity: ctx.severity ? new Map(ctx.severity) : undefined,
    });
    const t2 = performance.now();
    res.file = task.name;
    if (res.stats) {
      res.stats.loadMs = round1(t1 - t0);
      res.stats.checkMs = round1(t2 - t1);
    }
    return res;
  } catch (err) {
    if (isInputError(err)) return errorResult(task.name, err.cause, err.detail);
    const reason = String((err as Error)?.message ?? err).split('\n')[0] ?? '';
    return errorResult(task.name, 'crashed', { reason });
  }
}
