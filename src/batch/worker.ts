/**
 * Worker thread: loads the rule set once, then checks one document per message.
 * Runs as dist/batch/worker.js (see pool.ts for how the path is found).
 *
 * Protocol (parent ⇄ worker):
 *   worker → parent  { type: 'ready' }                       rule set loaded
 *   worker → parent  { type: 'fatal', message }              rule set could not be loaded
 *   parent → worker  { type: 'task', task: Task }            bytes (zip entries) are transferred
 *   worker → parent  { type: 'result', id, result }          always a DocumentResult (maybe `error`)
 * A hang, an uncaught exception or the heap limit are handled by the parent (timeout, 'error' and
 * 'exit' events); the worker itself never has to report them.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadRuleSet, RuleFileError, type RuleSet } from '../rules/load.js';
import { runTask, type Task, type TaskContext } from './task.js';

export type ToWorker = { type: 'task'; task: Task };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string; rule?: { file: string; field: string; problem: string } }
  | { type: 'result'; id: number; result: import('../engine/result.js').DocumentResult };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const ctx = workerData as TaskContext;
  let ruleset: RuleSet | undefined;
  try {
    ruleset = loadRuleSet(ctx.rulesDir);
  } catch (err) {
    const rule = err instanceof RuleFileError ? { file: err.file, field: err.field, problem: err.problem } : undefined;
    port.postMessage({ type: 'fatal', message: (err as Error)?.message ?? String(err), rule } satisfies FromWorker);
  }
  if (ruleset) {
    const rs = ruleset;
    port.on('message', (msg: ToWorker) => {
      if (msg?.type !== 'task') return;
      void runTask(msg.task, ctx, rs).then((result) => {
        port.postMessage({ type: 'result', id: msg.task.id, result } satisfies FromWorker);
      });
    });
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  }
}
