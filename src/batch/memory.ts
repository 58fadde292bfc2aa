/** The default heap limit of a worker (its own module: bin/meldcode.js needs it before the CLI loads). */
import os from 'node:os';

/**
 * Heap limit per worker when none is given: half of each worker's share of the machine's memory,
 * between 512 MB and 2 GB. The limit is also what V8 sizes its heap growth by: under 2 GB it lets
 * the heap grow by only 1.3-2x between full collections (4x from 2 GB on), which made a batch of
 * small documents spend a third of its CPU time collecting garbage at 512 MB.
 */
export const MIN_MEMORY_LIMIT_MB = 512;
export const MAX_MEMORY_LIMIT_MB = 2048;
export function defaultMemoryLimitMb(jobs: number, totalBytes = os.totalmem()): number {
  const share = Math.floor(totalBytes / (1024 * 1024) / (2 * Math.max(1, jobs)));
  return Math.min(MAX_MEMORY_LIMIT_MB, Math.max(MIN_MEMORY_LIMIT_MB, share));
}
