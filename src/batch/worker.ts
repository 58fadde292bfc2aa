/**
 * Worker thread: builds the rule set once (from the main thread's validated rule data, or from the
 * rule files), then checks the documents it is sent, one at a time, in order.
 * Runs as dist/batch/worker.js (see pool.ts for how the path is found).
 *
 * Protocol (parent ⇄ worker):
 *   parent → worker  { type: 'init', context }              only for a worker started early
 *                                                           (workerData { deferred: true }, see prestart.ts)
 *   worker → parent  { type: 'ready' }                       rule set loaded
 *   worker → parent  { type: 'fatal', message }              rule set could not be loaded
 *   parent → worker  { type: 'task', task: Task }            bytes (zip entries) are transferred
 *   worker → parent  { type: 'result', id, result }          always a DocumentResult (maybe `error`)
 * A hang, an uncaught exception or the heap limit are handled by the parent (timeout, 'error' and
 * 'exit' events); the worker itself never has to report them.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { RuleFileError, ruleSetFromSources, type RuleSet } from '../rules/build.js';
import { readAhead, runTask, type Task, type TaskContext } from './task.js';

export type ToWorker = { type: 'task'; task: Task } | { type: 'init'; context: TaskContext };

/** workerData of a worker started before its context is known (prestart.ts). */
export interface DeferredStart {
  deferred: true;
  /** Format whose parser to load while waiting (the CLI's inputs suggest it). */
  preload?: 'md' | 'docx' | 'pdf';
}
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string; rule?: { file: string; field: string; problem: string } }
  | { type: 'result'; id: number; result: import('../engine/result.js').DocumentResult };

/** The context: from workerData, or for an early worker from the first message (after preloading). */
async function contextOf(port: NonNullable<typeof parentPort>): Promise<TaskContext> {
  const data = workerData as TaskContext | DeferredStart | undefined;
  if (!data || !('deferred' in data)) return data ?? {};
  const init = new Promise<TaskContext>((resolve) => {
    const onMessage = (msg: ToWorker) => {
      if (msg?.type !== 'init') return;
      port.off('message', onMessage);
      resolve(msg.context);
    };
    port.on('message', onMessage);
  });
  if (data.preload) await (await import('../load/index.js')).preloadFormat(data.preload);
  return init;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const ctx = await contextOf(port);
  let ruleset: RuleSet | undefined;
  try {
    // From the main thread's validated data when given (no YAML parsing or schema validation here);
    // otherwise from the files.
    ruleset = ctx.ruleSources ? ruleSetFromSources(ctx.ruleSources) : (await import('../rules/load.js')).loadRuleSet(ctx.rulesDir);
  } catch (err) {
    const rule = err instanceof RuleFileError ? { file: err.file, field: err.field, problem: err.problem } : undefined;
    port.postMessage({ type: 'fatal', message: (err as Error)?.message ?? String(err), rule } satisfies FromWorker);
  }
  if (ruleset) {
    const rs = ruleset;
    // One document at a time, in the order they come; the pool sends the next one ahead, and its
    // file is read while the current one is checked.
    const waiting: Array<{ task: Task; bytes?: Promise<Uint8Array> }> = [];
    let busy = false;
    const work = async () => {
      busy = true;
      for (let item = waiting.shift(); item; item = waiting.shift()) {
        const result = await runTask(item.task, ctx, rs, item.bytes);
        port.postMessage({ type: 'result', id: item.task.id, result } satisfies FromWorker);
      }
      busy = false;
    };
    port.on('message', (msg: ToWorker) => {
      if (msg?.type !== 'task') return;
      waiting.push({ task: msg.task, bytes: readAhead(msg.task, ctx) });
      if (!busy) void work();
    });
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  }
}
