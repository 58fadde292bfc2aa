/**
 * Markdown (CommonMark + GFM) and plain text to Blocks.
 * Markdown: unified + remark-parse + remark-gfm; locations are line:column in the file.
 * Plain text: paragraphs split at blank lines; heading-like lines become headings.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Block } from '../document/model.js';
import { BlockBuilder, cleanText, headingNumbering, lineStarts } from './blocks.js';

// Minimal structural view of mdast nodes (avoids a dependency on @types/mdast).
interface MdNode {
  type: string;
  value?: string;
  alt?: string | null;
  depth?: number;
  ordered?: boolean | null;
  children?: MdNode[];
  position?: { start: { line: number; column: number }; end?: { line: number; column: number } };
}

/**
 * Takes GFM's autolink literals (bare www., http:// and e-mail addresses turned into links) out of
 * remark-gfm, after it has attached. They add nothing here (a link's text is the same text), but
 * they are by far the slowest part of parsing: every word is tried as an e-mail address, which on
 * a long paragraph (a few MB without blank lines) grows to minutes and gigabytes.
 * Tables, footnotes, strikethrough and task lists stay.
 */
const AUTOLINK_CONSTRUCTS = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);

interface ProcessorData {
  micromarkExtensions?: Array<{ text?: Record<string, unknown> }>;
  fromMarkdownExtensions?: unknown[];
}

export function remarkNoAutolinkLiterals(this: { data(): unknown }): void {
  const data = this.data() as ProcessorData;
  for (const ext of data.micromarkExtensions ?? []) {
    const text = ext.text;
    if (!text) continue;
    for (const code of Object.keys(text)) {
      const list = ([] as Array<{ name?: string } | undefined>).concat(text[code] as never);
      const kept = list.filter((c) => !AUTOLINK_CONSTRUCTS.has(c?.name ?? ''));
      if (kept.length === list.length) continue;
      if (kept.length) text[code] = kept;
      else delete text[code];
    }
  }
  const visit = (ext: unknown): void => {
    if (Array.isArray(ext)) return ext.forEach(visit);
    const e = ext as { transforms?: Array<(tree: unknown) => void> } | undefined;
    if (e?.transforms) e.transforms = e.transforms.filter((f) => f.name !== 'transformGfmAutolinkLiterals');
  };
  visit(data.fromMarkdownExtensions ?? []);
}

/**
 * Replaces YAML (---) or TOML (+++) front matter by empty lines so line numbers stay right.
 * Returns the text and the front matter (for a title), if any.
 */
export function stripFrontMatter(text: string): { body: string; frontMatter?: string } {
  const m = /^(?:\uFEFF)?(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text };
  const lines = m[0].split('\n').length - 1;
  return { body: '\n'.repeat(lines) + text.slice(m[0].length), frontMatter: m[2] };
}

/** Plain text of an inline subtree: emphasis, links, inline code flattened; images give their alt text. */
function plain(node: MdNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value ?? '';
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'html':
      // Inline HTML such as <br> or <u>: keep no markup.
      return /^<br\s*\/?>$/i.test(node.value ?? '') ? ' ' : '';
    case 'footnoteReference':
      return '';
    default:
      return node.children ? node.children.map(plain).join('') : (node.value ?? '');
  }
}

function pos(node: MdNode): { line?: number; column?: number } {
  const p = node.position?.start;
  return p ? { line: p.line, column: p.column } : {};
}

/** Line starts of a multi-line paragraph, from its source lines with the markup taken out. */
function mdLines(nodes: MdNode[], plainText: string, source: string[]): Block['lines'] {
  const parts = [];
  for (const node of nodes) {
    const start = node.position?.start.line;
    const end = node.position?.end?.line;
    if (!start || !end) continue;
    for (let n = start; n <= end; n++) parts.push(mdLine(source, n));
  }
  return parts.length > 1 ? lineStarts(parts, plainText) : undefined;
}

function mdLine(source: string[], n: number): { text: string; at: { line: number } } {
  {
    const raw = (source[n - 1] ?? '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/[*_`]|\[|\]\([^)]*\)/g, '');
    return { text: raw, at: { line: n } };
  }
}

/** Lines longer than this are wrapped before parsing (see wrapLongLines). */
export const WRAP_LINES_AT = 8192;

/**
 * Wraps lines longer than `at` characters by turning a space into a line break, only where the
 * next character is a letter (so the new line cannot start a heading, list, quote or fence) and
 * the space does not end a hard break. Inside a paragraph a line break reads as a space, so the
 * text stays the same; micromark, however, needs several hundred bytes of memory per character of
 * a line and would run out on a line of megabytes. Returns the text and, when anything was
 * wrapped, for each 1-based line of the result the source line and the column offset it starts at.
 */
export function wrapLongLines(text: string, at = WRAP_LINES_AT): { text: string; lineMap?: Array<{ line: number; col: number }> } {
  if (text.length <= at) return { text };
  const lines = text.split('\n');
  if (!lines.some((l) => l.length > at)) return { text };
  const map: Array<{ line: number; col: number }> = [{ line: 0, col: 0 }];
  const out: string[] = [];
  const LETTER = /\p{L}/u;
  lines.forEach((line, idx) => {
    let start = 0;
    while (line.length - start > at) {
      let cut = -1;
      for (let i = start + at; i > start + at / 2; i--) {
        if (line[i] === ' ' && LETTER.test(line[i + 1] ?? '') && line[i - 1] !== '\\' && line[i - 1] !== ' ') {
          cut = i;
          break;
        }
      }
      if (cut < 0) break;
      out.push(line.slice(start, cut));
      map.push({ line: idx + 1, col: start });
      start = cut + 1;
    }
    out.push(line.slice(start));
    map.push({ line: idx + 1, col: start });
  });
  return { text: out.join('\n'), lineMap: map };
}

export function parseMarkdown(text: string): { blocks: Block[]; title?: string; warnings: string[] } {
  const { body: raw, frontMatter } = stripFrontMatter(text);
  const { text: body, lineMap } = wrapLongLines(raw);
  const source = body.split('\n');
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkNoAutolinkLiterals).parse(body) as unknown as MdNode;
  const out = new BlockBuilder();
  let tableOrdinal = 0;

  const walk = (node: MdNode, listDepth: number, ordered: boolean | undefined): void => {
    switch (node.type) {
      case 'heading':
        out.add({ kind: 'heading', text: plain(node), level: node.depth ?? 1, location: pos(node) });
        return;
      case 'paragraph': {
        const t = plain(node);
        out.add({ kind: 'paragraph', text: t, location: pos(node), lines: mdLines([node], t, source) });
        return;
      }
      case 'code':
        // A fenced or indented block: keep as a paragraph (a pasted passage is still text).
        out.add({ kind: 'paragraph', text: node.value ?? '', location: pos(node) });
        return;
      case 'html':
        return;
      case 'list':
        for (const item of node.children ?? []) walk(item, listDepth + 1, !!node.ordered);
        return;
      case 'listItem': {
        // The item's own text: its non-list children; nested lists follow as deeper items.
        const own: string[] = [];
        const ownNodes: MdNode[] = [];
        const rest: MdNode[] = [];
        for (const c of node.children ?? []) {
          if (c.type === 'list' || (own.length > 0 && c.type !== 'paragraph')) rest.push(c);
          else if (c.type === 'paragraph' || c.type === 'heading') {
            own.push(plain(c));
            ownNodes.push(c);
          } else rest.push(c);
        }
        const itemText = own.join(' ');
        out.add({ kind: 'listItem', text: itemText, level: listDepth, ordered: !!ordered, location: pos(node), lines: mdLines(ownNodes, itemText, source) });
        for (const c of rest) walk(c, listDepth, ordered);
        return;
      }
      case 'table': {
        let row = 0;
        for (const r of node.children ?? []) {
          const cells = (r.children ?? []).map((c) => cleanText(plain(c)));
          const b = out.add({ kind: 'tableRow', text: '', cells, row, table: tableOrdinal, location: pos(r) });
          if (b) row++;
        }
        tableOrdinal++;
        return;
      }
      case 'thematicBreak':
      case 'definition':
      case 'footnoteDefinition':
        if (node.type === 'footnoteDefinition') for (const c of node.children ?? []) walk(c, listDepth, ordered);
        return;
      default:
        for (const c of node.children ?? []) walk(c, listDepth, ordered);
    }
  };
  walk(tree, 0, undefined);
  if (lineMap) {
    // Positions in the wrapped text back to lines and columns of the file.
    for (const b of out.blocks) {
      const l = b.location.line;
      const m = l !== undefined ? lineMap[l] : undefined;
      if (m) {
        b.location.line = m.line;
        if (b.location.column !== undefined) b.location.column += m.col;
      }
      for (const ln of b.lines ?? []) if (ln.line !== undefined && lineMap[ln.line]) ln.line = lineMap[ln.line]!.line;
    }
  }

  let title: string | undefined;
  if (frontMatter) {
    const m = /^title\s*:\s*["']?(.+?)["']?\s*$/m.exec(frontMatter);
    if (m) title = cleanText(m[1]!);
  }
  return { blocks: out.blocks, title, warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// Plain text

const BULLET = /^\s*([-*•·–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+(.*)$/;

function isAllCapsHeading(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  return letters === letters.toUpperCase() && letters !== letters.toLowerCase() && line.split(/\s+/).length <= 10;
}

/** A single short line that looks like a heading. Returns the level or 0. */
function textHeadingLevel(line: string, alone: boolean): number {
  const t = line.trim();
  if (t.length === 0 || t.length > 90) return 0;
  const words = t.split(/\s+/).length;
  const endsLikeSentence = /[.:;,]$/.test(t) && !/^\d+(\.\d+)*\.$/.test(t);
  const num = headingNumbering(t);
  if (num && words <= 12 && !/[.;,]$/.test(t)) {
    // "1. Zet signalen op een rij" inside a run of lines is more likely a list; alone it is a heading.
    if (alone || /^(stap|fase|bijlage|hoofdstuk|artikel)/i.test(t) || num.depth > 1) return Math.min(num.depth, 6);
  }
  if (alone && isAllCapsHeading(t) && !endsLikeSentence) return 1;
  return 0;
}

export function parseText(text: string): { blocks: Block[]; warnings: string[] } {
  const out = new BlockBuilder();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: { start: number; lines: string[] } | undefined;
  const flush = () => {
    if (!para) return;
    const group = para.lines;
    const start = para.start;
    para = undefined;
    // A setext-like underline ("=====") makes the previous line a heading.
    if (group.length === 2 && /^[=\-]{3,}\s*$/.test(group[1]!)) {
      out.add({ kind: 'heading', text: group[0]!, level: group[1]!.trim().startsWith('=') ? 1 : 2, location: { line: start, column: 1 } });
      return;
    }
    const alone = group.length === 1;
    let i = 0;
    // A heading line on top of a paragraph ("3. Stappenplan\nDe tekst...").
    const first = group[0]!;
    const lvl = textHeadingLevel(first, alone || (group.length > 1 && !BULLET.test(group[1]!) && first.trim().length < 60 && !/[.:;,]$/.test(first.trim()) && !!headingNumbering(first)));
    if (lvl) {
      out.add({ kind: 'heading', text: first, level: lvl, location: { line: start, column: 1 } });
      i = 1;
    }
    let cur: { text: string[]; line: number; kind: 'paragraph' | 'listItem'; ordered: boolean; level: number } | undefined;
    const emit = () => {
      if (cur) out.add({ kind: cur.kind, text: cur.text.join(' '), level: cur.kind === 'listItem' ? cur.level : undefined, ordered: cur.kind === 'listItem' ? cur.ordered : undefined, location: { line: cur.line, column: 1 } });
      cur = undefined;
    };
    for (; i < group.length; i++) {
      const l = group[i]!;
      const m = BULLET.exec(l);
      if (m && !(m[1]!.match(/^\d/) && group.length === 1 && lvl)) {
        emit();
        const indent = /^\s*/.exec(l)![0].replace(/\t/g, '    ').length;
        cur = { text: [/^[-*•·–]$/.test(m[1]!) ? m[2]! : l.trim()], line: start + i, kind: 'listItem', ordered: !/^[-*•·–]$/.test(m[1]!), level: 1 + Math.floor(indent / 2) };
      } else if (cur) cur.text.push(l);
      else cur = { text: [l], line: start + i, kind: 'paragraph', ordered: false, level: 0 };
    }
    emit();
  };
  lines.forEach((line, idx) => {
    if (line.trim() === '') {
      flush();
      return;
    }
    if (!para) para = { start: idx + 1, lines: [] };
    para.lines.push(line);
  });
  flush();
  return { blocks: out.blocks, warnings: [] };
}
