/**
 * .docx to Blocks via mammoth's document model (transformDocument), after a strict zip check.
 *
 * Headings come from paragraph styles (Heading/Kop 1-6 by name or id, Title/Titel, custom styles
 * named like a heading, outline levels in styles.xml). When a document has no heading styles,
 * headings are recognised from formatting: short, fully bold or large-font paragraphs without a
 * final full stop; levels follow font size tiers and "2.3"-style numbering depth.
 */
import type { Block } from '../document/model.js';
import { assignHeadingLevels, BlockBuilder, cleanText, headingNumbering } from './blocks.js';
import { inflateEntry, readCentralDirectory, ZipError, type ZipEntry } from './zip.js';

export interface DocxOptions {
  /** Limit on the total decompressed size (declared and real). Default 200 MB. */
  maxDecompressedBytes?: number;
  /** Limit on the number of zip entries. Default 10000. */
  maxEntries?: number;
}

export const DEFAULT_MAX_DECOMPRESSED = 200 * 1024 * 1024;
/** Deepest element nesting accepted in an XML part (Word's own files stay well under 100). */
export const MAX_XML_DEPTH = 500;
const DEFAULT_MAX_ENTRIES = 10000;

/** Problems the docx loader reports; index.ts maps them to InputError. */
export class DocxError extends Error {
  constructor(
    readonly kind: 'damaged' | 'zip-bomb',
    message: string,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'DocxError';
  }
}

// ---------------------------------------------------------------------------------------------
// styles.xml

interface StyleInfo {
  id: string;
  type: string;
  name?: string;
  basedOn?: string;
  bold?: boolean;
  /** Half-points. */
  size?: number;
  outline?: number;
  isDefault: boolean;
}

interface Styles {
  byId: Map<string, StyleInfo>;
  /** Body text size in points. */
  bodySize: number;
  defaultParagraph?: string;
}

function attr(s: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(s);
  return m?.[1];
}

function boolVal(tag: string | undefined): boolean | undefined {
  if (tag === undefined) return undefined;
  const v = attr(tag, 'w:val');
  return v === undefined || !/^(0|false|off)$/i.test(v);
}

// styles.xml is read with indexOf scans, not regular expressions over the whole part: a hostile
// part full of unclosed <w:style> or <w:rPr> tags would make a lazy regex rescan to the end from
// every one of them (quadratic: 0.7 MB took 10 s). Every scan below moves forward only.

/** Longest start tag (or style head) looked at; Word's are well under 200 characters. */
const MAX_TAG = 4096;
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** The text between the first `open` and the `close` after it, or undefined. */
function between(s: string, open: string, close: string): string | undefined {
  const a = s.indexOf(open);
  if (a < 0) return undefined;
  const b = s.indexOf(close, a + open.length);
  return b < 0 ? undefined : s.slice(a + open.length, b);
}

/** The first start tag `<name …>` or `<name/>` (not `<nameX`), up to MAX_TAG characters, or undefined. */
function firstTag(s: string, name: string): string | undefined {
  const open = `<${name}`;
  for (let i = s.indexOf(open); i >= 0; i = s.indexOf(open, i + open.length)) {
    if (isWordChar(s.charCodeAt(i + open.length))) continue;
    const gt = s.indexOf('>', i);
    if (gt < 0 || gt - i > MAX_TAG) return undefined;
    return s.slice(i, gt + 1);
  }
  return undefined;
}

/** The <w:style> elements of styles.xml: the attributes (head) and the content (body); unclosed ones are skipped. */
function* styleElements(xml: string): Generator<{ head: string; body: string }> {
  const OPEN = '<w:style';
  const CLOSE = '</w:style>';
  let pos = 0;
  let close = -2; // position of the next CLOSE at or after the current tag; -2: not looked up yet
  for (;;) {
    const s = xml.indexOf(OPEN, pos);
    if (s < 0) return;
    pos = s + OPEN.length;
    if (isWordChar(xml.charCodeAt(pos))) continue; // <w:styles>, <w:styleId …>
    const gt = xml.indexOf('>', pos);
    if (gt < 0) return;
    let head = xml.slice(pos, gt);
    let body = '';
    if (head.endsWith('/')) {
      head = head.slice(0, -1);
      pos = gt + 1;
    } else {
      if (close !== -1 && close < gt) close = xml.indexOf(CLOSE, gt);
      if (close < 0) continue; // never closed: not a style (as the regular expression had it)
      body = xml.slice(gt + 1, close);
      pos = close + CLOSE.length;
    }
    if (head.length > MAX_TAG) continue;
    yield { head, body };
  }
}

export function parseStyles(xml: string | undefined): Styles {
  const byId = new Map<string, StyleInfo>();
  let docSize: number | undefined;
  let defaultParagraph: string | undefined;
  if (xml) {
    const defaults = between(xml, '<w:rPrDefault>', '</w:rPrDefault>');
    if (defaults) {
      const sz = firstTag(defaults, 'w:sz');
      if (sz) docSize = Number(attr(sz, 'w:val')) || undefined;
    }
    for (const { head, body } of styleElements(xml)) {
      const id = attr(head, 'w:styleId');
      if (!id) continue;
      const type = attr(head, 'w:type') ?? 'paragraph';
      const rpr = between(body, '<w:rPr>', '</w:rPr>') ?? '';
      const b = firstTag(rpr, 'w:b');
      const sz = firstTag(rpr, 'w:sz');
      const ol = firstTag(body, 'w:outlineLvl');
      const name = firstTag(body, 'w:name');
      const based = firstTag(body, 'w:basedOn');
      const isDefault = /^(1|true|on)$/i.test(attr(head, 'w:default') ?? '');
      const info: StyleInfo = {
        id,
        type,
        name: name ? attr(name, 'w:val') : undefined,
        basedOn: based ? attr(based, 'w:val') : undefined,
        bold: boolVal(b),
        size: sz ? Number(attr(sz, 'w:val')) || undefined : undefined,
        outline: ol ? Number(attr(ol, 'w:val')) : undefined,
        isDefault,
      };
      byId.set(id, info);
      if (isDefault && type === 'paragraph') defaultParagraph = id;
    }
  }
  const styles: Styles = { byId, bodySize: (docSize ?? 20) / 2, defaultParagraph };
  const normal = defaultParagraph ? resolved(styles, defaultParagraph) : undefined;
  if (normal?.size) styles.bodySize = normal.size / 2;
  return styles;
}

/** A style's bold/size/outline with basedOn inheritance. */
function resolved(styles: Styles, id: string | null | undefined): { bold?: boolean; size?: number; outline?: number; names: string[] } {
  const out: { bold?: boolean; size?: number; outline?: number; names: string[] } = { names: [] };
  let cur = id ? styles.byId.get(id) : undefined;
  for (let guard = 0; cur && guard < 12; guard++) {
    if (out.bold === undefined && cur.bold !== undefined) out.bold = cur.bold;
    if (out.size === undefined && cur.size !== undefined) out.size = cur.size;
    if (out.outline === undefined && cur.outline !== undefined) out.outline = cur.outline;
    if (cur.name) out.names.push(cur.name);
    out.names.push(cur.id);
    cur = cur.basedOn ? styles.byId.get(cur.basedOn) : undefined;
  }
  return out;
}

const TOC_STYLE = /^(toc|inhopg|inhoudsopgave|table of contents)/i;

/** Heading level from a paragraph style name or id, 0 for none; 'title' for a title style. */
export function styleHeadingLevel(name: string | null | undefined, id: string | null | undefined): number | 'title' {
  for (const s of [name, id]) {
    if (!s) continue;
    const t = s.trim();
    if (TOC_STYLE.test(t)) return 0;
    if (/^(title|titel)$/i.test(t)) return 'title';
    let m = /^(?:heading|kop)\s*([1-9])$/i.exec(t);
    if (m) return Math.min(6, Number(m[1]));
    m = /(?:heading|kop)\D{0,12}?([1-9])/i.exec(t);
    if (m && !/char$|teken$/i.test(t)) return Math.min(6, Number(m[1]));
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// mammoth document model (only what we read)

interface MNode {
  type: string;
  value?: string;
  children?: MNode[];
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string | number; isOrdered: boolean } | null;
  isBold?: boolean;
  fontSize?: number | null;
  colSpan?: number;
  rowSpan?: number;
  checked?: boolean;
}

function nodeText(n: MNode): string {
  switch (n.type) {
    case 'text':
      return n.value ?? '';
    case 'tab':
    case 'break':
      return ' ';
    case 'checkbox':
      return n.checked ? '☒ ' : '☐ ';
    case 'noteReference':
    case 'commentReference':
    case 'image':
      return '';
    case 'table':
      return (n.children ?? []).map((r) => (r.children ?? []).map(nodeText).join(' | ')).join(' ; ');
    case 'tableCell':
      return (n.children ?? []).map(nodeText).join(' ');
    case 'paragraph':
      return (n.children ?? []).map(nodeText).join('') + ' ';
    default:
      return (n.children ?? []).map(nodeText).join('');
  }
}

function collectRuns(n: MNode, out: MNode[]): MNode[] {
  if (n.type === 'run') out.push(n);
  else for (const c of n.children ?? []) collectRuns(c, out);
  return out;
}

interface ParaItem {
  kind: 'p';
  node: MNode;
  text: string;
  ordinal: number;
  styleLevel: number | 'title';
  /** Formatting facts for heading recognition. */
  allBold: boolean;
  minSize: number;
  outline?: number;
  /** Paragraph not formatted as a heading, not in a table. */
  candidate?: { size: number; depth: number };
  level?: number;
}

interface RowItem {
  kind: 'row';
  cells: string[];
  row: number;
  table: number;
  ordinal: number;
}

type Item = ParaItem | RowItem;

function runText(r: MNode): string {
  return (r.children ?? []).map(nodeText).join('');
}

function isBoldRun(r: MNode, styles: Styles): boolean {
  if (r.isBold) return true;
  if (r.styleName && /^(strong|zwaar|bold|vet)/i.test(r.styleName)) return true;
  if (r.styleId) {
    const rs = resolved(styles, r.styleId);
    if (rs.bold) return true;
  }
  return false;
}

export interface DocxResult {
  blocks: Block[];
  title?: string;
  warnings: string[];
}

export async function parseDocx(bytes: Uint8Array, opts: DocxOptions = {}): Promise<DocxResult> {
  const limit = opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const bombDetail = { limit: formatBytes(limit), flag: '--max-decompressed-size' };

  // 1. Strict zip structure and bomb guard, before mammoth sees anything.
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, maxEntries);
  } catch (err) {
    if (err instanceof ZipError && err.kind === 'zip-bomb') throw new DocxError('zip-bomb', err.message, bombDetail);
    throw new DocxError('damaged', (err as Error).message);
  }
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limit) throw new DocxError('zip-bomb', `declared size ${declared} > ${limit}`, bombDetail);
  const byName = new Map(entries.map((e) => [e.name, e]));

  // 2. The parts mammoth will read as XML, found as mammoth finds them (relationships, then the
  //    default names), plus every other part under word/. Each is inflated with a real (not
  //    declared) budget and checked as bytes before any XML parser sees it.
  let budget = limit;
  const inflated = new Map<string, Uint8Array>();
  const inflate = (name: string): Uint8Array | undefined => {
    const e = byName.get(name);
    if (!e) return undefined;
    let data = inflated.get(name);
    if (!data) {
      try {
        data = inflateEntry(bytes, e, budget);
      } catch (err) {
        if (err instanceof ZipError && err.kind === 'zip-bomb') throw new DocxError('zip-bomb', err.message, bombDetail);
        throw new DocxError('damaged', (err as Error).message);
      }
      budget -= data.length;
      inflated.set(name, data);
      const problem = xmlStructureProblem(data, MAX_XML_DEPTH);
      if (problem) throw new DocxError('damaged', `${name} ${problem}`);
    }
    return data;
  };
  const dec = new TextDecoder('utf-8');
  const relsOf = (part: string) => {
    const cut = part.lastIndexOf('/');
    return `${part.slice(0, cut + 1)}_rels/${part.slice(cut + 1)}.rels`;
  };
  /** Where mammoth finds a part: the first existing target of that relationship type, else the default. */
  const find = (relsName: string, type: string, fallback: string): string => {
    const rels = inflate(relsName);
    const base = relsName.slice(0, Math.max(0, relsName.lastIndexOf('/_rels/')));
    for (const t of rels ? relationshipTargets(dec.decode(rels), type) : []) {
      const joined = (t.startsWith('/') ? t : base ? `${base}/${t}` : t).replace(/^\/+/, '');
      if (byName.has(joined)) return joined;
    }
    return fallback;
  };
  inflate('[Content_Types].xml');
  const main = find('_rels/.rels', 'officeDocument', 'word/document.xml');
  const mainBytes = inflate(main);
  if (!mainBytes) throw new DocxError('damaged', `${main} missing`);
  const parts = [main];
  for (const name of ['comments', 'endnotes', 'footnotes', 'numbering', 'styles']) parts.push(find(relsOf(main), name, `word/${name}.xml`));
  for (const p of parts) {
    inflate(p);
    inflate(relsOf(p));
  }
  for (const e of entries) if (/^word\/(?!media\/).*\.(xml|rels)$/i.test(e.name)) inflate(e.name);
  if (!hasTag(mainBytes, 'w:body')) throw new DocxError('damaged', `${main} has no body`);
  const stylesBytes = inflated.get(parts[parts.length - 1]!);
  const styles = parseStyles(stylesBytes ? dec.decode(stylesBytes) : undefined);

  // 3. mammoth's document model. mammoth reads the parts through a zip file object (its `file`
  //    input); we give it ours, backed by the entries already inflated and checked above, so the
  //    .docx is unzipped once and every part mammoth reads later (media) passes the same budget
  //    and structure check. No style map: transformDocument takes the model before any mapping.
  const mammoth = (await import('mammoth')).default;
  const zipFile = {
    exists: (name: string) => byName.has(name),
    read: async (name: string, encoding?: string) => {
      const data = inflate(name);
      if (!data) throw new DocxError('damaged', `${name} missing`);
      if (encoding === 'base64') return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
    write: () => {
      throw new Error('read-only');
    },
    toArrayBuffer: async () => bytes.slice().buffer,
  };
  let doc: MNode | undefined;
  let messages: Array<{ type: string; message: string }> = [];
  try {
    const res = await mammoth.convertToHtml({ file: zipFile } as unknown as { buffer: Buffer }, {
      includeEmbeddedStyleMap: false,
      includeDefaultStyleMap: false,
      externalFileAccess: false,
      transformDocument: (d: MNode) => {
        doc = d;
        // Skip the HTML conversion: we only want the model.
        return { ...d, children: [] };
      },
    });
    messages = res.messages;
  } catch (err) {
    if (err instanceof DocxError) throw err;
    throw new DocxError('damaged', (err as Error).message);
  }
  if (!doc) throw new DocxError('damaged', 'no document');

  // 4. Flatten into paragraphs and table rows in reading order.
  const items: Item[] = [];
  let ordinal = 0;
  let tableOrdinal = 0;
  const paragraph = (p: MNode) => {
    const text = cleanText(nodeText(p));
    if (!text) return;
    const runs = collectRuns(p, []).filter((r) => runText(r).trim() !== '');
    const ps = resolved(styles, p.styleId ?? styles.defaultParagraph);
    const styleBold = ps.bold === true;
    const allBold = runs.length > 0 && runs.every((r) => styleBold || isBoldRun(r, styles));
    let minSize = Infinity;
    for (const r of runs) {
      const rs = r.styleId ? resolved(styles, r.styleId).size : undefined;
      const sz = r.fontSize ?? (rs ? rs / 2 : undefined) ?? (ps.size ? ps.size / 2 : styles.bodySize);
      if (sz < minSize) minSize = sz;
    }
    if (!Number.isFinite(minSize)) minSize = styles.bodySize;
    let styleLevel = styleHeadingLevel(p.styleName, p.styleId);
    if (!styleLevel) {
      // A custom style based on a heading style, or with an outline level.
      for (const n of ps.names) {
        const l = styleHeadingLevel(n, undefined);
        // A numbered heading level is inherited through basedOn; "Title" is not (Subtitle is based on it).
        if (typeof l === 'number' && l > 0) {
          styleLevel = l;
          break;
        }
      }
      if (!styleLevel && ps.outline !== undefined && ps.outline >= 0 && ps.outline <= 5 && !TOC_STYLE.test(p.styleName ?? '')) styleLevel = ps.outline + 1;
    }
    items.push({ kind: 'p', node: p, text, ordinal: ++ordinal, styleLevel, allBold, minSize });
  };

  const table = (t: MNode) => {
    const rows = (t.children ?? []).filter((r) => r.type === 'tableRow');
    const singleColumn = rows.length > 0 && rows.every((r) => (r.children ?? []).filter((c) => c.type === 'tableCell').length <= 1);
    if (singleColumn) {
      // A box or frame: read its contents as ordinary paragraphs.
      for (const r of rows) for (const c of r.children ?? []) for (const x of c.children ?? []) body(x);
      return;
    }
    const tIndex = tableOrdinal++;
    // Carry vertically merged cells down so each row reads on its own.
    const carry: Array<{ text: string; left: number } | undefined> = [];
    let rowIndex = 0;
    for (const r of rows) {
      const cells: string[] = [];
      let col = 0;
      const take = () => {
        while (carry[col] && carry[col]!.left > 0) {
          cells.push(carry[col]!.text);
          carry[col]!.left--;
          col++;
        }
      };
      for (const c of (r.children ?? []).filter((x) => x.type === 'tableCell')) {
        take();
        const text = cleanText(nodeText(c));
        const span = Math.max(1, c.colSpan ?? 1);
        const rowSpan = Math.max(1, c.rowSpan ?? 1);
        cells.push(text);
        for (let k = 0; k < span; k++) carry[col + k] = rowSpan > 1 ? { text: k === 0 ? text : '', left: rowSpan - 1 } : undefined;
        col += span;
      }
      take();
      while (cells.length && cells[cells.length - 1] === '' && cells.length > 1) cells.pop();
      if (cells.every((c) => c === '')) continue;
      items.push({ kind: 'row', cells, row: rowIndex++, table: tIndex, ordinal: ++ordinal });
    }
  };

  const body = (n: MNode) => {
    if (n.type === 'paragraph') paragraph(n);
    else if (n.type === 'table') table(n);
    else for (const c of n.children ?? []) body(c);
  };
  for (const c of doc.children ?? []) body(c);

  // 5. Headings.
  const paras = items.filter((i): i is ParaItem => i.kind === 'p');
  const styled = paras.filter((p) => p.styleLevel && p.styleLevel !== 'title').length;
  for (const p of paras) if (p.styleLevel) p.level = p.styleLevel === 'title' ? 1 : p.styleLevel;
  let formattedTitle: string | undefined;
  if (styled < 2) formattingHeadings(items, styles);
  else if (!paras.some((p) => p.styleLevel === 'title')) {
    // Heading styles, but the title on the first page is only formatted: the largest short bold
    // paragraph before the first styled heading becomes the title (a level-1 heading).
    let best: ParaItem | undefined;
    for (const it of items) {
      if (it.kind !== 'p') continue;
      if (it.level) break;
      const words = it.text.split(' ').length;
      if (words > 14 || /[.;,:]$/.test(it.text) || it.node.numbering) continue;
      if (!(it.allBold || it.minSize >= styles.bodySize + 2)) continue;
      if (it.minSize < styles.bodySize + 2) continue;
      if (!best || it.minSize > best.minSize) best = it;
    }
    if (best) {
      best.level = 1;
      formattedTitle = best.text;
    }
  }

  // 6. Blocks.
  const out = new BlockBuilder();
  let title: string | undefined;
  for (const it of items) {
    if (it.kind === 'row') {
      out.add({ kind: 'tableRow', text: '', cells: it.cells, row: it.row, table: it.table, location: { paragraph: it.ordinal } });
      continue;
    }
    if (it.styleLevel === 'title' && !title) title = it.text;
    if (it.level) {
      out.add({ kind: 'heading', text: it.text, level: it.level, location: { paragraph: it.ordinal } });
    } else if (it.node.numbering) {
      const lvl = Number(it.node.numbering.level);
      out.add({
        kind: 'listItem',
        text: it.text,
        level: (Number.isFinite(lvl) ? lvl : 0) + 1,
        ordered: !!it.node.numbering.isOrdered,
        location: { paragraph: it.ordinal },
      });
    } else {
      out.add({ kind: 'paragraph', text: it.text, location: { paragraph: it.ordinal } });
    }
  }

  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const m of messages) {
    const key = m.message.replace(/\s+/g, ' ').slice(0, 200);
    if (seen.has(key) || warnings.length >= 10) continue;
    seen.add(key);
    warnings.push(`docx: ${key}`);
  }
  return { blocks: out.blocks, title: title ?? formattedTitle, warnings };
}

/** Marks short bold or large paragraphs as headings and gives them levels by size and numbering. */
function formattingHeadings(items: Item[], styles: Styles): void {
  const body = styles.bodySize;
  const cands: ParaItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    if (p.kind !== 'p' || p.level) continue;
    const t = p.text;
    const words = t.split(' ').length;
    const num = headingNumbering(t);
    const large = p.minSize >= body + 0.9;
    if (words > (num || large ? 22 : 12) || t.length > 180) continue;
    if (/[.;,:]$/.test(t) && !/^\d+(\.\d+)*\.$/.test(t)) continue;
    if (!/\p{L}{2}/u.test(t)) continue;
    if (!p.allBold && !large) continue;
    if (p.node.numbering) {
      // A bold numbered paragraph is a heading only when ordinary text follows it (not more items).
      const next = items[i + 1];
      if (!next || next.kind !== 'p' || next.node.numbering || next.level) continue;
    }
    p.candidate = { size: Math.round(p.minSize * 2) / 2, depth: num && /^\d/.test(num.label) ? num.depth : 0 };
    cands.push(p);
  }
  const levels = assignHeadingLevels(cands.map((c) => c.candidate!));
  cands.forEach((c, k) => (c.level = levels[k]));
}

/** Relationship targets of one type (…/relationships/<type>) in a .rels part, in order. */
function relationshipTargets(rels: string, type: string): string[] {
  const out: string[] = [];
  const suffix = `/relationships/${type}`;
  for (let i = rels.indexOf('<'); i >= 0; i = rels.indexOf('<', i + 1)) {
    const gt = rels.indexOf('>', i);
    if (gt < 0) break;
    const tag = rels.slice(i, Math.min(gt, i + MAX_TAG));
    if (!/^<(?:[\w.-]+:)?Relationship\b/.test(tag)) continue;
    const t = /\bType\s*=\s*(["'])(.*?)\1/.exec(tag)?.[2];
    const target = /\bTarget\s*=\s*(["'])(.*?)\1/.exec(tag)?.[2];
    if (t?.endsWith(suffix) && target !== undefined) out.push(target);
  }
  return out;
}

const WS = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Whether `bytes` has a start tag `<name` followed by a space, `>` or `/`. */
function hasTag(bytes: Uint8Array, name: string): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const open = `<${name}`;
  for (let i = b.indexOf(open); i >= 0; i = b.indexOf(open, i + 1)) {
    const c = b[i + open.length];
    if (WS(c) || c === 0x3e || c === 0x2f) return true;
  }
  return false;
}

/**
 * What is wrong with an XML part for the readers behind it (mammoth's xmldom), from one linear scan
 * of the bytes (no parsing, no decoding): a DTD (entities, the "billion laughs", are refused, never
 * expanded), elements nested deeper than `max` (recursion overflows), more than one root element,
 * text outside the root, processing instructions that are broken, inside the root or too many,
 * broken or unclosed tags, comments or CDATA sections (xmldom recovers from each of those by
 * rescanning the rest of the part: quadratic, minutes for 1 MB). Undefined when none of these;
 * well-formed XML, as Word writes it, never has any of them.
 */
export function xmlStructureProblem(xml: string | Uint8Array, max: number): string | undefined {
  const b = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  const n = b.length;
  const OUTSIDE = 'has text outside the root element';
  let depth = 0;
  let roots = 0;
  let instructions = 0;
  /** Only white space in [from, to) (a UTF-8 byte order mark at the very start too). */
  const blank = (from: number, to: number) => {
    if (from === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) from = 3;
    for (let k = from; k < to; k++) if (!WS(b[k])) return false;
    return true;
  };
  let i = b.indexOf(0x3c);
  if (!blank(0, i < 0 ? n : i)) return OUTSIDE;
  while (i >= 0) {
    let end: number;
    if (b[i + 1] === 0x21) {
      // <!-- comments --> and <![CDATA[ … ]]> may hold anything; any other <! is a DTD.
      const comment = b[i + 2] === 0x2d && b[i + 3] === 0x2d;
      const cdata = !comment && b.toString('latin1', i, i + 9) === '<![CDATA[';
      if (!comment && !cdata) {
        return /^<!(DOCTYPE|ENTITY)/i.test(b.toString('latin1', i, i + 9)) ? 'declares XML entities' : 'has a broken markup declaration';
      }
      if (cdata && depth <= 0) return OUTSIDE;
      const close = b.indexOf(comment ? '-->' : ']]>', i + 4);
      if (close < 0) return 'has an unclosed comment or CDATA section';
      end = close + 3;
    } else {
      const gt = b.indexOf(0x3e, i + 1);
      if (gt < 0) return 'has an unclosed tag';
      const lt = b.indexOf(0x3c, i + 1);
      if (lt >= 0 && lt < gt) return 'has a broken tag';
      const c = b[i + 1]!;
      // A tag starts with a name (or /, ? for end tags and instructions), never with a space or digit.
      if (c !== 0x2f && c !== 0x3f && !(c >= 0x41 && c <= 0x5a) && !(c >= 0x61 && c <= 0x7a) && c !== 0x5f && c !== 0x3a && c < 0x80) return 'has a broken tag';
      if (c === 0x3f) {
        if (b[gt - 1] !== 0x3f) return 'has a broken processing instruction';
        if (roots > 0) return 'has a processing instruction inside the document';
        if (++instructions > 16) return 'has too many processing instructions';
      } else if (c === 0x2f) depth--;
      else {
        if (depth <= 0 && ++roots > 1) return 'has more than one root element';
        if (b[gt - 1] !== 0x2f && ++depth > max) return `nests elements more than ${max} deep`;
      }
      end = gt + 1;
    }
    i = b.indexOf(0x3c, end);
    if (depth <= 0 && !blank(end, i < 0 ? n : i)) return OUTSIDE;
  }
  return undefined;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} B`;
}
