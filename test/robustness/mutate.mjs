/**
 * Fuzzing inputs for the loaders, shared by test/robustness/fuzz.test.ts (a few hundred cases in
 * the normal suite) and bench/fuzz.mjs (thousands, in worker threads). Plain JavaScript so that
 * bench/fuzz.mjs runs without a build step.
 *
 * Inputs are fast-check arbitraries, so a failure shrinks to a small reproduction:
 *   - random bytes, bare or behind a format's magic bytes (PDF, zip, OLE, BOMs);
 *   - real documents (the shared corpus and our fixtures) mutated: bit flips, byte overwrites,
 *     truncation, inserted random or repeated bytes, deleted and duplicated ranges, and splices of
 *     two documents;
 *   - for .docx, mutations inside the zip: one part (document.xml, styles.xml, …) mutated as
 *     bytes or as XML text (tags cut, nested, repeated, attributes broken) and the zip rebuilt,
 *     so the XML readers behind a valid zip get fuzzed too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const DOC_EXT = /\.(md|markdown|txt|docx|pdf)$/i;

/** Documents under the given folders (recursively), as { name, bytes }, sorted by path. */
export function loadCorpus(folders, { maxBytes = 2 * 1024 * 1024 } = {}) {
  const files = [];
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (DOC_EXT.test(n) && st.size > 0 && st.size <= maxBytes) files.push({ name: p, bytes: new Uint8Array(readFileSync(p)) });
    }
  };
  for (const f of folders) walk(f);
  return files;
}

// ---------------------------------------------------------------------------------------------
// Byte mutations. Positions are fractions of the length, so they fit any input and shrink well.

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const at = (f, n) => Math.min(n, Math.floor(f * n));

const byteOp = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip'), pos: frac, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set'), pos: frac, value: fc.constantFrom(0x00, 0xff, 0x7f, 0x80, 0x3c, 0x3e, 0x2f, 0x22, 0x26, 0x0a, 0x28, 0x29, 0x5b, 0x5d, 0x25, 0x50) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate'), pos: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert'), pos: frac, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete'), pos: frac, len: fc.integer({ min: 1, max: 4096 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate'), pos: frac, len: fc.integer({ min: 1, max: 4096 }), to: frac, times: fc.integer({ min: 1, max: 50 }) }) },
);

function concat(parts) {
  return new Uint8Array(Buffer.concat(parts));
}

/** Applies one byte operation; returns a new array. */
export function applyByteOp(bytes, m) {
  const n = bytes.length;
  switch (m.op) {
    case 'flip': {
      if (!n) return bytes;
      const out = bytes.slice();
      out[at(m.pos, n - 1)] ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      if (!n) return bytes;
      const out = bytes.slice();
      out[at(m.pos, n - 1)] = m.value;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at(m.pos, n));
    case 'insert': {
      const p = at(m.pos, n);
      return concat([bytes.subarray(0, p), m.bytes, bytes.subarray(p)]);
    }
    case 'delete': {
      const p = at(m.pos, n);
      return concat([bytes.subarray(0, p), bytes.subarray(Math.min(n, p + m.len))]);
    }
    case 'duplicate': {
      const p = at(m.pos, n);
      const chunk = bytes.subarray(p, Math.min(n, p + m.len));
      const to = at(m.to, n);
      return concat([bytes.subarray(0, to), ...Array(m.times).fill(chunk), bytes.subarray(to)]);
    }
    default:
      return bytes;
  }
}

// ---------------------------------------------------------------------------------------------
// XML text mutations inside a .docx part.

const xmlOp = fc.oneof(
  fc.record({ op: fc.constant('cut-tag'), pos: frac }),
  fc.record({ op: fc.constant('nest'), pos: frac, depth: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ op: fc.constant('repeat-element'), pos: frac, times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ op: fc.constant('break-attr'), pos: frac }),
  fc.record({ op: fc.constant('insert-text'), pos: frac, text: fc.constantFrom('<', '>', '&', '&amp', '&#0;', '&#xD800;', ']]>', '<![CDATA[', '<!--', '<?xml ?>', '<!DOCTYPE x>', '<w:p>', '</w:body>', '<w:t>', '\u0000', '\uFFFF', 'ë', '"', "'") }),
  fc.record({ op: fc.constant('drop-element'), pos: frac }),
  fc.record({ op: fc.constant('repeat-open-tag'), pos: frac, times: fc.integer({ min: 2, max: 20000 }) }),
  fc.record({ op: fc.constant('repeat-close-tag'), pos: frac, times: fc.integer({ min: 2, max: 2000 }) }),
);

function tagStarts(xml) {
  const out = [];
  for (let i = xml.indexOf('<'); i >= 0 && out.length < 100000; i = xml.indexOf('<', i + 1)) out.push(i);
  return out;
}

/** At most this many characters are added by one repetition (inputs stay a few MB). */
const MAX_GROWTH = 4 * 1024 * 1024;
const times = (n, unit) => Math.max(1, Math.min(n, Math.floor(MAX_GROWTH / Math.max(1, unit.length))));

export function applyXmlOp(xml, m) {
  const starts = tagStarts(xml);
  if (!starts.length) return xml + '<';
  const s = starts[at(m.pos, starts.length - 1)];
  const e = xml.indexOf('>', s);
  const tag = e < 0 ? xml.slice(s) : xml.slice(s, e + 1);
  switch (m.op) {
    case 'cut-tag':
      return xml.slice(0, s) + tag.slice(0, Math.max(1, tag.length >> 1)) + xml.slice(s + tag.length);
    case 'nest': {
      const name = /^<([\w:]+)/.exec(tag)?.[1] ?? 'w:r';
      return xml.slice(0, s) + `<${name}>`.repeat(m.depth) + `</${name}>`.repeat(m.depth) + xml.slice(s); // depth <= 2000
    }
    case 'repeat-element': {
      const name = /^<([\w:]+)/.exec(tag)?.[1];
      const close = name ? xml.indexOf(`</${name}>`, s) : -1;
      const el = close > 0 ? xml.slice(s, close + name.length + 3) : tag;
      return xml.slice(0, s) + el.repeat(times(m.times, el)) + xml.slice(s + el.length);
    }
    case 'break-attr':
      return xml.slice(0, s) + tag.replace(/="[^"]*"/, '="') + xml.slice(s + tag.length);
    case 'insert-text':
      return xml.slice(0, s) + m.text + xml.slice(s);
    case 'repeat-open-tag':
      // Start tags that are never closed (what lazy regular expressions and recursive readers choke on).
      const open = tag.endsWith('/>') ? tag.slice(0, -2) + '>' : tag;
      return xml.slice(0, s) + open.repeat(times(m.times, open)) + xml.slice(s);
    case 'repeat-close-tag': {
      const name = /^<\/?([\w:]+)/.exec(tag)?.[1] ?? 'w:p';
      return xml.slice(0, s) + `</${name}>`.repeat(m.times) + xml.slice(s);
    }
    case 'drop-element': {
      const name = /^<([\w:]+)/.exec(tag)?.[1];
      const close = name ? xml.indexOf(`</${name}>`, s) : -1;
      return close > 0 ? xml.slice(0, s) + xml.slice(close + name.length + 3) : xml.slice(0, s) + xml.slice(s + tag.length);
    }
    default:
      return xml;
  }
}

/** Mutates one part of a .docx and rebuilds the zip (the zip itself stays valid). */
export function mutateDocxPart(bytes, partPick, mutation) {
  let files;
  try {
    files = unzipSync(bytes);
  } catch {
    return bytes;
  }
  const names = Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n)).sort();
  if (!names.length) return bytes;
  const prefer = names.filter((n) => n.startsWith('word/'));
  const pool = prefer.length && partPick < 0.8 ? prefer : names;
  // document.xml most of the time: that is what the reader walks.
  const name = partPick < 0.5 && files['word/document.xml'] ? 'word/document.xml' : pool[at(partPick, pool.length - 1)];
  if (mutation.kind === 'xml') {
    let xml = strFromU8(files[name]);
    for (const m of mutation.ops) xml = applyXmlOp(xml, m);
    files[name] = strToU8(xml);
  } else {
    let b = files[name];
    for (const m of mutation.ops) b = applyByteOp(b, m);
    files[name] = b;
  }
  return zipSync(files, { level: 1 });
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const PREFIXES = {
  none: [],
  pdf: [...strToU8('%PDF-1.7\n')],
  zip: [0x50, 0x4b, 0x03, 0x04],
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  utf8bom: [0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
  rtf: [...strToU8('{\\rtf1')],
  html: [...strToU8('<!DOCTYPE html>')],
};

const NAMES = ['invoer.md', 'invoer.docx', 'invoer.pdf', 'invoer.txt', 'invoer', 'invoer.doc'];

/** Random bytes, maybe behind a format's magic bytes, under a random document name. */
export function randomInput() {
  return fc
    .record({
      prefix: fc.constantFrom(...Object.keys(PREFIXES)),
      body: fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.string({ unit: 'grapheme', maxLength: 2000 }).map((s) => strToU8(s))),
      name: fc.constantFrom(...NAMES),
    })
    .map(({ prefix, body, name }) => ({ kind: `random:${prefix}`, name, bytes: concat([new Uint8Array(PREFIXES[prefix]), body]) }));
}

/** A corpus document mutated with byte operations, splices, or (docx) inside one part. */
export function mutatedInput(corpus) {
  if (!corpus.length) return randomInput();
  const idx = fc.nat({ max: corpus.length - 1 });
  const plain = fc.record({ i: idx, ops: fc.array(byteOp, { minLength: 1, maxLength: 8 }) }).map(({ i, ops }) => {
    let b = corpus[i].bytes;
    for (const m of ops) b = applyByteOp(b, m);
    return { kind: `bytes:${ext(corpus[i].name)}`, name: base(corpus[i].name), bytes: b };
  });
  const splice = fc.record({ i: idx, j: idx, a: frac, b: frac, ops: fc.array(byteOp, { maxLength: 3 }) }).map(({ i, j, a, b, ops }) => {
    const x = corpus[i].bytes;
    const y = corpus[j].bytes;
    let out = concat([x.subarray(0, at(a, x.length)), y.subarray(at(b, y.length))]);
    for (const m of ops) out = applyByteOp(out, m);
    return { kind: `splice:${ext(corpus[i].name)}+${ext(corpus[j].name)}`, name: base(corpus[i].name), bytes: out };
  });
  const docx = corpus.map((c, k) => [c, k]).filter(([c]) => /\.docx$/i.test(c.name));
  const arbs = [
    { weight: 5, arbitrary: plain },
    { weight: 2, arbitrary: splice },
  ];
  if (docx.length) {
    const dIdx = fc.nat({ max: docx.length - 1 });
    const inner = fc
      .record({
        d: dIdx,
        part: frac,
        mutation: fc.oneof(
          fc.record({ kind: fc.constant('xml'), ops: fc.array(xmlOp, { minLength: 1, maxLength: 4 }) }),
          fc.record({ kind: fc.constant('bytes'), ops: fc.array(byteOp, { minLength: 1, maxLength: 4 }) }),
        ),
      })
      .map(({ d, part, mutation }) => {
        const [c] = docx[d];
        return { kind: `docx-part:${mutation.kind}`, name: base(c.name), bytes: mutateDocxPart(c.bytes, part, mutation) };
      });
    arbs.push({ weight: 3, arbitrary: inner });
  }
  return fc.oneof(...arbs);
}

/** The mix used by the fuzzers: mostly mutated documents, some random bytes. */
export function fuzzInput(corpus) {
  return fc.oneof({ weight: 4, arbitrary: mutatedInput(corpus) }, { weight: 1, arbitrary: randomInput() });
}

function ext(name) {
  return (/\.(\w+)$/.exec(name)?.[1] ?? 'none').toLowerCase();
}

function base(name) {
  return path.basename(name);
}

// ---------------------------------------------------------------------------------------------
// What every outcome must look like.

const CAUSES = new Set([
  'not-found', 'unreadable', 'is-directory', 'empty', 'damaged', 'encrypted', 'no-text-layer', 'unsupported-format', 'legacy-doc', 'odt', 'rtf', 'pages',
  'too-large', 'too-many-pages', 'zip-bomb', 'binary', 'timeout', 'crashed', 'no-match',
]);
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Checks the outcome of loadBuffer(name, bytes): a Document with sane blocks, or an InputError
 * with a known cause and one-line details. Returns a problem description, or undefined when fine.
 */
export function checkOutcome(name, bytes, outcome) {
  if (outcome.error !== undefined) {
    const e = outcome.error;
    if (!e || e.name !== 'InputError') return `raw exception: ${String(e?.stack ?? e).split('\n').slice(0, 3).join(' | ')}`;
    if (!CAUSES.has(e.cause)) return `unknown cause ${e.cause}`;
    if (e.file !== name) return `error names ${e.file}, not ${name}`;
    for (const [k, v] of Object.entries(e.detail ?? {})) {
      if (typeof v !== 'string' && typeof v !== 'number') return `detail ${k} is ${typeof v}`;
      if (typeof v === 'string' && (/[\n\r]/.test(v) || CONTROL.test(v) || v.length > 300)) return `detail ${k} not one safe line: ${JSON.stringify(v).slice(0, 120)}`;
    }
    return undefined;
  }
  const doc = outcome.doc;
  if (!doc || !Array.isArray(doc.blocks)) return 'neither a Document nor an InputError';
  if (doc.source.path !== name || doc.source.bytes !== bytes.length) return 'wrong source facts';
  if (!['md', 'txt', 'docx', 'pdf'].includes(doc.source.format)) return `format ${doc.source.format}`;
  if (!doc.blocks.length) return 'a Document without blocks';
  for (const b of doc.blocks) {
    if (typeof b.text !== 'string') return 'block without text';
    if (b.kind !== 'tableRow' && (b.text === '' || b.text !== b.text.trim() || /\s{2}/.test(b.text))) return `block text not clean: ${JSON.stringify(b.text.slice(0, 80))}`;
    if (CONTROL.test(b.text)) return `control character in block text: ${JSON.stringify(b.text.slice(0, 80))}`;
    if (b.kind === 'heading' && !(b.level >= 1 && b.level <= 6)) return `heading level ${b.level}`;
    if (!Array.isArray(b.headingPath)) return 'no heading path';
    if (b.kind !== 'tableRow' && b.text.length > 10_000) return `block of ${b.text.length} characters`;
    for (const l of b.lines ?? []) if (!(l.offset >= 0 && l.offset <= b.text.length)) return `line offset ${l.offset} outside the block`;
  }
  return undefined;
}

/** fold's promise: the offset map has one entry per folded character plus one, is monotonic, and stays inside the original. */
export function checkFold(fold, s) {
  const { text, map } = fold(s);
  if (map.length !== text.length + 1) return `fold: map length ${map.length} for text length ${text.length}`;
  if (map[text.length] !== s.length) return 'fold: map does not end at the original length';
  for (let i = 0; i < map.length; i++) {
    if (i > 0 && map[i] < map[i - 1]) return `fold: map not monotonic at ${i}`;
    if (i < text.length && !(map[i] >= 0 && map[i] < s.length)) return `fold: map[${i}] = ${map[i]} outside 0..${s.length - 1}`;
  }
  return undefined;
}

/** sentences' promise: in order, inside the text, each its own slice, together covering every non-blank character. */
export function checkSentences(sentences, s) {
  let last = 0;
  for (const x of sentences(s)) {
    if (!(x.start >= last && x.end > x.start && x.end <= s.length)) return `sentences: bad range ${x.start}-${x.end}`;
    if (x.text !== s.slice(x.start, x.end)) return 'sentences: text differs from its range';
    if (s.slice(last, x.start).trim() !== '') return `sentences: text at ${last}-${x.start} not covered`;
    last = x.end;
  }
  if (s.slice(last).trim() !== '') return `sentences: text after ${last} not covered`;
  return undefined;
}

export function checkNormalizer(fold, sentences, s) {
  return checkFold(fold, s) ?? checkSentences(sentences, s);
}
