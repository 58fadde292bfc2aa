/**
 * Loading a file into the one Document model: stat, read, sniff the format from the content,
 * dispatch to the parser (loaded lazily, so a Markdown run never loads pdf.js or mammoth), and turn
 * every failure into an InputError with a cause code. No raw exception escapes.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Block, Document, SourceFormat } from '../document/model.js';
import { letterCount, titleOf } from './blocks.js';
import { InputError, isInputError } from './errors.js';
import { sniff } from './sniff.js';

export interface LoadOptions {
  /** Refuse files larger than this many bytes. Default 50 MB. */
  maxFileBytes?: number;
  /** Refuse .docx files that decompress to more than this many bytes. Default 200 MB. */
  maxDecompressedBytes?: number;
  /** Refuse PDFs with more pages than this. Default 2000. */
  maxPages?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Documents with fewer letters than this after loading count as empty (or as scans, for PDF). */
export const MIN_DOCUMENT_LETTERS = 30;

export { InputError, isInputError } from './errors.js';
export { sniff } from './sniff.js';

function formatBytes(n: number): string {
  const mb = n / (1024 * 1024);
  if (n >= 1024 * 1024) return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} B`;
}

/** Reads and loads a file. Throws InputError only. */
export async function loadFile(path: string, opts: LoadOptions = {}): Promise<Document> {
  return loadBuffer(path, await readInput(path, opts), opts);
}

/** Reads a file's bytes with the checks loadFile makes (a regular file, within the size limit). Throws InputError only. */
export async function readInput(path: string, opts: LoadOptions = {}): Promise<Buffer> {
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError('is-directory', path);
    if (!st.isFile()) throw new InputError('unreadable', path); // a device, socket or pipe
    size = st.size;
  } catch (err) {
    throw fsError(err, path);
  }
  if (size > maxFileBytes) throw new InputError('too-large', path, { limit: formatBytes(maxFileBytes), flag: '--max-file-size' });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw fsError(err, path);
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxFileBytes) throw new InputError('too-large', path, { limit: formatBytes(maxFileBytes), flag: '--max-file-size' });
  return bytes;
}

function fsError(err: unknown, path: string): InputError {
  if (isInputError(err)) return err as InputError;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputError('not-found', path);
  if (code === 'EACCES' || code === 'EPERM') return new InputError('unreadable', path);
  if (code === 'EISDIR') return new InputError('is-directory', path);
  if (code === 'ELOOP') return new InputError('not-found', path, { reason: 'symbolic link loop' });
  if (code === 'ENAMETOOLONG') return new InputError('not-found', path);
  return new InputError('unreadable', path, { reason: code ?? '' });
}

/** Loads a document from bytes; `path` is used for the extension hint and in messages. */
export async function loadBuffer(path: string, bytes: Uint8Array, opts: LoadOptions = {}): Promise<Document> {
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxFileBytes) throw new InputError('too-large', path, { limit: formatBytes(maxFileBytes), flag: '--max-file-size' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let kind;
  try {
    kind = sniff(path, bytes);
  } catch (err) {
    throw new InputError('damaged', path, { reason: firstLine(err) });
  }
  if (kind.kind === 'refuse') {
    const detail: Record<string, string> = {};
    if (kind.format) detail.format = kind.format;
    if (kind.reason) detail.reason = oneLine(kind.reason);
    throw new InputError(kind.cause, path, detail);
  }

  let format: SourceFormat;
  let blocks: Block[];
  let title: string | undefined;
  let warnings: string[] = [];
  let pages: number | undefined;
  try {
    if (kind.kind === 'md' || kind.kind === 'txt') {
      const md = await import('./markdown.js');
      if (kind.kind === 'md') {
        const r = md.parseMarkdown(kind.text);
        ({ blocks, title, warnings } = r);
        format = 'md';
      } else {
        const r = md.parseText(kind.text);
        ({ blocks, warnings } = r);
        format = 'txt';
      }
      if (kind.warning) warnings = [kind.warning, ...warnings];
    } else if (kind.kind === 'docx') {
      const { parseDocx, DocxError } = await import('./docx.js');
      try {
        const r = await parseDocx(bytes, { maxDecompressedBytes: opts.maxDecompressedBytes });
        ({ blocks, title, warnings } = r);
      } catch (err) {
        if (err instanceof DocxError) throw new InputError(err.kind, path, err.kind === 'damaged' ? { reason: oneLine(err.message) } : err.detail);
        throw err;
      }
      format = 'docx';
    } else {
      const { parsePdf, PdfError } = await import('./pdf.js');
      try {
        const r = await parsePdf(bytes, { maxPages: opts.maxPages });
        ({ blocks, title, warnings, pages } = r);
      } catch (err) {
        if (err instanceof PdfError) {
          const detail: Record<string, string | number> = err.kind === 'damaged' ? { reason: oneLine(err.message) } : err.kind === 'too-many-pages' ? { limit: err.detail.limit!, flag: '--max-pages' } : {};
          throw new InputError(err.kind, path, detail);
        }
        throw err;
      }
      format = 'pdf';
    }
  } catch (err) {
    if (isInputError(err)) throw err;
    // Anything unexpected inside a parser: the file is treated as damaged, never a stack trace.
    throw new InputError('damaged', path, { reason: firstLine(err) });
  }

  const letters = blocks.reduce((n, b) => n + letterCount(b.text), 0);
  if (letters < MIN_DOCUMENT_LETTERS) throw new InputError(format === 'pdf' ? 'no-text-layer' : 'empty', path);

  const doc: Document = {
    source: { path, format, sha256, bytes: bytes.length, ...(pages !== undefined ? { pages } : {}) },
    blocks,
    warnings,
  };
  const t = title ?? titleOf(blocks);
  if (t) doc.title = t;
  return doc;
}

function firstLine(err: unknown): string {
  return oneLine((err as Error)?.message ?? String(err));
}

/**
 * A parser's message as one safe line for the reason in a report: the first line, at most 200
 * characters, without control characters or bidirectional overrides (the text may come from the
 * file, e.g. a zip entry name, and must not move the cursor or reorder a terminal line).
 */
export function oneLine(message: string): string {
  return message
    .split(/\r?\n|\r/)[0]!
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?')
    .trim()
    .slice(0, 200);
}

/**
 * Loads a format's loader and parser library before the first document of that format, so that a
 * worker started early (batch/prestart.ts) does it while the main thread is still starting up.
 * Errors are left to the real load, which reports them per document.
 */
export async function preloadFormat(format: 'md' | 'docx' | 'pdf'): Promise<void> {
  try {
    if (format === 'pdf') {
      await import('./pdf.js');
      const { getResolvedPDFJS } = await import('unpdf');
      await getResolvedPDFJS();
    } else if (format === 'docx') {
      await Promise.all([import('./docx.js'), import('mammoth')]);
    } else await import('./markdown.js');
  } catch {
    /* reported by the load itself */
  }
}
