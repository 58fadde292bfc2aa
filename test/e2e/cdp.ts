/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads
 * commands from its fd 3 and writes replies and events to its fd 4, each a JSON message ended by
 * a NUL byte. No WebSocket, no port, no npm dependency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** CHROMIUM_PATH when set (and only that), else Debian's chromium or a usual alternative; undefined when none is installed. */
export function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

export class Browser {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  private readonly listeners = new Set<(e: CdpEvent) => void>();
  private buffer = Buffer.alloc(0);
  /** Every event received, for checks after the fact (console errors, requests). */
  readonly events: CdpEvent[] = [];
  /** Chromium's own log (with --enable-logging=stderr). */
  stderr = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const out = child.stdio[4] as Readable;
    out.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    child.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`chromium exited while waiting for ${p.method}\n${this.stderr.slice(-2000)}`));
      this.pending.clear();
    });
  }

  static launch(executable: string, extraArgs: string[] = []): Browser {
    const profile = mkdtempSync(path.join(tmpdir(), 'meldcode-chromium-'));
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--enable-logging=stderr',
      '--v=0',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      ...extraArgs,
      'about:blank',
    ];
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    return new Browser(child, profile);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let end: number;
    while ((end = this.buffer.indexOf(0)) >= 0) {
      const msg = JSON.parse(this.buffer.subarray(0, end).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 1);
      if (typeof msg.id === 'number' && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id)!;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${p.method}: ${JSON.stringify(msg.error)}`));
        else p.resolve(msg.result);
      } else if (msg.method) {
        const e: CdpEvent = { method: msg.method, params: msg.params ?? {}, sessionId: msg.sessionId };
        this.events.push(e);
        for (const l of this.listeners) l(e);
      }
    }
  }

  send<T = any>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`chromium is not running (${method})\n${this.stderr.slice(-2000)}`));
    const id = ++this.nextId;
    const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** Resolves with the first event `method` (optionally of one session) after this call. */
  waitFor(method: string, sessionId?: string, timeoutMs = 15_000): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (e: CdpEvent) => {
        if (e.method !== method || (sessionId && e.sessionId !== sessionId)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(e);
      };
      this.listeners.add(listener);
    });
  }

  /** Attaches to the first page target (the about:blank tab) and returns a session. */
  async page(): Promise<Page> {
    const { targetInfos } = await this.send<{ targetInfos: Array<{ targetId: string; type: string }> }>('Target.getTargets');
    let target = targetInfos.find((t) => t.type === 'page');
    if (!target) target = { targetId: (await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })).targetId, type: 'page' };
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true });
    // A dialog (alert from injected markup) would block the load event: dismiss it; the event stays in `events`.
    this.listeners.add((e) => {
      if (e.method === 'Page.javascriptDialogOpening' && e.sessionId === sessionId) void this.send('Page.handleJavaScriptDialog', { accept: false }, sessionId).catch(() => undefined);
    });
    return new Page(this, sessionId);
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        /* already going */
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export class Page {
  constructor(
    readonly browser: Browser,
    readonly sessionId: string,
  ) {}

  send<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.browser.send<T>(method, params, this.sessionId);
  }

  /** Navigates and waits for the load event. */
  async goto(url: string): Promise<void> {
    const loaded = this.browser.waitFor('Page.loadEventFired', this.sessionId);
    const res = await this.send<{ errorText?: string }>('Page.navigate', { url });
    if (res.errorText) throw new Error(`navigation to ${url} failed: ${res.errorText}`);
    await loaded;
  }

  /** Evaluates an expression in the page and returns its (JSON-serialisable) value. */
  async evaluate<T>(expression: string): Promise<T> {
    const res = await this.send<{ result: { value?: T }; exceptionDetails?: unknown }>('Runtime.evaluate', { expression, returnByValue: true });
    if (res.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(res.exceptionDetails)}`);
    return res.result.value as T;
  }
}
