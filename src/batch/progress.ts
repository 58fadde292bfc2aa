/**
 * One progress line on stderr: "  12/45  27%  set1/jeugd-wijkpunt.pdf  nog ±0:14".
 * Shown only when asked for (option `progress`, false for --no-progress and machine formats on
 * stdout), stderr is a TTY and CI is unset. Redrawn in place with \r at most ~10 times a second,
 * cleared at the end. Never writes to stdout.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): boolean;
}

export interface ProgressOptions {
  enabled?: boolean;
  stream?: ProgressStream;
  env?: NodeJS.ProcessEnv;
  lang?: 'nl' | 'en';
  /** Minimum time between redraws (default 100 ms). */
  intervalMs?: number;
  now?: () => number;
}

export interface Progress {
  /** A document finished (or was started, when `done` is unchanged): redraw if due. */
  update(done: number, current?: string): void;
  /** Clears the line. */
  end(): void;
  readonly active: boolean;
}

export function progressWanted(enabled: boolean | undefined, stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return enabled === true && stream.isTTY === true && !env.CI;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const NOOP: Progress = { update() {}, end() {}, active: false };

export function createProgress(total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (!progressWanted(opts.enabled, stream, opts.env ?? process.env) || total < 1) return NOOP;
  const now = opts.now ?? (() => Date.now());
  const interval = opts.intervalMs ?? 100;
  const started = now();
  let last = -Infinity;
  let drawn = false;
  let ended = false;
  let lastDone = 0;
  let lastName = '';

  const draw = () => {
    const cols = Math.max(20, (stream.columns || 80) - 1);
    const pct = Math.floor((lastDone / total) * 100);
    const elapsed = now() - started;
    let eta = '';
    if (lastDone > 0 && lastDone < total) {
      const left = clock((elapsed / lastDone) * (total - lastDone));
      eta = opts.lang === 'en' ? `  ±${left} left` : `  nog ±${left}`;
    }
    const head = `${String(lastDone).padStart(String(total).length)}/${total} ${String(pct).padStart(3)}%  `;
    const room = cols - head.length - eta.length;
    let name = lastName;
    if (room < 4) name = '';
    else if (name.length > room) name = `…${name.slice(name.length - room + 1)}`;
    const line = `${head}${name}${eta}`.slice(0, cols);
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  };

  // Keep the clock and ETA moving while one slow document holds the line.
  const ticker = setInterval(() => {
    if (!ended) draw();
  }, 1000);
  ticker.unref?.();

  return {
    active: true,
    update(done: number, current?: string) {
      if (ended) return;
      lastDone = done;
      if (current !== undefined) lastName = current;
      const t = now();
      if (t - last < interval && done < total) return;
      last = t;
      draw();
    },
    end() {
      if (ended) return;
      ended = true;
      clearInterval(ticker);
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
