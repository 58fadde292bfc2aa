/**
 * Fast folding for the engine: the same result as fold() in document/normalize.ts, but each code
 * point is classified once (by asking fold() itself) and then looked up, instead of running three
 * regular expressions and NFKD per character. fold() treats code points independently (only the
 * whitespace state carries over), so a per-code-point table is exact:
 *   drop  – removed, no effect on the whitespace state (soft hyphen, zero-width characters);
 *   space – a whitespace run becomes one space, leading whitespace is dropped;
 *   text  – replaced by a fixed string (possibly empty, e.g. a lone combining mark) and ends a
 *           whitespace run.
 */
import { fold, type Folded } from '../document/normalize.js';

const DROP = 0;
const SPACE = 1;
const TEXT = 2;
type Kind = typeof DROP | typeof SPACE | typeof TEXT;

const kinds = new Map<string, Kind>();
const outs = new Map<string, string>();
/** ASCII: lower case, whitespace; no folding otherwise. */
const asciiKind = new Uint8Array(128);
const asciiOut: string[] = [];
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  classify(ch);
  asciiKind[c] = kinds.get(ch)!;
  asciiOut[c] = outs.get(ch) ?? '';
}

function classify(ch: string): void {
  if (kinds.has(ch)) return;
  // Probe fold() with the character between letters and between spaces.
  const tight = fold(`a${ch}a`).text;
  const spaced = fold(`a ${ch} a`).text;
  if (spaced === 'a a') {
    kinds.set(ch, tight === 'aa' ? DROP : SPACE);
  } else {
    kinds.set(ch, TEXT);
    outs.set(ch, tight.slice(1, -1));
  }
}

/** fold(original).text, faster. */
export function foldText(original: string): string {
  let text = '';
  let lastWasSpace = true;
  const n = original.length;
  let i = 0;
  while (i < n) {
    const c = original.charCodeAt(i);
    let kind: Kind;
    let out: string;
    if (c < 128) {
      kind = asciiKind[c] as Kind;
      out = asciiOut[c]!;
      i++;
    } else {
      const cp = original.codePointAt(i)!;
      const ch = cp > 0xffff ? original.slice(i, i + 2) : original[i]!;
      i += ch.length;
      classify(ch);
      kind = kinds.get(ch)!;
      out = outs.get(ch) ?? '';
    }
    if (kind === DROP) continue;
    if (kind === SPACE) {
      if (!lastWasSpace) {
        text += ' ';
        lastWasSpace = true;
      }
      continue;
    }
    text += out;
    lastWasSpace = false;
  }
  if (text.endsWith(' ')) text = text.slice(0, -1);
  return text;
}

/** fold(original) with its offset map, faster. */
export function foldWithMap(original: string): Folded {
  let text = '';
  const map: number[] = [];
  let lastWasSpace = true;
  const n = original.length;
  let i = 0;
  while (i < n) {
    const at = i;
    const c = original.charCodeAt(i);
    let kind: Kind;
    let out: string;
    if (c < 128) {
      kind = asciiKind[c] as Kind;
      out = asciiOut[c]!;
      i++;
    } else {
      const cp = original.codePointAt(i)!;
      const ch = cp > 0xffff ? original.slice(i, i + 2) : original[i]!;
      i += ch.length;
      classify(ch);
      kind = kinds.get(ch)!;
      out = outs.get(ch) ?? '';
    }
    if (kind === DROP) continue;
    if (kind === SPACE) {
      if (!lastWasSpace) {
        text += ' ';
        map.push(at);
        lastWasSpace = true;
      }
      continue;
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
