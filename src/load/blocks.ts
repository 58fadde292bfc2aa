/**
 * Shared helpers for loaders: text clean-up for Block.text and a builder that keeps the heading
 * path and section string while blocks are appended in reading order.
 */
import type { Block, BlockKind, Location } from '../document/model.js';
import { isPlainAscii, oneByte } from '../document/normalize.js';

/**
 * Text that NFC leaves as it is: no combining marks and nothing else composition could change
 * (below U+0300 there is nothing to compose; in General Punctuation only U+2000-2001 change).
 */
const MAY_CHANGE_UNDER_NFC = /[^\u0000-\u02FF\u2002-\u206F\u20AC\u2122]/;

/** What JavaScript's \s matches (the whitespace collapsed to one space). */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Removed: soft hyphen, zero-width characters and BOM ([\u00AD\u200B-\u200D\u2060\uFEFF]), and
 * control characters other than whitespace ([\u0000-\u0008\u000E-\u001F\u007F-\u009F]): never
 * text, and in a terminal they are commands (ESC).
 */
function isRemoved(c: number): boolean {
  return c <= 8 || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/**
 * Block.text clean-up: NFC, soft hyphens, zero-width and control characters removed, whitespace
 * collapsed and trimmed, in one pass (the tests compare it with the same done by regular expressions).
 * With `asOneByte` (a block's final text), text without characters above U+00FF comes back as a
 * one-byte string (oneByte): everything after the loader (sentences, folding, evidence) runs faster
 * on it; intermediate texts (a PDF's lines) are not worth the copy.
 */
export function cleanText(s: string, asOneByte = false): string {
  if (isPlainAscii(s)) return asOneByte ? oneByte(s) : s;
  if (MAY_CHANGE_UNDER_NFC.test(s)) s = s.normalize('NFC');
  let out = '';
  let run = 0; // start of the pending run of kept characters
  let space = false; // whitespace seen since the last kept character
  let wide = false; // a kept code unit above 255
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const removed = isRemoved(c);
    if (!removed && !isSpace(c)) {
      if (c > 255) wide = true;
      if (space) {
        if (out || run < i) out += ' ';
        space = false;
        run = i;
      }
      continue;
    }
    if (run < i) out += s.slice(run, i);
    run = i + 1;
    if (!removed) space = true;
  }
  if (run < n) out += s.slice(run, n);
  return asOneByte && !wide ? oneByte(out) : out;
}

const LETTER = /\p{L}/u;

/** Number of letters (any script) in a string. */
export function letterCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if ((c | 32) >= 97 && (c | 32) <= 122) n++;
    } else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (LETTER.test(String.fromCodePoint(cp))) n++;
    }
  }
  return n;
}

export const SECTION_SEP = ' › ';

export interface BlockInput {
  kind: BlockKind;
  text: string;
  level?: number;
  location: Omit<Location, 'section'>;
  cells?: string[];
  ordered?: boolean;
  row?: number;
  table?: number;
  lines?: Block['lines'];
}

/**
 * Longest paragraph or list item kept as one block. Real paragraphs stay far below (the longest in
 * the corpus is ~1,600 characters); a text of megabytes without a paragraph break is split at
 * sentence ends, because checking a block costs more than linear time in its length.
 */
export const MAX_BLOCK_CHARS = 10_000;

/** Where to cut `text` at or before `max`: after a sentence end, else at a space, else at `max`. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(Math.floor(max / 2), max + 1);
  let best = -1;
  const sentenceEnd = /[.!?;:]\s/g;
  for (let m = sentenceEnd.exec(window); m; m = sentenceEnd.exec(window)) best = m.index + 1;
  if (best < 0) best = window.lastIndexOf(' ');
  return best < 0 ? max : Math.floor(max / 2) + best;
}

/** Splits an over-long paragraph or list item into pieces of at most MAX_BLOCK_CHARS, keeping line starts. */
function splitLong(b: BlockInput, clean: string): BlockInput[] {
  const out: BlockInput[] = [];
  let start = 0;
  while (start < clean.length) {
    let end = clean.length;
    if (end - start > MAX_BLOCK_CHARS) end = start + cutPoint(clean.slice(start), MAX_BLOCK_CHARS);
    const piece = clean.slice(start, end).trim();
    const lead = clean.slice(start, end).length - clean.slice(start, end).trimStart().length;
    const from = start + lead;
    let lines: BlockInput['lines'];
    let location = b.location;
    if (b.lines?.length) {
      // The line the piece starts in, then the lines that start inside it.
      const first = [...b.lines].reverse().find((l) => l.offset <= from) ?? b.lines[0]!;
      const inside = b.lines.filter((l) => l.offset > from && l.offset < from + piece.length);
      lines = [{ ...first, offset: 0 }, ...inside.map((l) => ({ ...l, offset: l.offset - from }))];
      if (out.length) {
        const { column: _c, ...rest } = b.location;
        location = { ...rest, ...(first.page !== undefined ? { page: first.page } : {}), ...(first.line !== undefined ? { line: first.line } : {}) };
      }
    }
    if (piece) out.push({ ...b, text: piece, location, lines });
    start = end;
  }
  return out;
}

/**
 * A block with every field present, in one order, whatever the format: one hidden class for all
 * blocks, so the engine's loops over them stay monomorphic. Absent fields are undefined (and left
 * out of JSON).
 */
function makeBlock(kind: BlockKind, text: string, level: number | undefined, headingPath: string[], location: Location, cells?: string[], ordered?: boolean, row?: number, table?: number, lines?: Block['lines']): Block {
  return { kind, text, level, headingPath, location, cells, ordered, row, table, lines };
}

export class BlockBuilder {
  readonly blocks: Block[] = [];
  /** Stack of [level, text] for open headings. */
  private stack: Array<{ level: number; text: string }> = [];

  private path(): string[] {
    return this.stack.map((h) => h.text);
  }

  /** Appends a block; empty text is dropped. Returns the block or undefined. */
  add(b: BlockInput): Block | undefined {
    const text = b.kind === 'tableRow' && b.cells ? b.cells.join(' | ') : b.text;
    const clean = cleanText(text, true);
    if (b.kind === 'tableRow') {
      if (!b.cells || b.cells.every((c) => c === '')) return undefined;
    } else if (clean === '') return undefined;
    // A "heading" or table row of many thousands of characters is text, not structure.
    if ((b.kind === 'heading' || b.kind === 'tableRow') && clean.length > MAX_BLOCK_CHARS) {
      return this.add({ kind: 'paragraph', text: clean, location: b.location, lines: b.lines });
    }
    if (b.kind === 'heading') {
      const level = Math.min(6, Math.max(1, b.level ?? 1));
      while (this.stack.length && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
      const headingPath = this.path();
      const block = makeBlock('heading', clean, level, headingPath, withSection(b.location, headingPath));
      this.stack.push({ level, text: clean });
      this.blocks.push(block);
      return block;
    }
    if ((b.kind === 'paragraph' || b.kind === 'listItem') && clean.length > MAX_BLOCK_CHARS) {
      let firstBlock: Block | undefined;
      for (const piece of splitLong(b, clean)) {
        const added = this.add(piece);
        firstBlock ??= added;
      }
      return firstBlock;
    }
    const headingPath = this.path();
    const block = makeBlock(b.kind, clean, b.level, headingPath, withSection(b.location, headingPath), b.cells, b.ordered, b.row, b.table, b.lines && b.lines.length > 1 ? b.lines : undefined);
    this.blocks.push(block);
    return block;
  }
}

function withSection(loc: Omit<Location, 'section'>, headingPath: string[]): Location {
  const out: Location = { ...loc };
  if (headingPath.length) out.section = headingPath.join(SECTION_SEP);
  return out;
}

/**
 * Line starts of a block whose text joins several source lines: the offset in the cleaned block
 * text where each line begins (found by its first characters, so joined hyphenation is fine).
 */
export function lineStarts<T extends { page?: number; line?: number }>(parts: Array<{ text: string; at: T }>, joined: string): Array<{ offset: number } & T> {
  const text = cleanText(joined);
  const out: Array<{ offset: number } & T> = [];
  let from = 0;
  for (const part of parts) {
    const head = cleanText(part.text).slice(0, 12);
    if (!head) continue;
    const at = out.length === 0 ? 0 : text.indexOf(head, from);
    if (at < 0) continue;
    out.push({ offset: at, ...part.at });
    from = at + 1;
  }
  return out;
}

/** Title: the first level-1 heading, else the first heading. */
export function titleOf(blocks: Block[]): string | undefined {
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return (h1 ?? blocks.find((b) => b.kind === 'heading'))?.text;
}

/**
 * Heading-like numbering at the start of a line: "1.", "2.3", "2.3.1", "Stap 3", "Fase 2",
 * "Bijlage 2", "Hoofdstuk 4", "Artikel 5". Returns the depth implied (1 for "1."/"Stap 3", 2 for "2.3").
 */
export function headingNumbering(text: string): { depth: number; label: string } | undefined {
  const t = text.trim();
  let m = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=\s+\S)/.exec(t);
  if (m) {
    const parts = m[1]!.split('.');
    return { depth: parts.length, label: m[1]! };
  }
  m = /^(stap|fase|bijlage|hoofdstuk|artikel|paragraaf|deel|onderdeel)\s+(\d{1,2}|[ivx]{1,4}|[a-e])\b/i.exec(t);
  if (m) return { depth: 1, label: m[0] };
  return undefined;
}

/**
 * Heading levels from formatting: larger sizes first; within one size, deeper "2.3"-numbering one
 * level further. Returns a 1-based level per candidate (dense, at most 6).
 */
export function assignHeadingLevels(cands: Array<{ size: number; depth: number }>): number[] {
  if (!cands.length) return [];
  const round = (s: number) => Math.round(s * 2) / 2;
  const sizes = [...new Set(cands.map((c) => round(c.size)))].sort((a, b) => b - a);
  const minDepth = new Map<number, number>();
  for (const c of cands) {
    if (!c.depth) continue;
    const s = round(c.size);
    minDepth.set(s, Math.min(minDepth.get(s) ?? c.depth, c.depth));
  }
  const keyOf = (c: { size: number; depth: number }) => {
    const s = round(c.size);
    const extra = c.depth && minDepth.has(s) ? c.depth - minDepth.get(s)! : 0;
    return sizes.indexOf(s) * 10 + Math.min(extra, 5);
  };
  const keys = [...new Set(cands.map(keyOf))].sort((a, b) => a - b);
  return cands.map((c) => Math.min(6, keys.indexOf(keyOf(c)) + 1));
}
