/**
 * Format detection from content (magic bytes), with the file extension only as a tie-breaker for
 * plain text (Markdown or not). Pure and synchronous: no parser is loaded here.
 */

export type SniffResult =
  | { kind: 'pdf' }
  | { kind: 'docx' }
  | { kind: 'md'; text: string; warning?: string }
  | { kind: 'txt'; text: string; warning?: string }
  | { kind: 'refuse'; cause: 'empty' | 'odt' | 'legacy-doc' | 'rtf' | 'pages' | 'binary' | 'unsupported-format' | 'damaged'; format?: string; reason?: string };

const MD_EXT = /\.(md|markdown|mdown|mkd|mkdn)$/i;

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit: number): number {
  const n = needle.length;
  const end = Math.min(bytes.length, limit) - n;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < n; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/**
 * Names of the entries in a zip, read from local file headers found by scanning for their
 * signature (fast, and tolerant of a missing central directory or data descriptors). Used for
 * sniffing only; the docx loader validates the real structure.
 */
export function zipLocalNames(bytes: Uint8Array, max = 500): string[] {
  const names: string[] = [];
  const dec = new TextDecoder('utf-8', { fatal: false });
  let p = 0;
  while (names.length < max) {
    p = bytes.indexOf(0x50, p);
    if (p < 0 || p + 30 > bytes.length) break;
    if (bytes[p + 1] === 0x4b && bytes[p + 2] === 0x03 && bytes[p + 3] === 0x04) {
      const nlen = bytes[p + 26]! | (bytes[p + 27]! << 8);
      if (nlen > 0 && nlen < 1024 && p + 30 + nlen <= bytes.length) {
        names.push(dec.decode(bytes.subarray(p + 30, p + 30 + nlen)));
        p += 30 + nlen;
        continue;
      }
    }
    p++;
  }
  return names;
}

/** Reads the `mimetype` entry of an ODF package when it is stored uncompressed first (as ODF demands). */
function odfMimetype(bytes: Uint8Array): string | undefined {
  if (bytes.length < 38) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nlen = dv.getUint16(26, true);
  const xlen = dv.getUint16(28, true);
  const method = dv.getUint16(8, true);
  const csize = dv.getUint32(18, true);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nlen));
  if (name !== 'mimetype' || method !== 0) return undefined;
  const start = 30 + nlen + xlen;
  return new TextDecoder().decode(bytes.subarray(start, Math.min(start + csize, start + 200)));
}

function zipKind(bytes: Uint8Array): SniffResult {
  const mime = odfMimetype(bytes);
  if (mime?.startsWith('application/vnd.oasis.opendocument')) {
    return mime.includes('opendocument.text') ? { kind: 'refuse', cause: 'odt' } : { kind: 'refuse', cause: 'unsupported-format', format: 'OpenDocument' };
  }
  const names = zipLocalNames(bytes);
  const has = (pred: (n: string) => boolean) => names.some(pred);
  if (has((n) => n.startsWith('word/'))) return { kind: 'docx' };
  if (has((n) => n.startsWith('xl/'))) return { kind: 'refuse', cause: 'unsupported-format', format: 'xlsx' };
  if (has((n) => n.startsWith('ppt/'))) return { kind: 'refuse', cause: 'unsupported-format', format: 'pptx' };
  // An Office package without its parts (cut off): let the docx reader call it damaged.
  if (names.includes('[Content_Types].xml')) return { kind: 'docx' };
  if (names.includes('mimetype') || names.includes('content.xml')) return { kind: 'refuse', cause: 'odt' };
  if (has((n) => n.startsWith('Index/') || n.endsWith('.iwa'))) return { kind: 'refuse', cause: 'pages' };
  if (names.length === 0) return { kind: 'refuse', cause: 'damaged' };
  return { kind: 'refuse', cause: 'unsupported-format', format: 'zip' };
}

/** Decodes bytes as text when they are text: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else {
      const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
      if (body.includes(0)) return undefined;
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    }
  } catch {
    return undefined;
  }
  return looksLikeText(text) ? text : undefined;
}

/** No NUL, and few control characters (other than tab, newline, carriage return, form feed; C1 too). */
function looksLikeText(text: string): boolean {
  if (text.includes('\u0000')) return false;
  let ctrl = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c <= 0x9f)) ctrl++;
  }
  return ctrl <= Math.max(4, n * 0.01);
}

/** Windows-1252 to Unicode for 0x80-0x9F (the rest is Latin-1); undefined bytes stay C1 controls. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Node's TextDecoder('windows-1252') decodes as Latin-1 (’ becomes U+0092): do it by table. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<number>(part.length);
    for (let k = 0; k < part.length; k++) {
      const b = part[k]!;
      codes[k] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

export interface DecodedText {
  text: string;
  /** Set when the bytes were not valid UTF-8 / UTF-16 and were read another way. */
  warning?: string;
}

/**
 * Like decodeText, but also reads text that is not valid UTF-8, as older editors save it:
 * - mostly UTF-8 with a few broken sequences (a file cut or glued badly): UTF-8, the broken bytes
 *   become U+FFFD;
 * - no valid multi-byte UTF-8 at all (Windows "ANSI": cliënt as one byte 0xEB): Windows-1252.
 * Binary data stays undefined (NUL bytes, control characters, too many high bytes).
 */
export function decodeAnyText(bytes: Uint8Array): DecodedText | undefined {
  const strict = decodeText(bytes);
  if (strict !== undefined) return { text: strict };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // UTF-16 with a BOM but broken (odd length, lone surrogates): read what can be read.
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return looksLikeText(text) ? { text, warning: 'tekst: ongeldige UTF-16-tekens vervangen door \uFFFD' } : undefined;
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return undefined;
  const lenient = new TextDecoder('utf-8').decode(body);
  let bad = 0;
  let good = 0;
  for (let i = 0; i < lenient.length; i++) {
    const c = lenient.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) good++;
  }
  if (good >= bad) {
    return looksLikeText(lenient) ? { text: lenient, warning: 'tekst: ongeldige UTF-8-tekens vervangen door \uFFFD' } : undefined;
  }
  // Western text in a one-byte code page has few bytes above 0x7F.
  let high = 0;
  for (const b of body) if (b >= 0x80) high++;
  if (high > body.length * 0.3) return undefined;
  const ansi = decodeWindows1252(body);
  return looksLikeText(ansi) ? { text: ansi, warning: 'tekst: geen geldige UTF-8; gelezen als Windows-1252' } : undefined;
}

/** Heuristic: does this text look like Markdown (headings, lists, emphasis, tables, links)? */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.slice(0, 20000);
  let score = 0;
  if (/^---\r?\n[\s\S]*?\r?\n---\r?\n/.test(sample)) score += 2;
  score += Math.min(3, (sample.match(/^#{1,6}\s+\S/gm) ?? []).length) * 2;
  score += Math.min(2, (sample.match(/^\s*\|.*\|\s*$/gm) ?? []).length);
  score += Math.min(2, (sample.match(/\*\*[^*\n]+\*\*/g) ?? []).length);
  score += Math.min(2, (sample.match(/\[[^\]\n]+\]\([^)\s]+\)/g) ?? []).length);
  score += (sample.match(/^[-=]{3,}\s*$/gm) ?? []).length > 0 ? 1 : 0;
  return score >= 3;
}

export function sniff(path: string, bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { kind: 'refuse', cause: 'empty' };
  if (indexOfAscii(bytes, '%PDF-', 1024) >= 0) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'refuse', cause: 'damaged' }; // empty zip archive
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'refuse', cause: 'legacy-doc' };
  const decoded = decodeAnyText(bytes);
  if (decoded !== undefined) {
    const { text, warning } = decoded;
    const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart();
    if (head.startsWith('{\\rtf')) return { kind: 'refuse', cause: 'rtf' };
    if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(head)) {
      return { kind: 'refuse', cause: 'unsupported-format', format: 'HTML' };
    }
    if (text.trim() === '') return { kind: 'refuse', cause: 'empty' };
    // Plain text under a .docx or .pdf name: Word or a PDF reader cannot open it either, so the
    // document the user meant to submit is broken; judging the text instead would hide that.
    if (/\.docx$/i.test(path)) return { kind: 'refuse', cause: 'damaged', reason: 'the content is plain text, not a .docx' };
    if (/\.pdf$/i.test(path)) return { kind: 'refuse', cause: 'damaged', reason: 'the content is plain text, not a PDF' };
    const kind = MD_EXT.test(path) || (!/\.txt$/i.test(path) && looksLikeMarkdown(text)) ? 'md' : 'txt';
    return warning ? { kind, text, warning } : { kind, text };
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return { kind: 'refuse', cause: 'rtf' };
  // Binary data under a document's name: that document is damaged (or something else renamed).
  if (/\.docx$/i.test(path)) return { kind: 'refuse', cause: 'damaged', reason: 'not a zip archive, so not a .docx' };
  if (/\.pdf$/i.test(path)) return { kind: 'refuse', cause: 'damaged', reason: 'no PDF header' };
  return { kind: 'refuse', cause: 'binary' };
}
