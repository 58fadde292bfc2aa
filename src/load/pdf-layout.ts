/**
 * PDF text layout: from positioned text items (pdf.js) to Blocks. Pure functions, no pdf.js here,
 * so the layout rules can be tested with hand-made items.
 *
 * Per page: items → raw lines (same baseline) → segments (split at wide gaps) → columns (a gutter
 * crossed by no segment, confirmed by the content-stream order) → lines in reading order.
 * Across pages: running headers/footers and page numbers removed, tables recognised from aligned
 * cells, headings from size, boldness and numbering, lines grouped into paragraphs and list items.
 */
import type { Block } from '../document/model.js';
import { BlockBuilder, cleanText, headingNumbering, assignHeadingLevels, lineStarts } from './blocks.js';

export interface PdfItem {
  str: string;
  /** Baseline start, PDF user space (origin bottom-left). */
  x: number;
  y: number;
  /** Advance width. */
  w: number;
  /** Font size (height). */
  h: number;
  font: string;
  /** Order in the content stream. */
  seq: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

interface Seg {
  items: PdfItem[];
  x0: number;
  x1: number;
  text: string;
  /** Earliest stream position. */
  seq: number;
}

interface RawLine {
  y: number;
  size: number;
  segs: Seg[];
  /** 1-based line number on the page (top to bottom), before any removal. */
  no: number;
  text: string;
}

export interface Line {
  page: number;
  no: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  /** Cells: segments of this line within its column, left to right. */
  cells: Seg[];
  text: string;
  /** Column key on the page: 'F' full width, 'L' / 'R' in a two-column band; band id appended. */
  col: string;
  bold: boolean;
  /** Right edge of the column this line sits in (for short-line detection). */
  colRight: number;
  colLeft: number;
}

const LETTER = /\p{L}/u;
const BULLET_RE = /^([•●◦▪■□–\-*·‣⁃○►▶✓✔]|[\uF0A7\uF0B7\uF076\uF0D8\uF0FC])\s*/u;
const NUMBER_ITEM_RE = /^(\(?\d{1,2}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)])\s+/;

function hasLetters(s: string): boolean {
  return LETTER.test(s);
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!;
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Joins items of one segment (same baseline, left to right), inserting spaces at gaps. */
function joinItems(items: PdfItem[]): string {
  let out = '';
  let prevEnd = -Infinity;
  for (const it of items) {
    const gap = it.x - prevEnd;
    if (out && !/\s$/.test(out) && !/^\s/.test(it.str) && gap > Math.max(0.8, it.h * 0.12)) out += ' ';
    out += it.str;
    prevEnd = Math.max(prevEnd, it.x + it.w);
  }
  return out;
}

function makeSeg(items: PdfItem[]): Seg {
  let x0 = Infinity;
  let x1 = -Infinity;
  let seq = Infinity;
  for (const it of items) {
    x0 = Math.min(x0, it.x);
    x1 = Math.max(x1, it.x + it.w);
    seq = Math.min(seq, it.seq);
  }
  return { items, x0, x1, text: joinItems(items), seq };
}

function segSize(segs: Seg[]): number {
  let size = 0;
  for (const s of segs) for (const it of s.items) if (hasLetters(it.str) || /\d/.test(it.str)) size = Math.max(size, it.h);
  if (!size) for (const s of segs) for (const it of s.items) size = Math.max(size, it.h);
  return size;
}

function segY(segs: Seg[]): number {
  let best: PdfItem | undefined;
  for (const s of segs) for (const it of s.items) if (!best || it.h > best.h) best = it;
  return best!.y;
}

/** Groups a page's items into raw lines (top to bottom), each split into segments at wide gaps. */
export function rawLines(items: PdfItem[]): RawLine[] {
  const usable = items.filter((it) => it.str.trim() !== '' && it.h > 0);
  usable.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  let cur: PdfItem[] = [];
  let curY = NaN;
  let curH = 0;
  for (const it of usable) {
    const tol = Math.max(1, 0.45 * Math.min(it.h, curH || it.h));
    if (cur.length && Math.abs(it.y - curY) <= tol) {
      cur.push(it);
    } else {
      if (cur.length) groups.push(cur);
      cur = [it];
      curY = it.y;
      curH = it.h;
      continue;
    }
    // Keep the line's y at its dominant (largest) item so superscripts do not drag it.
    if (it.h > curH) {
      curH = it.h;
      curY = it.y;
    }
  }
  if (cur.length) groups.push(cur);
  const lines: RawLine[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    const segs: Seg[] = [];
    let run: PdfItem[] = [];
    let end = -Infinity;
    for (const it of g) {
      const size = Math.max(it.h, run.length ? run[run.length - 1]!.h : it.h);
      if (run.length && it.x - end > 1.6 * size) {
        segs.push(makeSeg(run));
        run = [];
      }
      run.push(it);
      end = Math.max(end, it.x + it.w);
    }
    if (run.length) segs.push(makeSeg(run));
    let size = 0;
    for (const it of g) if (hasLetters(it.str) || /\d/.test(it.str)) size = Math.max(size, it.h);
    if (!size) size = Math.max(...g.map((i) => i.h));
    const y = g.reduce((m, i) => (i.h >= size - 0.01 ? Math.max(m, i.y) : m), -Infinity);
    lines.push({ y: Number.isFinite(y) ? y : g[0]!.y, size, segs, no: 0, text: segs.map((s) => s.text).join('  ') });
  }
  lines.sort((a, b) => b.y - a.y);
  lines.forEach((l, i) => (l.no = i + 1));
  return lines;
}

/**
 * Finds a column gutter: an x range in the middle of the text area crossed by (almost) no segment,
 * with enough text on both sides. Returns the gutter's x or undefined.
 */
export function findGutter(lines: RawLine[], skip: Set<RawLine>): number | undefined {
  const all = lines.filter((l) => !skip.has(l)).flatMap((l) => l.segs);
  if (all.length < 12) return undefined;
  let left = Infinity;
  let right = -Infinity;
  for (const s of all) {
    left = Math.min(left, s.x0);
    right = Math.max(right, s.x1);
  }
  const width = right - left;
  if (width < 200) return undefined;
  // Wide segments (titles, full-width passages, tables across the page) do not decide the gutter;
  // they become full-width lines between column bands.
  const segs = all.filter((s) => s.x1 - s.x0 < width * 0.6);
  if (segs.length < 12) return undefined;
  const STEP = 2;
  const n = Math.ceil(width / STEP) + 1;
  const cover = new Int32Array(n);
  for (const s of segs) {
    const a = Math.max(0, Math.floor((s.x0 - left) / STEP) + 1);
    const b = Math.min(n - 1, Math.ceil((s.x1 - left) / STEP) - 1);
    for (let i = a; i <= b; i++) cover[i]!++;
  }
  const allowed = Math.max(2, Math.floor(segs.length * 0.06));
  let best: { mid: number; len: number } | undefined;
  const lo = Math.floor((width * 0.28) / STEP);
  const hi = Math.ceil((width * 0.72) / STEP);
  let runStart = -1;
  for (let i = lo; i <= hi + 1; i++) {
    const free = i <= hi && cover[i]! <= allowed;
    if (free && runStart < 0) runStart = i;
    if (!free && runStart >= 0) {
      const len = i - runStart;
      if (!best || len > best.len) best = { mid: left + ((runStart + i) / 2) * STEP, len };
      runStart = -1;
    }
  }
  if (!best || best.len * STEP < 8) return undefined;
  const g = best.mid;
  const leftSegs = segs.filter((s) => s.x1 <= g);
  const rightSegs = segs.filter((s) => s.x0 >= g);
  if (leftSegs.length < 4 || rightSegs.length < 4) return undefined;
  if (leftSegs.length < segs.length * 0.12 || rightSegs.length < segs.length * 0.12) return undefined;
  // Both sides must be text columns, not a narrow label column: similar widths.
  const lw = g - left;
  const rw = right - g;
  if (lw / rw < 0.72 || lw / rw > 1.4) return undefined;
  // Text columns are filled: most longer lines on each side reach close to the column's right edge.
  const filled = (list: Seg[], edge: number, w: number) => {
    const long = list.filter((s) => s.text.split(' ').length >= 4);
    if (long.length < 3) return false;
    return long.filter((s) => s.x1 >= edge - w * 0.25).length >= long.length * 0.5;
  };
  if (!filled(leftSegs, g, lw) || !filled(rightSegs, right, rw)) return undefined;
  return g;
}

/**
 * Lays out one page: raw lines → reading-order lines. Header/footer lines (by number) are kept
 * here; removal happens across pages.
 */
export function layoutPage(page: PdfPage): { raw: RawLine[]; lines: Line[] } {
  const raw = rawLines(page.items);
  const out: Line[] = [];
  // Top and bottom lines (running headers) often span the gutter; ignore them when finding it.
  const skip = new Set<RawLine>([...raw.slice(0, 2), ...raw.slice(-2)]);
  const gutter = findGutter(raw, skip);
  let twoCol = false;
  // Stream-order runs: columns are written one after the other (long runs on one side), table
  // rows alternate sides (short runs). Lines made of short-run segments are read across.
  const runLen = new Map<Seg, number>();
  if (gutter !== undefined) {
    const sided = raw.flatMap((l) => l.segs.filter((s) => s.x1 <= gutter || s.x0 >= gutter));
    sided.sort((a, b) => a.seq - b.seq);
    let start = 0;
    for (let i = 1; i <= sided.length; i++) {
      if (i === sided.length || (sided[i]!.x1 <= gutter) !== (sided[i - 1]!.x1 <= gutter)) {
        for (let k = start; k < i; k++) runLen.set(sided[k]!, i - start);
        start = i;
      }
    }
    const inLong = sided.filter((sg) => runLen.get(sg)! >= 4).length;
    twoCol = sided.length > 0 && inLong >= sided.length * 0.5;
  }
  let colLeft = Infinity;
  let colRight = -Infinity;
  for (const l of raw) for (const s of l.segs) {
    colLeft = Math.min(colLeft, s.x0);
    colRight = Math.max(colRight, s.x1);
  }
  const mk = (l: RawLine, segs: Seg[], col: string, cl: number, cr: number): Line => ({
    page: page.number,
    no: l.no,
    y: segs === l.segs ? l.y : segY(segs),
    x0: segs[0]!.x0,
    x1: segs[segs.length - 1]!.x1,
    size: segs === l.segs ? l.size : segSize(segs),
    cells: segs,
    text: segs.map((s) => s.text).join(' '),
    col,
    bold: false,
    colLeft: cl,
    colRight: cr,
  });
  if (!twoCol || gutter === undefined) {
    for (const l of raw) out.push(mk(l, l.segs, 'F', colLeft, colRight));
    return { raw, lines: out };
  }
  // Bands: runs of lines with no segment crossing the gutter are read left column, then right.
  let band = 0;
  let L: Line[] = [];
  let R: Line[] = [];
  const flush = () => {
    // Lines at the end of the left column below everything on the right, starting with a larger
    // (heading) line or after a wide gap, are not column text: read them after the right column.
    if (R.length && L.length) {
      const minRy = Math.min(...R.map((r) => r.y));
      let k = L.length;
      while (k > 0 && L[k - 1]!.y < minRy - 2) k--;
      if (k < L.length) {
        const first = L[k]!;
        const prevL = L[k - 1];
        const bodySize = median(L.map((x) => x.size));
        if (first.size > bodySize + 0.9 || (prevL && prevL.y - first.y > first.size * 2.5)) {
          const tail = L.splice(k).map((x) => ({ ...x, col: 'F' }));
          out.push(...L, ...R, ...tail);
          L = [];
          R = [];
          band++;
          return;
        }
      }
    }
    out.push(...L, ...R);
    L = [];
    R = [];
    band++;
  };
  for (const l of raw) {
    const interleaved = l.segs.every((s) => (runLen.get(s) ?? 0) < 4 && (s.x1 <= gutter || s.x0 >= gutter));
    const crossing = interleaved || l.segs.some((s) => s.x0 < gutter && s.x1 > gutter);
    if (crossing) {
      flush();
      out.push(mk(l, l.segs, 'F', colLeft, colRight));
      continue;
    }
    const ls = l.segs.filter((s) => s.x1 <= gutter);
    const rs = l.segs.filter((s) => s.x0 >= gutter);
    if (ls.length) L.push(mk(l, ls, `L${band}`, colLeft, gutter));
    if (rs.length) R.push(mk(l, rs, `R${band}`, gutter, colRight));
  }
  flush();
  return { raw, lines: out };
}

// ---------------------------------------------------------------------------------------------
// Running headers and footers

function maskKey(s: string): string {
  return cleanText(s).toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

const PAGE_NUMBER_LINE = /^(?:[-–—]\s*)?(?:(?:pagina|page|blz\.?|bladzijde|p\.)\s*)?\d{1,4}(?:\s*(?:van|of|\/|de)\s*\d{1,4})?(?:\s*[-–—])?$/i;

/** Returns, per page number, the set of raw line numbers that are running headers/footers. */
export function findRunningLines(pages: Array<{ number: number; raw: RawLine[] }>, bodySize: number): Map<number, Set<number>> {
  const removed = new Map<number, Set<number>>();
  const mark = (page: number, no: number) => {
    let s = removed.get(page);
    if (!s) removed.set(page, (s = new Set()));
    s.add(no);
  };
  type Occ = { page: number; index: number; line: RawLine; zone: 'top' | 'bottom' };
  const groups = new Map<string, Occ[]>();
  pages.forEach((p, index) => {
    const n = p.raw.length;
    const raw = p.raw;
    // Running headers and footers sit in the margins: a wide gap separates them from the body.
    const wide = (a: RawLine | undefined, b: RawLine | undefined) => !!a && !!b && a.y - b.y >= 2 * Math.max(a.size, b.size, bodySize);
    const zone: Array<[RawLine, 'top' | 'bottom']> = [];
    if (n >= 2) {
      if (wide(raw[0], raw[1]) || wide(raw[1], raw[2])) zone.push([raw[0]!, 'top']);
      if (n >= 3 && wide(raw[1], raw[2])) zone.push([raw[1]!, 'top']);
      if (wide(raw[n - 2], raw[n - 1]) || wide(raw[n - 3], raw[n - 2])) zone.push([raw[n - 1]!, 'bottom']);
      if (n >= 3 && wide(raw[n - 3], raw[n - 2])) zone.push([raw[n - 2]!, 'bottom']);
    }
    const inZone = new Set(zone.map(([l]) => l));
    // A page number alone on the first or last line is removed even without a wide gap.
    for (const l of [raw[0], raw[n - 1]]) {
      if (l && !inZone.has(l) && PAGE_NUMBER_LINE.test(cleanText(l.text))) mark(p.number, l.no);
    }
    for (const [l, z] of zone) {
      const text = cleanText(l.text);
      if (PAGE_NUMBER_LINE.test(text)) {
        mark(p.number, l.no);
        continue;
      }
      const key = `${z}:${maskKey(text)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push({ page: p.number, index, line: l, zone: z });
    }
  });
  const total = pages.length;
  if (total < 2) return removed;
  for (const occ of groups.values()) {
    const distinctPages = new Set(occ.map((o) => o.page)).size;
    if (distinctPages < 2 || distinctPages < total * 0.5) continue;
    // Same place on the page.
    const ys = occ.map((o) => o.line.y);
    const my = median(ys);
    const near = occ.filter((o) => Math.abs(o.line.y - my) <= 6);
    if (near.length < Math.max(2, total * 0.5)) continue;
    const texts = new Set(near.map((o) => cleanText(o.line.text)));
    if (texts.size > 1) {
      // Varying digits must be page numbers (with a constant offset), not "Stap 1", "Stap 2".
      if (near.some((o) => o.line.size > bodySize + 0.5)) continue;
      const offsets = new Map<number, number>();
      for (const o of near) {
        const nums = (cleanText(o.line.text).match(/\d+/g) ?? []).map(Number);
        for (const k of new Set(nums.map((v) => v - o.page))) offsets.set(k, (offsets.get(k) ?? 0) + 1);
      }
      const bestOffset = Math.max(0, ...offsets.values());
      if (bestOffset < near.length * 0.8) continue;
    }
    for (const o of near) mark(o.page, o.line.no);
  }
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Fonts: which are bold

export interface FontStats {
  body: string;
  bold: Set<string>;
}

/**
 * pdf.js does not report font names for text items here, so boldness is inferred from glyph
 * widths: a font whose average advance per character (relative to its size) is clearly wider than
 * the body font's is taken as bold.
 */
export function fontStats(pages: PdfPage[]): FontStats {
  const acc = new Map<string, { w: number; chars: number }>();
  for (const p of pages) {
    for (const it of p.items) {
      const letters = it.str.replace(/[^\p{L}]/gu, '').length;
      if (!letters || it.h <= 0 || it.w <= 0) continue;
      const len = [...it.str].length;
      const a = acc.get(it.font) ?? { w: 0, chars: 0 };
      a.w += it.w / it.h;
      a.chars += len;
      acc.set(it.font, a);
    }
  }
  let body = '';
  let max = -1;
  for (const [f, a] of acc) if (a.chars > max) {
    max = a.chars;
    body = f;
  }
  const bold = new Set<string>();
  const bodyRatio = body ? acc.get(body)!.w / acc.get(body)!.chars : 0;
  for (const [f, a] of acc) {
    if (f === body || a.chars < 3) continue;
    if (a.w / a.chars >= bodyRatio * 1.045) bold.add(f);
  }
  return { body, bold };
}

// ---------------------------------------------------------------------------------------------
// Document assembly

interface Unit {
  kind: 'heading' | 'paragraph' | 'listItem' | 'table';
  lines: Line[];
  level?: number;
  ordered?: boolean;
  /** For list items: x of the text after the bullet; continuation lines start there. */
  textX?: number;
  /** Table rows: cells per row. */
  rows?: Array<{ cells: string[]; line: Line }>;
  size?: number;
  bold?: boolean;
  depth?: number;
}

function endsSentence(s: string): boolean {
  return /[.!?:;]["'”’)]*$/.test(s.trim());
}

/** Joins line texts; removes end-of-line hyphenation when the next line starts in lower case. */
export function joinLines(texts: string[]): string {
  let out = '';
  for (const raw of texts) {
    const t = raw.trim();
    if (!t) continue;
    if (!out) {
      out = t;
      continue;
    }
    if (/\u00AD$/.test(out)) {
      out = out.slice(0, -1) + t;
    } else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(t) && !/^(en|of|tot|en\/of|noch|als|dan)\b/.test(t)) {
      out = out.slice(0, -1) + t;
    } else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(t)) {
      out = out + ' ' + t; // "advies- en meldpunt"
    } else {
      out = out + ' ' + t;
    }
  }
  return out;
}

function listStart(text: string): { ordered: boolean; rest: string } | undefined {
  const t = text.trim();
  const b = BULLET_RE.exec(t);
  if (b && t.length > b[0].length && !/^[-–]\d/.test(t)) {
    // "- " needs a space after it to be a bullet ("-5 graden" is not).
    if ((b[1] === '-' || b[1] === '–' || b[1] === '*') && !/^[-–*]\s/.test(t)) return undefined;
    return { ordered: false, rest: t.slice(b[0].length) };
  }
  const n = NUMBER_ITEM_RE.exec(t);
  if (n) return { ordered: true, rest: t.slice(n[0].length) };
  return undefined;
}

export interface PdfLayoutResult {
  blocks: Block[];
  title?: string;
  warnings: string[];
  removedLines: number;
}

export function layoutDocument(pages: PdfPage[], opts: { metadataTitle?: string } = {}): PdfLayoutResult {
  const warnings: string[] = [];
  const laid = pages.map((p) => ({ number: p.number, ...layoutPage(p) }));

  // Body size: the most common line size, weighted by characters.
  const sizeChars = new Map<number, number>();
  for (const p of laid) for (const l of p.lines) {
    const k = Math.round(l.size * 2) / 2;
    sizeChars.set(k, (sizeChars.get(k) ?? 0) + l.text.length);
  }
  let bodySize = 10;
  let best = -1;
  for (const [k, v] of sizeChars) if (v > best) {
    best = v;
    bodySize = k;
  }

  const removed = findRunningLines(laid, bodySize);
  let removedLines = 0;
  for (const s of removed.values()) removedLines += s.size;
  if (removedLines) warnings.push(`pdf: ${removedLines} kop-/voettekstregels en paginanummers verwijderd`);

  const fonts = fontStats(pages);
  const lines: Line[] = [];
  for (const p of laid) {
    const rm = removed.get(p.number);
    for (const l of p.lines) {
      if (rm?.has(l.no)) continue;
      if (!hasLetters(l.text) && !/\d/.test(l.text)) continue;
      const letterItems = l.cells.flatMap((c) => c.items).filter((i) => hasLetters(i.str));
      l.bold = letterItems.length > 0 && letterItems.every((i) => fonts.bold.has(i.font));
      lines.push(l);
    }
  }

  // Typical line pitch per size: a low percentile of the baseline distances between consecutive
  // lines (paragraph and row gaps are larger, so they do not count).
  const pitches = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || a.col !== b.col || Math.abs(a.size - b.size) > 0.3) continue;
    const d = a.y - b.y;
    if (d > 0 && d < a.size * 3) {
      const k = Math.round(a.size * 2) / 2;
      let arr = pitches.get(k);
      if (!arr) pitches.set(k, (arr = []));
      arr.push(d);
    }
  }
  // Computed once per size class: this is asked for every line.
  const pitchCache = new Map<number, number | null>();
  const pitchOf = (size: number) => {
    const k = Math.round(size * 2) / 2;
    let p = pitchCache.get(k);
    if (p === undefined) {
      const arr = pitches.get(k);
      p = arr && arr.length >= 3 ? percentile(arr, 0.25) : null;
      pitchCache.set(k, p);
    }
    return p ?? size * 1.25;
  };
  const gapBefore = (i: number): number => {
    const a = lines[i - 1];
    const b = lines[i]!;
    if (!a || a.page !== b.page || a.col !== b.col) return Infinity;
    return a.y - b.y;
  };
  const gapAfter = (i: number): number => gapBefore(i + 1);
  const isLarge = (l: Line) => l.size >= bodySize + 0.9 || l.size >= bodySize * 1.1;

  // 1. Tables: runs of lines with two or more cells at stable x positions.
  const tableAt = new Map<number, { end: number; rows: Array<{ cells: string[]; line: Line }> }>();
  for (let i = 0; i < lines.length; i++) {
    const t = detectTable(lines, i, pitchOf);
    if (t) {
      tableAt.set(i, t);
      i = t.end - 1;
    }
  }

  // 2. Units.
  const units: Unit[] = [];
  let cur: Unit | undefined;
  const close = () => {
    if (cur) units.push(cur);
    cur = undefined;
  };
  const continues = (u: Unit, l: Line, gap: number, pitch: number): boolean => {
    const last = u.lines[u.lines.length - 1]!;
    const text = cleanText(l.text);
    if (last.page === l.page && last.col === l.col) {
      if (gap > pitch * 1.3 + 0.5) return false;
      if (Math.abs(last.size - l.size) > 0.6) return false;
      const colWidth = last.colRight - last.colLeft;
      const short = last.x1 < last.colRight - Math.max(colWidth * 0.22, last.size * 4);
      if (short && endsSentence(last.text)) return false;
      if (last.cells.length > 1 || l.cells.length > 1) return false;
      if (u.kind === 'listItem' && u.textX !== undefined && l.x0 < u.textX - Math.max(3, l.size * 0.6)) return false;
      return true;
    }
    // Across a page or column break: continue only a sentence that is clearly unfinished.
    return !endsSentence(last.text) && /^\p{Ll}/u.test(text) && Math.abs(last.size - l.size) <= 0.6 && last.cells.length === 1;
  };
  for (let i = 0; i < lines.length; i++) {
    const t = tableAt.get(i);
    if (t) {
      close();
      units.push({ kind: 'table', lines: lines.slice(i, t.end), rows: t.rows });
      i = t.end - 1;
      continue;
    }
    const l = lines[i]!;
    const text = cleanText(l.text);
    const prev = lines[i - 1];
    const gap = gapBefore(i);
    const pitch = pitchOf(l.size);
    const styled = isLarge(l) || (l.bold && l.size >= bodySize - 0.5);
    const words = text.split(' ').length;

    const lsHead = listStart(text);
    // A bold line that simply continues a bold paragraph or list item is not a heading.
    if (styled && !isLarge(l) && !lsHead && cur && (cur.kind === 'paragraph' || cur.kind === 'listItem') && cur.lines[cur.lines.length - 1]!.bold === l.bold && continues(cur, l, gap, pitch)) {
      cur.lines.push(l);
      continue;
    }
    // Heading candidates: styled, short lines; consecutive styled lines merge.
    if (styled && words <= 20 && hasLetters(text) && l.cells.length === 1 && !(lsHead && !lsHead.ordered)) {
      if (
        cur?.kind === 'heading' &&
        prev &&
        Math.abs(prev.size - l.size) < 0.3 &&
        prev.bold === l.bold &&
        gap <= l.size * 1.6 &&
        gap > 0 &&
        !headingNumbering(text) &&
        cur.lines.reduce((n, x) => n + x.text.split(' ').length, 0) + words <= 24 &&
        !endsSentence(cur.lines[cur.lines.length - 1]!.text)
      ) {
        cur.lines.push(l);
        continue;
      }
      close();
      cur = { kind: 'heading', lines: [l], size: l.size, bold: l.bold };
      continue;
    }

    const ls = listStart(text);
    if (ls) {
      close();
      const firstCellItems = l.cells[0]!.items;
      let textX = l.x0;
      // Text x: the first item after the bullet/number.
      if (firstCellItems.length > 1 && !hasLetters(firstCellItems[0]!.str.replace(/^[a-z][.)]$/i, ''))) textX = firstCellItems[1]!.x;
      else if (firstCellItems.length > 1 && /^[a-z][.)]$/i.test(firstCellItems[0]!.str.trim())) textX = firstCellItems[1]!.x;
      cur = { kind: 'listItem', lines: [l], ordered: ls.ordered, textX };
      continue;
    }

    if (cur && (cur.kind === 'paragraph' || cur.kind === 'listItem') && continues(cur, l, gap, pitch)) {
      cur.lines.push(l);
      continue;
    }
    close();
    cur = { kind: 'paragraph', lines: [l] };
  }
  close();

  // Tables continued on the next page with a repeated header row: one table; a first row without
  // a first cell finishes the previous page's last row.
  for (let k = units.length - 1; k > 0; k--) {
    const u = units[k]!;
    const p = units[k - 1]!;
    if (u.kind !== 'table' || p.kind !== 'table') continue;
    const ur = u.rows!;
    const pr = p.rows!;
    if (u.lines[0]!.page !== p.lines[p.lines.length - 1]!.page + 1) continue;
    if (ur[0]!.cells.length !== pr[0]!.cells.length || ur[0]!.cells.join('|') !== pr[0]!.cells.join('|')) continue;
    const rest = ur.slice(1);
    const last = pr[pr.length - 1]!;
    if (rest.length && rest[0]!.cells[0] === '' && rest[0]!.cells.length === last.cells.length) {
      const cont = rest.shift()!;
      last.cells = last.cells.map((c, i) => cleanText(joinLines([c, cont.cells[i] ?? ''])));
    }
    pr.push(...rest);
    p.lines.push(...u.lines);
    units.splice(k, 1);
  }

  // 3. Which heading candidates are headings; numbered standalone lines may be headings too.
  const lineIndex = new Map<Line, number>();
  lines.forEach((l, i) => lineIndex.set(l, i));
  const cands: Unit[] = [];
  for (const u of units) {
    if (u.kind === 'heading') {
      const text = cleanText(joinLines(u.lines.map((l) => l.text)));
      const words = text.split(' ').length;
      const large = isLarge(u.lines[0]!);
      const bad =
        (/[.;,:]$/.test(text) && !/^\d+(\.\d+)*\.$/.test(text)) ||
        words > (large ? 20 : 14) ||
        (!large && (words > 14 || /^[•●◦▪■–\-*]/.test(text)));
      if (bad) {
        u.kind = 'paragraph';
        continue;
      }
      const num = headingNumbering(text);
      u.depth = num && /^\d/.test(num.label) ? num.depth : 0;
      u.size = large ? u.lines[0]!.size : bodySize;
      cands.push(u);
    } else if (u.kind === 'paragraph' && u.lines.length === 1) {
      const l = u.lines[0]!;
      const text = cleanText(l.text);
      const i = lineIndex.get(l)!;
      const num = headingNumbering(text);
      if (
        num &&
        /^(stap|fase|bijlage|hoofdstuk)\b/i.test(text) &&
        text.split(' ').length <= 10 &&
        !/[.;,:?!]$/.test(text) &&
        gapBefore(i) > pitchOf(l.size) * 1.3 &&
        Number.isFinite(gapAfter(i)) &&
        gapAfter(i) > pitchOf(l.size) * 1.3
      ) {
        u.kind = 'heading';
        u.depth = 0;
        u.size = bodySize - 0.01;
        cands.push(u);
      }
    }
  }
  const levels = assignHeadingLevels(cands.map((c) => ({ size: c.size!, depth: c.depth ?? 0 })));
  cands.forEach((c, k) => (c.level = levels[k]));

  // 4. Blocks.
  const out = new BlockBuilder();
  let tableOrdinal = 0;
  const listStack: number[] = [];
  for (const u of units) {
    const first = u.lines[0]!;
    const loc = { page: first.page, line: first.no };
    if (u.kind === 'table') {
      let row = 0;
      for (const r of u.rows!) {
        const b = out.add({ kind: 'tableRow', text: '', cells: r.cells, row, table: tableOrdinal, location: { page: r.line.page, line: r.line.no } });
        if (b) row++;
      }
      tableOrdinal++;
      listStack.length = 0;
      continue;
    }
    const text = joinLines(u.lines.map((l) => l.text));
    const lines = u.lines.length > 1 ? lineStarts(u.lines.map((l) => ({ text: l.text, at: { page: l.page, line: l.no } })), text) : undefined;
    if (u.kind === 'heading') {
      out.add({ kind: 'heading', text, level: u.level ?? 1, location: loc });
      listStack.length = 0;
    } else if (u.kind === 'listItem') {
      const x = first.x0;
      while (listStack.length && listStack[listStack.length - 1]! > x + 2) listStack.pop();
      if (!listStack.length || x > listStack[listStack.length - 1]! + 2) listStack.push(x);
      const shown = text.replace(BULLET_RE, '');
      out.add({ kind: 'listItem', text: u.ordered ? text : shown, level: listStack.length, ordered: !!u.ordered, location: loc, lines: u.ordered ? lines : undefined });
    } else {
      listStack.length = 0;
      out.add({ kind: 'paragraph', text, location: loc, lines });
    }
  }

  let title = opts.metadataTitle && isUsefulTitle(opts.metadataTitle) ? cleanText(opts.metadataTitle) : undefined;
  if (!title) {
    const firstPage = cands.filter((c) => c.lines[0]!.page === 1);
    const maxSize = Math.max(0, ...firstPage.map((c) => c.size ?? 0));
    const t = firstPage.find((c) => c.size === maxSize && maxSize > bodySize);
    if (t) title = cleanText(joinLines(t.lines.map((l) => l.text)));
  }
  return { blocks: out.blocks, title, warnings, removedLines };
}

function isUsefulTitle(t: string): boolean {
  const s = t.trim();
  if (s.length < 4 || s.length > 200) return false;
  if (/^(microsoft word|untitled|naamloos|document\d*|sjabloon)\b/i.test(s)) return false;
  if (/\.(docx?|pdf|odt|rtf|txt)$/i.test(s)) return false;
  return /\p{L}{3}/u.test(s);
}

/**
 * A table starting at line i: at least two rows of two or more cells whose x starts align to a
 * common set of columns, followed by continuation lines inside those columns. Lines whose extra
 * cells are only page numbers (a table of contents) do not make a table.
 */
function detectTable(
  lines: Line[],
  i: number,
  pitchOf: (size: number) => number,
): { end: number; rows: Array<{ cells: string[]; line: Line }> } | undefined {
  const first = lines[i]!;
  if (first.cells.length < 2) return undefined;
  const isTocLike = (l: Line) => l.cells.length === 2 && /^[\d.\s]{1,6}$/.test(l.cells[1]!.text.trim());
  if (isTocLike(first)) return undefined;
  const anchors = first.cells.map((c) => c.x0);
  const tol = Math.max(4, first.size * 0.5);
  const colOf = (x: number) => {
    let best = -1;
    let bd = Infinity;
    for (let k = 0; k < anchors.length; k++) {
      const d = Math.abs(anchors[k]! - x);
      if (d < bd) {
        bd = d;
        best = k;
      }
    }
    return bd <= tol ? best : -1;
  };
  const members: Line[] = [first];
  let j = i + 1;
  let multi = 1;
  for (; j < lines.length; j++) {
    const l = lines[j]!;
    const prev = lines[j - 1]!;
    if (l.page !== prev.page || l.col !== prev.col) break;
    const gap = prev.y - l.y;
    if (gap > pitchOf(l.size) * 3.2) break;
    if (l.cells.some((c) => colOf(c.x0) < 0)) break;
    if (l.cells.length === 1 && colOf(l.cells[0]!.x0) === 0) {
      // A single cell in the first column: a wrapped first cell or text after the table. Text after
      // the table reaches past the second column's start.
      if (anchors.length > 1 && l.x1 > anchors[1]! + 2) break;
    }
    if (l.cells.length >= 2) multi++;
    members.push(l);
  }
  if (multi < 2) return undefined;
  // Rows: a new row starts at a line with a cell in a column that already has text in the current
  // row after a gap larger than the row's line pitch, or at any line with a first-column cell after
  // a larger gap.
  const rows: Array<{ parts: string[][]; line: Line; lastY: number }> = [];
  let curRow: { parts: string[][]; line: Line; lastY: number } | undefined;
  // Line pitch inside the table: the smallest baseline distance (lines within one cell).
  let tablePitch = Infinity;
  for (let k = 1; k < members.length; k++) {
    const d = members[k - 1]!.y - members[k]!.y;
    if (d > members[k]!.size * 0.8) tablePitch = Math.min(tablePitch, d);
  }
  for (const l of members) {
    const pitch = Number.isFinite(tablePitch) ? tablePitch : pitchOf(l.size);
    const newRow = !curRow || curRow.lastY - l.y > pitch * 1.35;
    if (newRow) {
      curRow = { parts: anchors.map(() => []), line: l, lastY: l.y };
      rows.push(curRow);
    }
    // Items go to the column whose start they are at or after (cells may touch without a wide gap).
    const byCol: PdfItem[][] = anchors.map(() => []);
    for (const c of l.cells) {
      const base = Math.max(0, colOf(c.x0));
      for (const it of c.items) {
        let k = base;
        while (k + 1 < anchors.length && it.x >= anchors[k + 1]! - 1) k++;
        byCol[k]!.push(it);
      }
    }
    byCol.forEach((items, k) => {
      if (items.length) curRow!.parts[k]!.push(joinItems(items));
    });
    curRow!.lastY = l.y;
  }
  const outRows = rows.map((r) => ({ cells: r.parts.map((p) => cleanText(joinLines(p))), line: r.line }));
  if (outRows.filter((r) => r.cells.filter((c) => c).length >= 2).length < 2) return undefined;
  return { end: i + members.length, rows: outRows };
}
