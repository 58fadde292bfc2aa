/**
 * Dutch normalisation for matching. Matching runs on folded text; quotes shown to users come from
 * the original text, so every folded string keeps a map back to original offsets.
 *
 * Folding: NFKD (splits ligatures such as "ﬁ" and diacritics), drop combining marks (cliënt →
 * client, één → een), lower case, curly quotes and dashes to ASCII, soft hyphens and zero-width
 * characters removed, whitespace runs to one space.
 */

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
  map: number[];
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
    outs.set(ch, out);
    kind = Kind.Text;
  }
  kinds.set(ch, kind);
  return kind;
}

/** The shared loop: folded text, and the offset map when `map` is given. */
function foldInto(original: string, map: number[] | undefined): string {
  let text = '';
  let lastWasSpace = true; // trims leading whitespace
  let i = 0;
  const n = original.length;
  while (i < n) {
    const at = i;
    const cp = original.codePointAt(i)!;
    const ch = cp > 0xffff ? original.slice(i, i + 2) : original[i]!;
    i += ch.length;
    const kind = classify(ch);
    if (kind === Kind.Drop) continue;
    if (kind === Kind.Space) {
      if (!lastWasSpace) {
        text += ' ';
        map?.push(at);
        lastWasSpace = true;
      }
      continue;
    }
    const out = outs.get(ch)!;
    if (map) for (let k = 0; k < out.length; k++) map.push(at);
    text += out;
    lastWasSpace = false;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    map?.pop();
  }
  map?.push(original.length);
  return text;
}

/** Folds `original` for matching and keeps the offset map. */
export function fold(original: string): Folded {
  const map: number[] = [];
  const text = foldInto(original, map);
  return { text, map };
}

/** Folded text only (no offset map): the hot path of the engine. */
export function normalize(original: string): string {
  return foldInto(original, undefined);
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

/** Dutch sentences through Intl.Segmenter, re-joining splits after common abbreviations. */
export function sentences(original: string): Sentence[] {
  sentenceSegmenter ??= new Intl.Segmenter('nl', { granularity: 'sentence' });
  const out: Sentence[] = [];
  for (const seg of sentenceSegmenter.segment(original)) {
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
