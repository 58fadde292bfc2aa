/**
 * Expands the command-line inputs (files, folders, glob patterns, .zip archives) into an ordered
 * list of batch items, and de-duplicates them by content.
 *
 * - Literal paths come first: an existing path is used as is (even when it looks like a glob), a
 *   missing one becomes an error item ('not-found'). A file given by name is always checked.
 * - Folders are walked recursively, entries sorted by name (code-point order, stable on every
 *   platform). Symlinked folders are followed once: their realpath is remembered, so a loop or a
 *   second link to the same folder is skipped ('symlink-loop') instead of hanging.
 * - In a folder, .md/.markdown/.txt/.docx/.pdf are checked; .doc/.odt/.rtf/.pages and friends are
 *   included so the loader reports them with a conversion hint (never skipped in silence); files
 *   without an extension are sniffed (PDF, zip or OLE magic bytes); everything else is skipped and
 *   listed in `skipped` with a reason code (SkipReason).
 * - Glob patterns (tinyglobby) are expanded relative to the working folder, sorted; their matches
 *   are classified like folder entries. A pattern that matches nothing goes to `unmatched`.
 * - A .zip (given or found) is read in place with fflate (nothing is written to disk): each document
 *   entry becomes an item named `archive.zip/inner/path.docx` carrying its bytes. Entry count and
 *   total decompressed size are limited; over a limit the zip becomes one error item ('zip-bomb').
 */
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { lstat, open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { UnzipFile } from 'fflate';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { InputErrorCause } from '../load/errors.js';

/** Why a file found in a folder, glob or zip was not checked. */
export type SkipReason =
  | 'hidden'
  | 'node_modules'
  | 'labels-file'
  | 'project-file'
  | 'not-a-document'
  | 'not-a-file'
  | 'symlink-loop'
  | 'already-visited'
  | 'broken-link'
  | 'nested-archive'
  | 'unreadable-folder';

export interface Skipped {
  path: string;
  reason: SkipReason | string;
}

export type ItemSource =
  /** A file on disk: the worker loads it with loadFile(path). */
  | { kind: 'file'; path: string }
  /** Bytes already in memory (a zip entry): the worker loads them with loadBuffer(name, bytes). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Known to fail before loading (not found, zip over a limit …). */
  | { kind: 'error'; cause: InputErrorCause; detail: Record<string, string | number> };

export interface BatchItem {
  /** Name shown in reports: the path as given or found, or `archive.zip/inner/path`. */
  name: string;
  source: ItemSource;
  /** Content hash (hex), when known. */
  sha256?: string;
  size?: number;
}

/** One document to check: the first item of a group with identical content, plus the other names. */
export interface BatchUnit extends BatchItem {
  duplicates: string[];
}

export interface ExpandOptions {
  /** Working folder for relative globs (default process.cwd()). */
  cwd?: string;
  /** Maximum number of entries in one zip (default 1000). */
  zipMaxEntries?: number;
  /** Maximum total decompressed size of one zip in bytes (default 500 MB). */
  zipMaxBytes?: number;
}

export interface Expanded {
  items: BatchItem[];
  skipped: Skipped[];
  unmatched: string[];
}

export const DEFAULT_ZIP_MAX_ENTRIES = 1000;
export const DEFAULT_ZIP_MAX_BYTES = 500 * 1024 * 1024;

/** Extensions that are checked. */
const CHECKED_EXT = new Set(['.md', '.markdown', '.mdown', '.mkd', '.txt', '.docx', '.pdf']);
/** Other document formats: included so the loader refuses them with a conversion hint. */
const REFUSED_DOC_EXT = new Set(['.doc', '.docm', '.dot', '.dotx', '.odt', '.ott', '.fodt', '.rtf', '.pages', '.wpd', '.wps']);
const ARCHIVE_EXT = '.zip';

export type Classification = 'document' | 'archive' | { skip: SkipReason };

/** Classifies a name found in a folder, glob or archive (not a name given literally). */
const PROJECT_FILE = /^(?:readme|leesmij|changelog|changes|history|license|licence|licentie|contributing|code_of_conduct|security|authors)(?:\.(?:md|markdown|txt))?$/i;

export function classifyName(name: string): Classification {
  const base = path.posix.basename(name.replace(/\\/g, '/'));
  if (base.startsWith('.') || base.startsWith('~$')) return { skip: 'hidden' };
  if (base.toLowerCase() === 'labels.json') return { skip: 'labels-file' };
  // A repository's or a folder's own notes (a policy repository checked in CI has a README too).
  if (PROJECT_FILE.test(base)) return { skip: 'project-file' };
  const ext = path.extname(base).toLowerCase();
  if (CHECKED_EXT.has(ext) || REFUSED_DOC_EXT.has(ext)) return 'document';
  if (ext === ARCHIVE_EXT) return 'archive';
  return { skip: 'not-a-document' };
}

/** A file without an extension is a document when its first bytes say PDF, zip (docx/odt) or OLE (doc). */
async function sniffsAsDocument(file: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(8);
    const { bytesRead } = await fh.read(buf, 0, 8, 0);
    const b = buf.subarray(0, bytesRead);
    if (b.subarray(0, 5).toString('latin1') === '%PDF-') return true;
    if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return true;
    if (b.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return true;
    if (b.subarray(0, 5).toString('latin1') === '{\\rtf') return true;
    return false;
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

/** Code-point order: the same on every platform and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares slash-separated paths segment by segment, like a sorted folder walk. */
function bySegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = byName(x[i]!, y[i]!);
    if (c) return c;
  }
  return x.length - y.length;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

class Expander {
  readonly items: BatchItem[] = [];
  readonly skipped: Skipped[] = [];
  readonly unmatched: string[] = [];
  /** Realpaths of folders already walked (symlink loops, a folder given twice). */
  private readonly seenDirs = new Set<string>();
  /** Names already listed (the same path given twice is listed once). */
  private readonly seenNames = new Set<string>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(private readonly opts: ExpandOptions) {
    this.maxEntries = opts.zipMaxEntries ?? DEFAULT_ZIP_MAX_ENTRIES;
    this.maxBytes = opts.zipMaxBytes ?? DEFAULT_ZIP_MAX_BYTES;
  }

  private add(item: BatchItem): void {
    if (this.seenNames.has(item.name)) return;
    this.seenNames.add(item.name);
    this.items.push(item);
  }

  private resolve(p: string): string {
    return path.resolve(this.opts.cwd ?? process.cwd(), p);
  }

  async input(raw: string): Promise<void> {
    const given = raw === '' ? raw : path.normalize(raw);
    let st: Stats | undefined;
    let code: string | undefined;
    try {
      st = await stat(this.resolve(given));
    } catch (err) {
      st = undefined;
      code = (err as NodeJS.ErrnoException).code;
    }
    if (st) {
      if (st.isDirectory()) await this.folder(given);
      else if (path.extname(given).toLowerCase() === ARCHIVE_EXT && st.isFile()) await this.zip(given);
      else this.add({ name: given, source: { kind: 'file', path: this.resolve(given) }, size: st.isFile() ? st.size : undefined });
      return;
    }
    if (isDynamicPattern(raw)) {
      await this.pattern(raw);
      return;
    }
    // A symbolic link that points (through others) to itself exists, but leads nowhere.
    this.add({ name: given, source: { kind: 'error', cause: 'not-found', detail: code === 'ELOOP' ? { reason: 'symbolic link loop' } : {} } });
  }

  private async pattern(pattern: string): Promise<void> {
    const cwd = this.opts.cwd ?? process.cwd();
    const matches = await glob(pattern, {
      cwd,
      onlyFiles: false,
      dot: false,
      // Globs do not descend into symlinked folders (loops); a folder given by name does, once.
      followSymbolicLinks: false,
      expandDirectories: false,
      ignore: ['**/node_modules/**'],
    });
    if (matches.length === 0) {
      this.unmatched.push(pattern);
      return;
    }
    for (const m of matches.map((x) => path.normalize(x.replace(/\/$/, ''))).sort(byName)) {
      let st: Stats;
      try {
        st = await stat(this.resolve(m));
      } catch {
        this.skipped.push({ path: m, reason: 'broken-link' });
        continue;
      }
      if (st.isDirectory()) await this.folder(m);
      else await this.found(m, st);
    }
  }

  /** A file found in a folder or by a pattern: classified by name (and content without an extension). */
  private async found(name: string, st: Stats): Promise<void> {
    if (!st.isFile()) {
      this.skipped.push({ path: name, reason: 'not-a-file' });
      return;
    }
    const c = classifyName(name);
    if (c === 'document') this.add({ name, source: { kind: 'file', path: this.resolve(name) }, size: st.size });
    else if (c === 'archive') await this.zip(name);
    else if (c.skip === 'not-a-document' && path.extname(name) === '' && (await sniffsAsDocument(this.resolve(name)))) {
      this.add({ name, source: { kind: 'file', path: this.resolve(name) }, size: st.size });
    } else this.skipped.push({ path: name, reason: c.skip });
  }

  /** `parent`: realpath of the folder this one was found in (undefined for an input). */
  private async folder(dir: string, parent?: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(this.resolve(dir));
    } catch {
      this.skipped.push({ path: dir, reason: 'unreadable-folder' });
      return;
    }
    // A folder already walked (a second link to it), or a link to an ancestor of the folder that
    // holds it (a loop): skipped, so the walk always ends and no file is listed twice.
    const parentReal = parent === undefined ? undefined : parent + path.sep;
    if (parentReal !== undefined && parentReal.startsWith(real + path.sep)) {
      this.skipped.push({ path: dir, reason: 'symlink-loop' });
      return;
    }
    if (this.seenDirs.has(real)) {
      this.skipped.push({ path: dir, reason: 'already-visited' });
      return;
    }
    this.seenDirs.add(real);
    let names: string[];
    try {
      names = (await readdir(this.resolve(dir))).sort(byName);
    } catch {
      this.skipped.push({ path: dir, reason: 'unreadable-folder' });
      return;
    }
    for (const n of names) {
      const full = path.join(dir, n);
      if (n.startsWith('.')) {
        this.skipped.push({ path: full, reason: 'hidden' });
        continue;
      }
      if (n === 'node_modules') {
        this.skipped.push({ path: full, reason: 'node_modules' });
        continue;
      }
      let st: Stats;
      try {
        st = await stat(this.resolve(full));
      } catch {
        // A broken symlink: an error when its name says document (the user expects it checked).
        const l = await lstat(this.resolve(full)).catch(() => undefined);
        if (l?.isSymbolicLink() && classifyName(n) === 'document') {
          this.add({ name: full, source: { kind: 'error', cause: 'not-found', detail: {} } });
        } else this.skipped.push({ path: full, reason: 'broken-link' });
        continue;
      }
      if (st.isDirectory()) await this.folder(full, real);
      else await this.found(full, st);
    }
  }

  /** Reads a zip in place; each document entry becomes an item with its bytes. */
  private async zip(name: string): Promise<void> {
    let data: Uint8Array;
    try {
      data = await readFile(this.resolve(name));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.add({ name, source: { kind: 'error', cause: code === 'EACCES' ? 'unreadable' : 'not-found', detail: {} } });
      return;
    }
    const res = readZip(data, name, this.maxEntries, this.maxBytes);
    if ('asDocument' in res) {
      this.add({ name, source: { kind: 'file', path: this.resolve(name) }, size: data.length });
      return;
    }
    if ('error' in res) {
      this.add({ name, source: { kind: 'error', cause: res.error.cause, detail: res.error.detail } });
      return;
    }
    this.skipped.push(...res.skipped);
    if (res.entries.length === 0 && res.skipped.length === 0) {
      this.add({ name, source: { kind: 'error', cause: 'empty', detail: {} } });
      return;
    }
    for (const e of res.entries) this.add(e);
  }
}

type ZipRead =
  | { entries: BatchItem[]; skipped: Skipped[] }
  /** Not an archive of documents but a document in a zip container (a renamed .docx or .odt). */
  | { asDocument: true }
  | { error: { cause: InputErrorCause; detail: Record<string, string | number> } };

/**
 * Reads a zip archive from memory with fflate's streaming unzip, fed in 16 KB slices so one entry
 * can inflate at most ~16 MB (deflate's ratio is at most ~1:1032) before the size limit is checked
 * again (zip bombs, lying headers). Only document entries are inflated; the others are listed as
 * skipped. Limits are flags, not exceptions: fflate catches exceptions thrown in its callbacks.
 */
/** fflate, loaded on the first zip (about 10 ms of start-up that a run without zips does not need). */
let fflate: typeof import('fflate') | undefined;
function unzipLib(): typeof import('fflate') {
  return (fflate ??= createRequire(import.meta.url)('fflate') as typeof import('fflate'));
}

export function readZip(data: Uint8Array, zipName: string, maxEntries: number, maxBytes: number): ZipRead {
  const { Unzip, UnzipInflate } = unzipLib();
  const skipped: Skipped[] = [];
  let count = 0;
  let total = 0;
  let declared = 0;
  let limit: Record<string, string | number> | undefined;
  let container = false;
  const sizeLimit = () => ({ limit: mb(maxBytes), flag: '--zip-max-size', kind: 'size' });
  const open: Array<{ name: string; chunks: Uint8Array[]; size: number; done: boolean; error?: string }> = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (f: UnzipFile) => {
    if (limit || f.name.endsWith('/')) return; // over a limit already, or a folder entry
    count++;
    if (count > maxEntries) {
      limit = { limit: `${maxEntries}`, flag: '--zip-max-entries', kind: 'entries' };
      return;
    }
    declared += f.originalSize ?? 0;
    if (declared > maxBytes) {
      limit = sizeLimit();
      return;
    }
    const inner = f.name.replace(/\\/g, '/');
    if (inner === 'word/document.xml' || inner === 'mimetype') container = true;
    const display = `${zipName}/${inner}`;
    const parts = inner.split('/');
    if (parts.some((p) => p === '__MACOSX' || p.startsWith('.'))) {
      skipped.push({ path: display, reason: 'hidden' });
      return;
    }
    if (parts.includes('node_modules')) {
      skipped.push({ path: display, reason: 'node_modules' });
      return;
    }
    const c = classifyName(inner);
    if (c === 'archive') {
      skipped.push({ path: display, reason: 'nested-archive' });
      return;
    }
    if (c !== 'document') {
      skipped.push({ path: display, reason: c.skip });
      return;
    }
    const rec = { name: display, chunks: [] as Uint8Array[], size: 0, done: false, error: undefined as string | undefined };
    open.push(rec);
    f.ondata = (err, chunk, final) => {
      if (rec.done) return;
      if (err) {
        rec.error = err.message;
        rec.done = true;
        return;
      }
      if (limit) return;
      if (chunk && chunk.length) {
        rec.size += chunk.length;
        total += chunk.length;
        if (total > maxBytes) {
          limit = sizeLimit();
          rec.chunks = [];
          return;
        }
        rec.chunks.push(chunk);
      }
      if (final) rec.done = true;
    };
    try {
      f.start();
    } catch (err) {
      rec.error = (err as Error).message;
      rec.done = true;
    }
  };
  let damaged: string | undefined;
  try {
    const SLICE = 16 * 1024;
    if (data.length === 0) unzip.push(new Uint8Array(0), true);
    for (let p = 0; p < data.length && !limit; p += SLICE) {
      const end = Math.min(p + SLICE, data.length);
      unzip.push(data.subarray(p, end), end === data.length);
    }
  } catch (err) {
    damaged = (err as Error).message;
  }
  if (container) return { asDocument: true };
  if (limit) return { error: { cause: 'zip-bomb', detail: limit } };
  if (count === 0 && data.length > 0) {
    return { error: { cause: 'damaged', detail: { reason: damaged ?? (isZip(data) ? '' : 'geen zip-archief') } } };
  }
  const entries: BatchItem[] = [];
  // Same order as a folder walk: by path segment, by name.
  open.sort((a, b) => bySegments(a.name, b.name));
  skipped.sort((a, b) => bySegments(a.path, b.path));
  for (const r of open) {
    if (r.error || !r.done) {
      entries.push({ name: r.name, source: { kind: 'error', cause: 'damaged', detail: { reason: r.error ?? damaged ?? '' } } });
      continue;
    }
    const bytes = concat(r.chunks, r.size);
    entries.push({ name: r.name, source: { kind: 'bytes', bytes }, size: bytes.length });
  }
  return { entries, skipped };
}

function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Expands inputs into items in a stable order (inputs in order, folder entries by name). */
export async function expandInputs(inputs: string[], opts: ExpandOptions = {}): Promise<Expanded> {
  const ex = new Expander(opts);
  for (const i of inputs) await ex.input(i);
  return { items: ex.items, skipped: ex.skipped, unmatched: ex.unmatched };
}

/** Files above this size are not hashed by default (the loader refuses them as too large anyway). */
const HASH_MAX_BYTES = 256 * 1024 * 1024;

async function hashFile(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const h = createHash('sha256');
    const s = createReadStream(file);
    s.on('data', (c) => h.update(c));
    s.on('error', () => resolve(undefined));
    s.on('end', () => resolve(h.digest('hex')));
  });
}

/** Fills in sha256 for regular files and in-memory entries (a few reads at a time). */
export async function hashItems(items: BatchItem[], opts: { concurrency?: number; maxBytes?: number } = {}): Promise<void> {
  const concurrency = opts.concurrency ?? 8;
  const maxBytes = opts.maxBytes ?? HASH_MAX_BYTES;
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      const src = item.source;
      if (src.kind === 'bytes') item.sha256 = createHash('sha256').update(src.bytes).digest('hex');
      else if (src.kind === 'file' && item.size !== undefined && item.size <= maxBytes) {
        // Only regular files (item.size is set for those): never block on a FIFO or a device.
        item.sha256 = await hashFile(src.path);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, one));
}

/**
 * Groups items with identical content (same sha256). The first item of a group (in input order)
 * is checked; the others become its `duplicates`. Empty files and items without a hash are never
 * grouped: two empty submissions are two separate errors.
 */
export function dedupe(items: BatchItem[]): BatchUnit[] {
  const units: BatchUnit[] = [];
  const byHash = new Map<string, BatchUnit>();
  for (const item of items) {
    const key = item.sha256 && item.size ? item.sha256 : undefined;
    const first = key ? byHash.get(key) : undefined;
    if (first) {
      first.duplicates.push(item.name);
      continue;
    }
    const unit: BatchUnit = { ...item, duplicates: [] };
    units.push(unit);
    if (key) byHash.set(key, unit);
  }
  return units;
}
