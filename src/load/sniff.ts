/**
 * Format detection from content (magic bytes), with the file extension only as a tie-breaker for
 * plain text (Markdown or not). Pure and synchronous: no parser is loaded here.
 */

export type SniffResult =
  | { kind: 'pdf' }
  | { kind: 'docx' }
  | { kind: 'md'; text: string }
  | { kind: 'txt'; text: string }
  | { kind: 'refuse'; cause: 'empty' | 'odt' | 'legacy-doc' | 'rtf' | 'pages' | 'binary' | 'unsupported-format' | 'damaged'; format?: string };

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
  if (text.includes('\u0000')) return undefined;
  // Too many control characters (other than tab, newline, carriage return, form feed): binary.
  let ctrl = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) ctrl++;
  }
  if (ctrl > Math.max(4, n * 0.01)) return undefined;
  return text;
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
  const text = decodeText(bytes);
  if (text !== undefined) {
    const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart();
    if (head.startsWith('{\\rtf')) return { kind: 'refuse', cause: 'rtf' };
    if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(head)) {
      return { kind: 'refuse', cause: 'unsupported-format', format: 'HTML' };
    }
    if (text.trim() === '') return { kind: 'refuse', cause: 'empty' };
    if (MD_EXT.test(path) || (!/\.txt$/i.test(path) && looksLikeMarkdown(text))) return { kind: 'md', text };
    return { kind: 'txt', text };
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return { kind: 'refuse', cause: 'rtf' };
  return { kind: 'refuse', cause: 'binary' };
}
