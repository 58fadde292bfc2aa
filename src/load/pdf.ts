/**
 * PDF to Blocks via pdf.js (the serverless build bundled in unpdf), hardened: no eval, no font
 * faces, no system fonts, no network (no URL, no font or CMap fetching), no streaming or
 * auto-fetching. Layout rules live in pdf-layout.ts.
 */
import type { Block } from '../document/model.js';
import { letterCount } from './blocks.js';
import { layoutDocument, type PdfItem, type PdfPage } from './pdf-layout.js';

export interface PdfOptions {
  /** Refuse PDFs with more pages than this. Default 2000. */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 2000;

export class PdfError extends Error {
  constructor(
    readonly kind: 'encrypted' | 'damaged' | 'too-many-pages' | 'no-text-layer',
    message: string,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

export interface PdfResult {
  blocks: Block[];
  title?: string;
  warnings: string[];
  pages: number;
  /** Letters found in the text layer (all pages). */
  letters: number;
}

/** Minimal structural types for what we use of pdf.js. */
interface PdfTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}
interface PdfPageProxy {
  view: number[];
  getTextContent(opts?: Record<string, unknown>): Promise<{ items: PdfTextItem[] }>;
  cleanup(): boolean | void;
}
interface PdfDocProxy {
  numPages: number;
  getPage(n: number): Promise<PdfPageProxy>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
interface LoadingTask {
  promise: Promise<PdfDocProxy>;
  destroy(): Promise<void>;
}

/**
 * What keeps pdf.js from running code, loading anything or touching the network, passed to every
 * getDocument call (test/robustness checks each one, and that nothing is fetched):
 * - no eval: fonts and PostScript functions are interpreted, never compiled with `new Function`;
 * - no font faces and no system fonts: glyphs are never installed or looked up on the machine;
 * - no URL, no streaming, no range requests, no auto-fetch: the bytes are given in `data`;
 * - no standardFontDataUrl, cMapUrl, iccUrl or wasmUrl, and no worker fetch: non-embedded fonts,
 *   CMaps, colour profiles and image decoders are never loaded from a file or URL (text still
 *   comes out: pdf.js knows the standard fonts' metrics);
 * - no XFA forms, no image decoders. Scripting (JavaScript in the PDF) is a viewer feature that
 *   pdf.js's core never runs; links and actions (/URI, /Launch, /SubmitForm) are only data.
 * In Node pdf.js runs its "worker" in the same thread from the bundled code: no worker script is
 * fetched either.
 */
export const PDFJS_HARDENING = Object.freeze({
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

/** Average letters per page below which a PDF counts as a scan without a text layer. */
export const MIN_LETTERS_PER_PAGE = 20;
/** Pages whose text is requested ahead of the one being processed. */
const PAGES_AHEAD = 8;

export async function parsePdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<PdfResult> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const { getResolvedPDFJS } = await import('unpdf');
  const pdfjs = (await getResolvedPDFJS()) as unknown as {
    getDocument(params: Record<string, unknown>): LoadingTask;
    VerbosityLevel?: { ERRORS: number };
  };
  const task = pdfjs.getDocument({
    // pdf.js detaches the buffer it is given (pass a copy) and refuses Node Buffers.
    data: copyBytes(bytes),
    ...PDFJS_HARDENING,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel?.ERRORS ?? 0,
  });
  let pdf: PdfDocProxy;
  try {
    pdf = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const e = err as { name?: string; message?: string; code?: number };
    if (e?.name === 'PasswordException' || /password/i.test(e?.message ?? '')) {
      throw new PdfError('encrypted', 'the PDF needs a password');
    }
    throw new PdfError('damaged', e?.message ?? String(err));
  }
  try {
    const n = pdf.numPages;
    if (n > maxPages) throw new PdfError('too-many-pages', `${n} pages`, { limit: maxPages, flag: '--max-pages', pages: n });
    if (n < 1) throw new PdfError('damaged', 'no pages');
    const pages: PdfPage[] = [];
    let letters = 0;
    const emptyPages: number[] = [];
    const fontIds = new Map<string, string>();
    // Pages are requested a few ahead: pdf.js answers through a message port even in this
    // thread, and a window of requests in flight keeps it busy between our awaits (the text of a
    // page is processed here while the next ones are parsed). A failed page fails the document.
    const inFlight = new Map<number, Promise<{ page: PdfPageProxy; items: PdfTextItem[] }>>();
    const request = (p: number) => {
      const r = pdf.getPage(p).then(async (page) => ({ page, items: (await page.getTextContent({ includeMarkedContent: false })).items }));
      r.catch(() => undefined); // handled when awaited below
      inFlight.set(p, r);
    };
    for (let p = 1; p <= Math.min(n, PAGES_AHEAD); p++) request(p);
    for (let p = 1; p <= n; p++) {
      let page: PdfPageProxy;
      let items: PdfTextItem[];
      try {
        ({ page, items } = await inFlight.get(p)!);
      } catch (err) {
        throw new PdfError('damaged', `page ${p}: ${(err as Error).message}`);
      }
      inFlight.delete(p);
      if (p + PAGES_AHEAD <= n) request(p + PAGES_AHEAD);
      const view = page.view ?? [0, 0, 612, 792];
      const out: PdfItem[] = [];
      let seq = 0;
      let pageLetters = 0;
      // Text direction per item in quarter turns; the page is read in its dominant direction
      // (landscape content drawn rotated on a portrait page still reads), other directions
      // (margin notes, stamps) are left out.
      const quarter = (t: number[]) => ((Math.round(Math.atan2(t[1] ?? 0, t[0] ?? 1) / (Math.PI / 2)) % 4) + 4) % 4;
      const dirChars = [0, 0, 0, 0];
      for (const it of items) if (typeof it.str === 'string' && it.transform && it.str.trim()) dirChars[quarter(it.transform)]! += it.str.length;
      const dir = dirChars.indexOf(Math.max(...dirChars));
      const cos = [1, 0, -1, 0][dir]!;
      const sin = [0, 1, 0, -1][dir]!;
      for (const it of items) {
        if (typeof it.str !== 'string' || !it.transform) continue;
        const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.transform;
        seq++;
        if (it.str === '') continue;
        if (quarter(it.transform) !== dir) continue;
        // Skewed or mirrored text is not part of the reading flow.
        const ra = a * cos + b * sin;
        const rb = -a * sin + b * cos;
        const rd = -c * sin + d * cos;
        if (ra <= 0 || Math.abs(rb) > ra * 0.2 || rd <= 0) continue;
        const h = it.height && it.height > 0 ? it.height : Math.hypot(c, d);
        if (!(h > 0.5) || h > 500) continue;
        // Outside the page: invisible.
        if (e < view[0]! - 5 || e > view[2]! + 5 || f < view[1]! - 5 || f > view[3]! + 5) continue;
        const font = it.fontName ?? '';
        if (!fontIds.has(font)) fontIds.set(font, `f${fontIds.size}`);
        out.push({ str: it.str, x: e * cos + f * sin, y: -e * sin + f * cos, w: it.width ?? 0, h, font: fontIds.get(font)!, seq });
        pageLetters += letterCount(it.str);
      }
      letters += pageLetters;
      if (pageLetters < MIN_LETTERS_PER_PAGE) emptyPages.push(p);
      pages.push({ number: p, width: view[2]! - view[0]!, height: view[3]! - view[1]!, items: out });
      page.cleanup();
    }
    if (letters / n < MIN_LETTERS_PER_PAGE) {
      throw new PdfError('no-text-layer', `${letters} letters on ${n} page(s)`, { pages: n });
    }
    let metadataTitle: string | undefined;
    try {
      const meta = await pdf.getMetadata();
      const t = meta.info?.['Title'];
      if (typeof t === 'string') metadataTitle = t;
    } catch {
      /* metadata is optional */
    }
    const laid = layoutDocument(pages, { metadataTitle });
    const warnings = [...laid.warnings];
    if (emptyPages.length) warnings.push(`pdf: pagina's zonder tekstlaag: ${emptyPages.slice(0, 20).join(', ')}${emptyPages.length > 20 ? ' …' : ''}`);
    return { blocks: laid.blocks, title: laid.title, warnings, pages: n, letters };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function copyBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}
