/**
 * Dutch normalisation for matching. Matching runs on folded text; quotes shown to users come from
 * the original text, so every folded string keeps a map back to original offsets.
 *
 * Folding: NFKD (splits ligatures such as "ﬁ" and diacritics), drop combining marks (cliënt →
 * client, één → een), lower case, curly quotes and dashes to ASCII, soft hyphens and zero-width
 * characters removed, whitespace runs to one space.
 */
import { sentenceBreaks } from './sentence-breaks.js';

const DROP = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const MARK = /\p{M}/u;
const SPACE = /\s/;
const REPLACE: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
};

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each index in `text`, the index in the original string it came from. Length text.length + 1. */
  map: Uint32Array;
}

const enum Kind {
  Drop,
  Space,
  Text,
}

/**
 * How one code point folds. Code points fold independently (only the whitespace state carries
 * over), so each is classified once and then looked up: no regular expressions or NFKD per character.
 */
const kinds = new Map<string, Kind>();
const outs = new Map<string, string>();

function classify(ch: string): Kind {
  let kind = kinds.get(ch);
  if (kind !== undefined) return kind;
  if (DROP.test(ch)) kind = Kind.Drop;
  else if (SPACE.test(ch)) kind = Kind.Space;
  else {
    let out = REPLACE[ch];
    if (out === undefined) {
      out = '';
      for (const part of ch.normalize('NFKD')) if (!MARK.test(part)) out += part;
      out = out.toLowerCase();
    }
    // A combining mark on its own (after a space, or decomposed text) folds to nothing: dropped
    // like a soft hyphen, so it does not end a run of whitespace ("a \u0301 b" → "a b").
    if (out === '') kind = Kind.Drop;
    else {
      outs.set(ch, out);
      kind = Kind.Text;
    }
  }
  kinds.set(ch, kind);
  return kind;
}

/** Output buffers of the fold loop, reused (folding is synchronous). */
let buf = new Uint16Array(4096);
/** Offset map of the output in buf (fold only): mbuf[k] is the original index of buf[k]. */
let mbuf = new Uint32Array(4096);
let bytes = Buffer.allocUnsafe(4096);

function grow(need: number): void {
  const next = new Uint16Array(Math.max(need, buf.length * 2));
  next.set(buf);
  buf = next;
  const nextMap = new Uint32Array(next.length + 1);
  nextMap.set(mbuf.subarray(0, Math.min(mbuf.length, nextMap.length)));
  mbuf = nextMap;
}

/**
 * The string of buf[0, len). Folded Dutch text has only codes below 256: it is decoded as Latin-1,
 * which makes a one-byte string (the engine's regular expressions run markedly faster on those
 * than on two-byte strings) about five times faster than String.fromCharCode.
 */
function bufString(len: number, wide: boolean): string {
  if (!wide) {
    if (bytes.length < len) bytes = Buffer.allocUnsafe(Math.max(len, bytes.length * 2));
    for (let k = 0; k < len; k++) bytes[k] = buf[k]!;
    return bytes.toString('latin1', 0, len);
  }
  const CHUNK = 8192;
  let s = '';
  for (let k = 0; k < len; k += CHUNK) s += String.fromCharCode.apply(null, buf.subarray(k, Math.min(len, k + CHUNK)) as unknown as number[]);
  return s;
}

/**
 * The shared loop: folded text, and the offset map in mbuf when `map` is set (mbuf[0, length + 1)).
 * Printable ASCII folds to its lower case one for one without a lookup; other characters go
 * through the classification.
 */
function foldInto(original: string, map: boolean): string {
  const n = original.length;
  if (buf.length < n + 16) grow(n + 16);
  let len = 0;
  let wide = false; // a code above 255 in the output
  let lastWasSpace = true; // trims leading whitespace
  let i = 0;
  while (i < n) {
    const c = original.charCodeAt(i);
    if (c > 32 && c < 127) {
      if (map) mbuf[len] = i;
      buf[len++] = c >= 65 && c <= 90 ? c + 32 : c;
      lastWasSpace = false;
      i++;
      continue;
    }
    const at = i;
    const ch = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (original.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? original.slice(i, i + 2) : original[i]!;
    i += ch.length;
    const kind = c === 32 ? Kind.Space : classify(ch);
    if (kind === Kind.Drop) continue;
    if (kind === Kind.Space) {
      if (!lastWasSpace) {
        if (map) mbuf[len] = at;
        buf[len++] = 32;
        lastWasSpace = true;
      }
      continue;
    }
    const out = outs.get(ch)!;
    // Output can be longer than the input ("…" → "...", NFKD expansions).
    if (len + out.length + (n - i) + 16 > buf.length) grow(len + out.length + (n - i) + 16);
    for (let k = 0; k < out.length; k++) {
      const code = out.charCodeAt(k);
      if (code > 255) wide = true;
      if (map) mbuf[len] = at;
      buf[len++] = code;
    }
    lastWasSpace = false;
  }
  if (len > 0 && buf[len - 1] === 32) len--;
  if (map) mbuf[len] = n;
  return bufString(len, wide);
}

/** Folds `original` for matching and keeps the offset map. */
export function fold(original: string): Folded {
  const text = foldInto(original, true);
  return { text, map: mbuf.slice(0, text.length + 1) };
}

/**
 * Printable ASCII words separated by single spaces, not empty: text that cleaning leaves as it is
 * and that folding only lower-cases. Three in four blocks and sentences of Dutch documents are
 * like that. (One pass; about twice as fast as the equivalent regular expression.)
 */
export function isPlainAscii(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c > 32 && c < 127) prevSpace = false;
    else return false;
  }
  return true;
}

/** Folded text only (no offset map): the hot path of the engine. Plain ASCII is just lower-cased. */
export function normalize(original: string): string {
  return isPlainAscii(original) ? oneByte(original.toLowerCase()) : foldInto(original, false);
}

/**
 * The same text as a one-byte string; every code unit of `latin1` must be below 256. Parsers'
 * strings are often stored with two bytes per character even when all are ASCII (a slice of a text
 * that had other characters), and regular expressions run markedly slower on those.
 */
export function oneByte(latin1: string): string {
  const n = latin1.length;
  if (bytes.length < n) bytes = Buffer.allocUnsafe(Math.max(n, bytes.length * 2));
  bytes.write(latin1, 0, n, 'latin1');
  return bytes.toString('latin1', 0, n);
}

let sentenceSegmenter: Intl.Segmenter | undefined;

/** Abbreviations after which a period does not end a Dutch sentence. */
const ABBREVIATIONS = /(?:^|\s)(?:art|o\.a|bijv|m\.b\.t|i\.p\.v|e\.d|z\.s\.m|t\.a\.v|d\.w\.z|o\.b\.v|a\.d\.h\.v|i\.o\.m|n\.a\.v|m\.n|evt|nr|blz|p|ca|incl|excl|zgn|resp|vgl|dhr|mevr|mw|jl|sub|lid|stb|stcrt)\.$/i;

export interface Sentence {
  /** Start and end offsets in the original text. */
  start: number;
  end: number;
  text: string;
}

/**
 * Characters after which Unicode sentence segmentation (UAX #29) may break: sentence terminators
 * of the scripts a Dutch document plausibly contains, and line and paragraph separators. Text
 * without any of them (before its final punctuation) is one sentence; the segmenter is skipped.
 */
const MAY_BREAK = /[.!?\u0085\u2028\u2029\n\r\v\f\u037E\u0589\u061F\u06D4\u0700-\u0702\u0964\u0965\u203C\u203D\u2047-\u2049\u2E2E\u3002\uFE52\uFE56\uFE57\uFF01\uFF0E\uFF1F\uFF61]/;
/** A closing run the segmenter keeps with the sentence before it: terminators, closers, spaces. */
const FINAL_RUN = /[.!?]+["'\u2019\u201D)\]]*\s*$/;

/**
 * The UAX #29 sentence segments of a text: computed here for text of the characters
 * sentence-breaks.ts knows (most Dutch text, many times faster), else by Intl.Segmenter. The same
 * segments either way (the tests compare them).
 */
function segments(text: string): Iterable<{ segment: string; index: number }> {
  const breaks = sentenceBreaks(text);
  if (!breaks) {
    sentenceSegmenter ??= new Intl.Segmenter('nl', { granularity: 'sentence' });
    return sentenceSegmenter.segment(text);
  }
  const out: Array<{ segment: string; index: number }> = [];
  let from = 0;
  for (const b of breaks) {
    out.push({ segment: text.slice(from, b), index: from });
    from = b;
  }
  out.push({ segment: text.slice(from), index: from });
  return out;
}

/** Dutch sentences (UAX #29 segments), re-joining splits after common abbreviations. */
export function sentences(original: string): Sentence[] {
  const fin = FINAL_RUN.exec(original);
  if (!MAY_BREAK.test(fin ? original.slice(0, fin.index) : original)) {
    const trimmed = original.trim();
    if (!trimmed) return [];
    const start = original.indexOf(trimmed);
    return [{ start, end: start + trimmed.length, text: trimmed }];
  }
  const out: Sentence[] = [];
  for (const seg of segments(original)) {
    const raw = seg.segment;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = seg.index + raw.indexOf(trimmed);
    const prev = out[out.length - 1];
    if (prev && (ABBREVIATIONS.test(prev.text) || /^[\d.]+$/.test(prev.text) || /^[a-z0-9(]/.test(trimmed))) {
      prev.end = start + trimmed.length;
      prev.text = original.slice(prev.start, prev.end);
      continue;
    }
    out.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return out;
}
