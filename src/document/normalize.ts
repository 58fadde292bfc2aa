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

/** Folds `original` for matching and keeps the offset map. */
export function fold(original: string): Folded {
  let text = '';
  const map: number[] = [];
  let lastWasSpace = true; // trims leading whitespace
  let i = 0;
  for (const ch of original) {
    const at = i;
    i += ch.length;
    if (DROP.test(ch)) continue;
    if (SPACE.test(ch)) {
      if (!lastWasSpace) {
        text += ' ';
        map.push(at);
        lastWasSpace = true;
      }
      continue;
    }
    let out = REPLACE[ch];
    if (out === undefined) {
      out = '';
      for (const part of ch.normalize('NFKD')) if (!MARK.test(part)) out += part;
      out = out.toLowerCase();
    }
    for (let k = 0; k < out.length; k++) map.push(at);
    text += out;
    lastWasSpace = false;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    map.pop();
  }
  map.push(original.length);
  return { text, map };
}

/** Folded text only. */
export function normalize(original: string): string {
  return fold(original).text;
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
