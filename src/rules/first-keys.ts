/**
 * Start keys: a cheap necessary condition for a concept regex to match, checked before the regex.
 *
 * The key of a text at position p is its first three ASCII word characters from p ("verwijsindex"
 * → "ver"), fewer when a non-word character or the end comes first ("vt." → "vt"), or, when
 * text[p] is not a word character, that one character ("[naam]" → "["). Word characters are those
 * of \w and \b: [A-Za-z0-9_].
 *
 * Every concept regex starts with (?<![\p{L}\p{N}]), so a match can only start where the previous
 * character is not a letter or digit. `textKeys` registers the key at every position whose previous
 * character is not an ASCII letter or digit: a superset of those starts. `firstKeys` reads the
 * regex source and returns every key a match can start with, or undefined when it cannot tell
 * (a pattern starting with \w+, a class, a dot, or one that can end before its key is settled).
 * So: if the regex matches a text, one of the text's keys is in firstKeys(regex). A text with none
 * of them cannot match and its regex test can be skipped. Property tests check this on the corpus
 * and on generated text (test/rules/first-keys.test.ts).
 */

/** Thrown inside the analysis when the keys cannot be bounded; firstKeys returns undefined. */
class Unbounded extends Error {}

type Node =
  | { t: 'char'; c: string }
  | { t: 'class'; chars?: string[]; word: boolean }
  | { t: 'any' }
  | { t: 'wordBoundary' }
  | { t: 'zero' }
  | { t: 'end' }
  | { t: 'group'; alts: Node[][] }
  | { t: 'rep'; node: Node; min: number; max: number };

const KEY_LENGTH = 3;
const MAX_STATES = 4096;
const MAX_CLASS = 16;

export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
}

function wordDigit(c: number): number {
  if (c >= 97 && c <= 122) return c - 96; // 1..26
  if (c >= 65 && c <= 90) return c - 38; // 27..52
  if (c >= 48 && c <= 57) return c + 5; // 53..62
  return 63; // '_'
}

/** Key codes: word keys below 2^18 (6 bits per character), a non-word character 2^18 + its code. */
const NON_WORD = 1 << 18;

export function keyCode(key: string): number {
  const first = key.charCodeAt(0);
  if (!isWordCode(first)) return NON_WORD + first;
  let code = 0;
  for (let k = 0; k < KEY_LENGTH; k++) code = code * 64 + (k < key.length ? wordDigit(key.charCodeAt(k)) : 0);
  return code;
}

/** The key code at position p of s (p < s.length). */
export function keyAt(s: string, p: number): number {
  const first = s.charCodeAt(p);
  if (!isWordCode(first)) return NON_WORD + first;
  let code = wordDigit(first);
  let k = 1;
  for (; k < KEY_LENGTH && p + k < s.length; k++) {
    const c = s.charCodeAt(p + k);
    if (!isWordCode(c)) break;
    code = code * 64 + wordDigit(c);
  }
  for (; k < KEY_LENGTH; k++) code *= 64;
  return code;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** Calls `add` with the key code of every position of s not preceded by an ASCII letter or digit. */
export function textKeys(s: string, add: (code: number) => void): void {
  const n = s.length;
  for (let p = 0; p < n; p++) {
    if (p > 0 && isAsciiAlnum(s.charCodeAt(p - 1))) continue;
    add(keyAt(s, p));
  }
}

// ---------------------------------------------------------------------------------------------
// A parser for the regular expressions of the rule files (the ES syntax with the u flag)

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  parse(): Node[][] {
    const alts = this.alternatives();
    if (this.i < this.src.length) throw new Unbounded(`unexpected ${this.src[this.i]}`);
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Node[] {
    const out: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      out.push(this.quantified(atom));
    }
    return out;
  }

  private quantified(node: Node): Node {
    const s = this.src;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === '?') (min = 0), (max = 1), this.i++;
    else if (c === '*') (min = 0), (max = Infinity), this.i++;
    else if (c === '+') (min = 1), (max = Infinity), this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) throw new Unbounded('bad quantifier');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.i += m[0].length;
    } else return node;
    if (s[this.i] === '?') this.i++; // lazy: same language
    return { t: 'rep', node, min, max };
  }

  private atom(): Node {
    const s = this.src;
    const c = s[this.i]!;
    if (c === '(') {
      this.i++;
      let zero = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) (this.i += 2), (zero = true);
      else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) (this.i += 3), (zero = true);
      else if (s.startsWith('?<', this.i)) {
        const close = s.indexOf('>', this.i);
        if (close < 0) throw new Unbounded('bad group name');
        this.i = close + 1;
      } else if (s[this.i] === '?') throw new Unbounded('unknown group');
      const alts = this.alternatives();
      if (s[this.i] !== ')') throw new Unbounded('unclosed group');
      this.i++;
      return zero ? { t: 'zero' } : { t: 'group', alts };
    }
    this.i++;
    if (c === '.') return { t: 'any' };
    if (c === '^') return { t: 'zero' };
    if (c === '$') return { t: 'end' };
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    // A surrogate pair is one character under the u flag; it is never a word character.
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && this.i < s.length) return { t: 'char', c: c + s[this.i++]! };
    return { t: 'char', c };
  }

  /** After a backslash outside a class. */
  private escape(): Node {
    const s = this.src;
    const c = s[this.i++];
    if (c === undefined) throw new Unbounded('trailing backslash');
    if (c === 'b') return { t: 'wordBoundary' };
    if (c === 'B') return { t: 'zero' };
    if (/[1-9k]/.test(c)) throw new Unbounded('back reference');
    const cls = this.classEscape(c);
    if (cls) return cls;
    return { t: 'char', c: this.charEscape(c) };
  }

  /** \d \w \s and their negations, \p{…}: a class node, or undefined for a character escape. */
  private classEscape(c: string): Node | undefined {
    if (c === 'd') return { t: 'class', word: true };
    if (c === 'w' || c === 'D' || c === 'S' || c === 'W' || c === 'p' || c === 'P') {
      if (c === 'p' || c === 'P') {
        const close = this.src.indexOf('}', this.i);
        if (this.src[this.i] !== '{' || close < 0) throw new Unbounded('bad property escape');
        this.i = close + 1;
      }
      // \W has no word character; the others (\D and \S include letters, \p{…} may) may have one.
      return { t: 'class', word: c !== 'W' };
    }
    if (c === 's') return { t: 'class', word: false };
    return undefined;
  }

  /** The character of a character escape (\n, \x41, \u0041, \u{41}, \., …). */
  private charEscape(c: string): string {
    const s = this.src;
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };
    if (c in simple) return simple[c]!;
    if (c === 'x') {
      const h = s.slice(this.i, this.i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new Unbounded('bad \\x');
      this.i += 2;
      return String.fromCharCode(parseInt(h, 16));
    }
    if (c === 'u') {
      if (s[this.i] === '{') {
        const close = s.indexOf('}', this.i);
        if (close < 0) throw new Unbounded('bad \\u{}');
        const cp = parseInt(s.slice(this.i + 1, close), 16);
        this.i = close + 1;
        return String.fromCodePoint(cp);
      }
      const h = s.slice(this.i, this.i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new Unbounded('bad \\u');
      this.i += 4;
      return String.fromCharCode(parseInt(h, 16));
    }
    if (c === 'c') throw new Unbounded('control escape');
    if (/[A-Za-z0-9]/.test(c)) throw new Unbounded(`unknown escape \\${c}`);
    return c; // identity escape of a syntax character
  }

  /** After '[': the characters when few and plain, else whether it can hold a word character. */
  private charClass(): Node {
    const s = this.src;
    let negated = false;
    if (s[this.i] === '^') (negated = true), this.i++;
    const chars: string[] = [];
    let plain = true;
    let word = false;
    const one = (): string | undefined => {
      const c = s[this.i++];
      if (c === undefined) throw new Unbounded('unclosed class');
      if (c !== '\\') return c;
      const e = s[this.i++];
      if (e === undefined) throw new Unbounded('unclosed class');
      if (e === 'b') return '\b';
      if (e === '-') return '-';
      const cls = this.classEscape(e);
      if (cls) {
        plain = false;
        if ((cls as { word: boolean }).word) word = true;
        return undefined;
      }
      return this.charEscape(e);
    };
    while (s[this.i] !== ']') {
      const a = one();
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && a !== undefined) {
        this.i++;
        const b = one();
        if (b === undefined) throw new Unbounded('bad range');
        const from = a.codePointAt(0)!;
        const to = b.codePointAt(0)!;
        if (to - from + 1 > MAX_CLASS) plain = false;
        for (let cp = from; cp <= to; cp++) {
          if (isWordCode(cp)) word = true;
          if (plain) chars.push(String.fromCodePoint(cp));
        }
        // Ranges ending outside ASCII may hold letters the rules never name; \w is ASCII, so only
        // the ASCII part matters for `word`.
        continue;
      }
      if (a === undefined) continue;
      if (isWordCode(a.charCodeAt(0))) word = true;
      chars.push(a);
    }
    this.i++;
    if (negated) return { t: 'class', word: true };
    if (!plain || chars.length > MAX_CLASS) return { t: 'class', word };
    return { t: 'group', alts: chars.map((c) => [{ t: 'char', c }]) };
  }
}

// ---------------------------------------------------------------------------------------------
// The analysis: the set of key states after each node. A state is "+" and the word characters so
// far (the key is still open), or "=" and the finished key.

type States = Set<string>;

function step(node: Node, states: States): States {
  const out: States = new Set();
  const add = (s: string) => {
    out.add(s);
    if (out.size > MAX_STATES) throw new Unbounded('too many states');
  };
  switch (node.t) {
    case 'char': {
      const word = node.c.length === 1 && isWordCode(node.c.charCodeAt(0));
      for (const s of states) {
        if (s[0] === '=') add(s);
        else if (word) {
          const acc = s.slice(1) + node.c;
          add((acc.length >= KEY_LENGTH ? '=' : '+') + acc);
        } else add(`=${s.length > 1 ? s.slice(1) : node.c}`);
      }
      return out;
    }
    case 'class':
    case 'any':
      for (const s of states) {
        if (s[0] === '=') add(s);
        // An open key followed by a character that may be a word character: unknown key. A
        // class at the start: too many keys.
        else if (s.length === 1 || node.t === 'any' || node.word) throw new Unbounded(node.t);
        else add(`=${s.slice(1)}`);
      }
      return out;
    case 'wordBoundary':
      for (const s of states) add(s[0] === '+' && s.length > 1 ? `=${s.slice(1)}` : s);
      return out;
    case 'end':
      for (const s of states) {
        if (s === '+') throw new Unbounded('empty match at the end');
        add(s[0] === '+' ? `=${s.slice(1)}` : s);
      }
      return out;
    case 'zero':
      return states;
    case 'group':
      for (const alt of node.alts) for (const s of sequence(alt, states)) add(s);
      return out;
    case 'rep': {
      let cur = states;
      for (let k = 0; k < node.min; k++) {
        cur = step(node.node, cur);
        if ([...cur].every((s) => s[0] === '=')) return cur;
      }
      for (const s of cur) add(s);
      for (let k = node.min; k < node.max; k++) {
        const next = step(node.node, cur);
        let grew = false;
        for (const s of next) if (!out.has(s)) (add(s), (grew = true));
        if (!grew) break;
        cur = next;
      }
      return out;
    }
  }
}

function sequence(nodes: Node[], states: States): States {
  let cur = states;
  for (const n of nodes) {
    if ([...cur].every((s) => s[0] === '=')) return cur;
    cur = step(n, cur);
  }
  return cur;
}

/**
 * The key codes a match of `source` (a regex source, u flag, no i flag) can start with, or
 * undefined when they cannot be bounded. See the module comment.
 */
export function firstKeys(source: string): Set<number> | undefined {
  try {
    const alts = new Parser(source).parse();
    const end = step({ t: 'group', alts }, new Set(['+']));
    const keys = new Set<number>();
    for (const s of end) {
      // An open key at the end of the pattern: the text may go on with more word characters.
      if (s[0] !== '=') return undefined;
      keys.add(keyCode(s.slice(1)));
    }
    return keys;
  } catch (err) {
    if (err instanceof Unbounded) return undefined;
    throw err;
  }
}

/**
 * The start keys of a set of patterns, by key: one pass over a text finds, for every pattern, the
 * positions (or units) where it can match.
 */
export class StartKeys {
  /** Ids per key while registering; frozen into `table`/`lists` on first scan. */
  private readonly byKey = new Map<number, number[]>();
  /** Key code → 1 + index into `lists` of its ids (0: no pattern starts with it). */
  private table?: Uint16Array;
  private lists: number[][] = [];
  /** Patterns registered; ids are 0 … size - 1. */
  size = 0;

  /** Registers a pattern's start keys (firstKeys); returns its id. */
  add(keys: Iterable<number>): number {
    if (this.table) throw new Error('StartKeys: add after scan');
    const id = this.size++;
    for (const k of keys) {
      const ids = this.byKey.get(k);
      if (ids) ids.push(id);
      else this.byKey.set(k, [id]);
    }
    return id;
  }

  /** Calls hit(id, p) for every position p of s where pattern `id` can start a match, in order of p. */
  scan(s: string, hit: (id: number, p: number) => void): void {
    this.table ?? this.freeze();
    for (let p = 0; p < s.length; p++) {
      const ids = this.startingAt(s, p);
      if (ids) for (let k = 0; k < ids.length; k++) hit(ids[k]!, p);
    }
  }

  /**
   * scan(s, id => out[id * stride + offset] = 1) without a call per hit: the candidate table of
   * the sentence units (stride: the number of units, offset: the unit's ord).
   */
  mark(s: string, out: Uint8Array, stride: number, offset: number): void {
    this.table ?? this.freeze();
    for (let p = 0; p < s.length; p++) {
      const ids = this.startingAt(s, p);
      if (ids) for (let k = 0; k < ids.length; k++) out[ids[k]! * stride + offset] = 1;
    }
  }

  /** The patterns that can start a match at p of s (undefined: none). Call freeze() first. */
  private startingAt(s: string, p: number): number[] | undefined {
    if (p > 0 && isAsciiAlnum(s.charCodeAt(p - 1))) return undefined;
    const at = this.table![keyAt(s, p)]!;
    return at === 0 ? undefined : this.lists[at - 1];
  }

  /** A flat lookup table: a Map lookup per position was most of the scan's time. */
  private freeze(): Uint16Array {
    // Word keys are below NON_WORD; a non-word key is NON_WORD + a UTF-16 code unit.
    const table = new Uint16Array(NON_WORD + 0x10000);
    for (const [key, ids] of this.byKey) {
      this.lists.push(ids);
      table[key] = this.lists.length;
    }
    if (this.lists.length >= 0xffff) throw new Error('StartKeys: too many keys');
    return (this.table = table);
  }
}
