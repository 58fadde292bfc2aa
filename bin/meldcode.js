#!/usr/bin/env node
// meldcode: command-line entry. The program itself is in dist/cli/main.js (built from src/).
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import v8 from 'node:v8';

// JIT tiering for a short-lived batch. Every worker thread is a separate V8 isolate that warms up
// the parsers and the rules on its own; with V8's default budget, a 200-document batch on one
// worker ran about 640 optimising compiles (3 s of CPU on background threads, 1.2 s of it
// recompiling after a deopt), which compete with the other worker for the cores. Tiering
// up after 8x more executed bytecode keeps the hot loops optimised and drops most of that:
// npm run bench, 200 documents, --jobs 2: 2.9 -> 2.2 s wall, 5.2 -> 3.8 s CPU; --jobs 1:
// 3.1 -> 3.0 s; single documents unchanged. Set before any worker starts (flags are per process).
// A budget given to node itself (node --interrupt-budget=N bin/meldcode.js) wins.
const V8_DEFAULT_INTERRUPT_BUDGET = 67584;
if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) {
  v8.setFlagsFromString(`--interrupt-budget=${8 * V8_DEFAULT_INTERRUPT_BUDGET}`);
}

const debug = process.env.MELDCODE_DEBUG === '1';
const english = /^en/i.test(process.env.MELDCODE_LANG ?? '') || process.argv.some((a, i, all) => a === '--lang=en' || (a === '--lang' && all[i + 1] === 'en'));

/** One line for an unexpected error; the stack only with MELDCODE_DEBUG=1. */
function internalError(err) {
  const message = (err && typeof err === 'object' && 'message' in err ? String(err.message) : String(err)).split('\n')[0];
  const hint = debug ? '' : ' (details: MELDCODE_DEBUG=1)';
  process.stderr.write(`meldcode: ${english ? 'internal error' : 'interne fout'}: ${message}${hint}\n`);
  if (debug && err && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(2);
}

process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);
// `meldcode … | head`: the reader went away; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => (err && err.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : internalError(err)));
}

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    english
      ? 'meldcode: the program has not been built yet: run "npm run build" in the project folder\n'
      : 'meldcode: het programma is nog niet gebouwd: voer "npm run build" uit in de projectmap\n',
  );
  process.exit(2);
}

// A check of .pdf or .docx files or of a folder will need a worker thread: start one now, so that
// it loads the engine and the parser while the CLI below loads (src/batch/prestart.ts). Best effort.
// (The modules are loaded only when an argument could be such an input: --version stays instant.)
try {
  const argv = process.argv.slice(2);
  const isFolder = (p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  if (argv.some((a) => !a.startsWith('-') && (/\.(pdf|docx|zip)$/i.test(a) || isFolder(a)))) {
    const { earlyWorkerFor, prestartWorker } = await import(new URL('../dist/batch/prestart.js', import.meta.url).href);
    const early = earlyWorkerFor(argv, isFolder, availableParallelism());
    if (early) prestartWorker(early.preload, early.memoryLimitMb);
  }
} catch {
  /* the run starts its workers itself */
}

try {
  const { main } = await import(entry.href);
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  // Flush stdout and stderr, then exit even if a worker or timer is still holding the loop.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
} catch (err) {
  internalError(err);
}
