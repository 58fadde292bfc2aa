/**
 * pdf.js hardening: the options every getDocument call gets, and proof at run time that a PDF full
 * of references to the outside world (links, URI/Launch/SubmitForm/GoToR actions, a font program
 * at a URL) and of JavaScript causes no network attempt, no file read, no process or worker, and
 * runs no script. Everything that could reach out is replaced by a recorder while the PDF loads.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBuffer } from '../../src/load/index.js';
import { parsePdf, PDFJS_HARDENING } from '../../src/load/pdf.js';
import { externalRefsPdf, javascriptPdf, ROOT, textPdf, tmpDir } from './fixtures.js';

const require = createRequire(import.meta.url);
type Patchable = Record<string, unknown>;

/** Replaces functions on Node's built-in modules (the objects pdf.js reaches through getBuiltinModule too) by recorders. */
function trap(): { calls: string[]; restore: () => void } {
  const calls: string[] = [];
  const undo: Array<() => void> = [];
  const replace = (obj: Patchable, key: string, label: string) => {
    const orig = obj[key];
    if (typeof orig !== 'function') return;
    obj[key] = function trapped(this: unknown, ...args: unknown[]) {
      calls.push(`${label}(${String(args[0]).slice(0, 80)})`);
      throw new Error(`blocked by test: ${label}`);
    };
    undo.push(() => (obj[key] = orig));
  };
  const g = globalThis as unknown as Patchable;
  replace(g, 'fetch', 'fetch');
  if (typeof g.XMLHttpRequest === 'function') replace(g, 'XMLHttpRequest', 'XMLHttpRequest');
  const net = require('node:net') as Patchable & { Socket: { prototype: Patchable } };
  replace(net.Socket.prototype, 'connect', 'net.Socket.connect');
  replace(net, 'connect', 'net.connect');
  replace(net, 'createConnection', 'net.createConnection');
  const tls = require('node:tls') as Patchable;
  replace(tls, 'connect', 'tls.connect');
  for (const name of ['node:http', 'node:https', 'node:http2']) {
    const m = require(name) as Patchable;
    replace(m, 'request', `${name}.request`);
    replace(m, 'get', `${name}.get`);
    replace(m, 'connect', `${name}.connect`);
  }
  const dns = require('node:dns') as Patchable & { promises: Patchable };
  replace(dns, 'lookup', 'dns.lookup');
  replace(dns.promises, 'lookup', 'dns.promises.lookup');
  const fs = require('node:fs') as Patchable & { promises: Patchable };
  for (const k of ['readFile', 'readFileSync', 'createReadStream', 'open', 'openSync']) replace(fs, k, `fs.${k}`);
  for (const k of ['readFile', 'open']) replace(fs.promises, k, `fs.promises.${k}`);
  const cp = require('node:child_process') as Patchable;
  for (const k of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) replace(cp, k, `child_process.${k}`);
  const wt = require('node:worker_threads') as Patchable;
  const OrigWorker = wt.Worker;
  wt.Worker = function Worker(...args: unknown[]) {
    calls.push(`new Worker(${String(args[0])})`);
    throw new Error('blocked by test: Worker');
  };
  undo.push(() => (wt.Worker = OrigWorker));
  syncBuiltinESMExports();
  return {
    calls,
    restore: () => {
      for (const u of undo.reverse()) u();
      syncBuiltinESMExports();
    },
  };
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

beforeAll(async () => {
  // Load pdf.js (module loading reads files) before anything is trapped.
  await parsePdf(await textPdf());
});

describe('pdf.js options', () => {
  it('no eval, no font faces or system fonts, no fetching or streaming, no wasm, no XFA', () => {
    expect(PDFJS_HARDENING).toEqual({
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      disableAutoFetch: true,
      disableStream: true,
      disableRange: true,
      useWorkerFetch: false,
      useWasm: false,
      enableXfa: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
    });
    expect(Object.isFrozen(PDFJS_HARDENING)).toBe(true);
  });

  it('getDocument gets the bytes and the hardening, and no URL of any kind', () => {
    const src = readFileSync(path.join(ROOT, 'src/load/pdf.ts'), 'utf8');
    const calls = src.match(/getDocument\(\{[\s\S]*?\}\)/g) ?? [];
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call).toMatch(/data: copyBytes\(bytes\)/);
    expect(call).toMatch(/\.\.\.PDFJS_HARDENING/);
    expect(call).not.toMatch(/\burl\b|Url|docBaseUrl|httpHeaders|withCredentials|worker/i);
    // Nothing else in the module sets a worker source or a data URL either.
    expect(src).not.toMatch(/GlobalWorkerOptions|workerSrc|workerPort|standardFontDataUrl:|cMapUrl:|wasmUrl:|iccUrl:/);
  });
});

describe('pdf.js at run time', () => {
  it('a PDF that refers to URLs (link, URI/Launch/SubmitForm/GoToR actions, remote font) makes no network attempt and reads no file', async () => {
    const bytes = await externalRefsPdf('http://127.0.0.1:9/meldcode');
    const t = trap();
    restore = t.restore;
    const doc = await loadBuffer('extern.pdf', bytes);
    t.restore();
    restore = undefined;
    expect(t.calls).toEqual([]);
    const text = doc.blocks.map((b) => b.text).join(' ');
    expect(text).toContain('Stap 2: Collegiale consultatie');
    // The line in the non-embedded "remote" font is still read from the content stream.
    expect(text).toContain('Tekst in een font op afstand');
  });

  it('a PDF with JavaScript (document, OpenAction, form field and page actions) runs none of it', async () => {
    const { dir, cleanup } = tmpDir('meldcode-js-');
    try {
      const marker = path.join(dir, 'GEHACKT.txt');
      const bytes = await javascriptPdf(marker);
      const t = trap();
      restore = t.restore;
      const doc = await loadBuffer('script.pdf', bytes);
      t.restore();
      restore = undefined;
      expect(t.calls).toEqual([]);
      expect((globalThis as Record<string, unknown>).__meldcodePwned).toBeUndefined();
      expect(require('node:fs').existsSync(marker)).toBe(false);
      expect(doc.blocks.map((b) => b.text).join(' ')).toContain('Stap 1: Signalen in kaart brengen');
    } finally {
      cleanup();
    }
  });

  it('control: the same trap does see pdf.js reach out when it is given a font data URL', async () => {
    const { getResolvedPDFJS } = await import('unpdf');
    const pdfjs = (await getResolvedPDFJS()) as unknown as { getDocument(p: Record<string, unknown>): { promise: Promise<{ getPage(n: number): Promise<{ getTextContent(): Promise<unknown> }>; destroy(): Promise<void> }> } };
    const bytes = await textPdf(); // Helvetica, not embedded: pdf.js wants its standard font data
    const t = trap();
    restore = t.restore;
    const pdf = await pdfjs.getDocument({ data: bytes, ...PDFJS_HARDENING, standardFontDataUrl: 'http://127.0.0.1:9/fonts/', verbosity: 0 }).promise;
    await (await pdf.getPage(1)).getTextContent();
    await pdf.destroy();
    t.restore();
    restore = undefined;
    expect(t.calls.length).toBeGreaterThan(0);
  });

  it('the recorder itself works (a fetch during the trap is caught)', async () => {
    const t = trap();
    restore = t.restore;
    expect(() => fetch('http://127.0.0.1:9/')).toThrow(/blocked by test/);
    expect(() => require('node:fs').readFileSync(path.join(ROOT, 'package.json'))).toThrow(/blocked by test/);
    t.restore();
    restore = undefined;
    expect(t.calls).toEqual(['fetch(http://127.0.0.1:9/)', expect.stringMatching(/^fs\.readFileSync\(/)]);
  });
});
