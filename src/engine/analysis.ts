/**
 * Prepares a Document for the rules: folded text per block and sentence, the table of contents
 * (a heading there is not content), the sections, and where each step of the stappenplan stands.
 * Pure and format-blind.
 */
import type { Block, Document } from '../document/model.js';
import { normalize, sentences } from '../document/normalize.js';
import { stemText, type CompiledConcept } from '../rules/compile.js';
import type { StartKeys } from '../rules/first-keys.js';
import type { RuleSet } from '../rules/load.js';

export interface Unit {
  /** Index of the block in analysis.blocks. */
  block: number;
  /** Original text of the sentence (or table row). */
  text: string;
  /** Offset of the sentence in its block's text; -1 when the unit is the whole block. */
  start: number;
  folded: string;
  /** Ends with a question mark and nothing else in the unit says what to do. */
  question: boolean;
  /** Position among the sentence units of the analysis (the outcome tables refer to it); -1 for derived units. */
  ord: number;
  /** Stems of `folded`, computed on first use ('' until then). */
  stems: string;
}

/**
 * A unit with every field present, in one order and of one type: all units share one hidden
 * class, so the hot loops of the engine stay monomorphic and optimised (fields added later, or
 * going from undefined to a number, made V8 deoptimise and recompile evaluateClause five times
 * per worker).
 */
export function makeUnit(block: number, text: string, folded: string, question: boolean, start = -1, ord = -1): Unit {
  return { block, text, start, folded, question, ord, stems: '' };
}

export interface ABlock {
  index: number;
  block: Block;
  folded: string;
  heading: boolean;
  toc: boolean;
  /** Folded text of the nearest heading above (or the block itself for a heading). */
  nearestHeading: string;
  units: Unit[];
}

export interface Analysis {
  doc: Document;
  blocks: ABlock[];
  /** Content blocks per step 1..5 (index 0 unused). */
  steps: Set<number>[];
  /** The block that introduces each step (for anchoring findings). */
  stepAnchors: (number | undefined)[];
  /** Blocks in any step. */
  stepBlocks: Set<number>;
  words: number;
  /** Sentence units (those with an ord). */
  unitCount: number;
  /** The rule set's concept start keys (for skipping regex tests that cannot match). */
  conceptKeys: StartKeys;
  /** The rule set's number of concepts (CompiledConcept.index). */
  conceptCount: number;
  /** The organisation named in the text (null: none found), computed on first use. */
  organisation?: { name: string; source: string } | null;
}

const NUMBER_WORDS: Record<string, number> = { een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, eerste: 1, tweede: 2, derde: 3, vierde: 4, vijfde: 5 };
const STEP_ANCHOR = /^(?:\d+(?:\.\d+)*\.?\s+)?(?:stap|fase)\s*(\d|een|twee|drie|vier|vijf)\b(?:\s*(?:en|&|\+|-|t\/m|tot en met)\s*(?:stap\s*)?(\d))?/;
const STEP_ANCHOR_ORDINAL = /^(?:\d+(?:\.\d+)*\.?\s+)?(eerste|tweede|derde|vierde|vijfde) stap\b/;
const STEPS_PLURAL = /^(?:\d+(?:\.\d+)*\.?\s+)?stappen\s*(\d)\s*(?:en|&|\+|-|t\/m|tot en met)\s*(\d)\b/;
const NUMBERED = /^([1-5])(?:[.):]|\s-)\s*\S/;
const TOC_TITLE = /^(?:inhoud|inhoudsopgave|inhoudstafel|index|contents)\s*:?$/;
const DOT_LEADER = /(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d+\s*$/;

/** Words of a folded text (single spaces, none at the ends), without splitting it. */
export function wordCount(folded: string): number {
  if (!folded) return 0;
  let n = 1;
  for (let i = folded.indexOf(' '); i >= 0; i = folded.indexOf(' ', i + 1)) n++;
  return n;
}

function numberOf(word: string): number {
  return NUMBER_WORDS[word] ?? Number(word);
}

/** Whether a heading/list text names the stappenplan (and not the route for staff or complaints). */
function isStepsSection(folded: string): boolean {
  return /\b(?:stappenplan|stappen|route|stroomschema|werkwijze|handelwijze|meldcode in het kort|de vijf stappen)\b/.test(folded) && !/medewerker|meldplicht|klacht|personeel|collega/.test(folded);
}

export function analyze(doc: Document, ruleset: RuleSet): Analysis {
  const blocks: ABlock[] = [];
  let words = 0;
  let lastHeading = '';
  let unitCount = 0;
  for (const [index, block] of doc.blocks.entries()) {
    const f = normalize(block.text);
    const heading = block.kind === 'heading';
    if (heading) lastHeading = f;
    const units: Unit[] = [];
    if (block.kind === 'tableRow' || heading) {
      units.push(makeUnit(index, block.text, f, /\?\s*$/.test(f), undefined, unitCount++));
    } else {
      const ss = sentences(block.text);
      for (const s of ss) {
        const sf = s.text === block.text ? f : normalize(s.text);
        units.push(makeUnit(index, s.text, sf, /\?\s*$/.test(sf), s.start, unitCount++));
      }
      if (!units.length && f) units.push(makeUnit(index, block.text, f, false, undefined, unitCount++));
    }
    words += wordCount(f);
    blocks.push({ index, block, folded: f, heading, toc: false, nearestHeading: heading ? f : lastHeading, units });
  }
  markTableOfContents(blocks);
  const a: Analysis = { doc, blocks, steps: [], stepAnchors: [], stepBlocks: new Set(), words, unitCount, conceptKeys: ruleset.conceptKeys, conceptCount: ruleset.conceptCount, organisation: undefined };
  locateSteps(a, ruleset);
  return a;
}

function stripNumbering(f: string): string {
  return f.replace(/^(?:hoofdstuk\s+)?\d+(?:\.\d+)*\.?\s*/, '').replace(DOT_LEADER, '').replace(/\s+\d+$/, '').trim();
}

/**
 * Marks table-of-contents blocks: those after an "Inhoud" title up to the first block that is not a
 * short entry, lines with dot leaders, and runs of three or more short entries that repeat later
 * headings.
 */
function markTableOfContents(blocks: ABlock[]): void {
  const headingTexts = new Set(blocks.filter((b) => b.heading).map((b) => stripNumbering(b.folded)));
  const isEntry = (b: ABlock) => {
    const words = wordCount(b.folded) || 1;
    return b.block.kind !== 'tableRow' ? words <= 14 && !/[.!?:]$/.test(b.folded.replace(DOT_LEADER, '')) : false;
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (DOT_LEADER.test(b.folded)) b.toc = true;
    if (TOC_TITLE.test(b.folded)) {
      b.toc = true;
      for (let j = i + 1; j < blocks.length; j++) {
        const e = blocks[j]!;
        if (e.heading && !headingTexts.has(stripNumbering(e.folded))) break;
        if (e.heading && j > i + 1 && !isEntry(blocks[j - 1]!)) break;
        if (!isEntry(e) && !DOT_LEADER.test(e.folded)) break;
        // A heading that repeats an earlier entry ends the contents (the body has started).
        if (e.heading && blocks.slice(i + 1, j).some((p) => stripNumbering(p.folded) === stripNumbering(e.folded))) break;
        e.toc = true;
      }
    }
  }
  // Runs of short non-heading entries that each repeat a later heading.
  let run: ABlock[] = [];
  const flush = () => {
    if (run.length >= 3) for (const r of run) r.toc = true;
    run = [];
  };
  for (const b of blocks) {
    const key = stripNumbering(b.folded);
    if (!b.heading && b.block.kind !== 'tableRow' && isEntry(b) && key.length > 2 && headingTexts.has(key)) run.push(b);
    else flush();
  }
  flush();
}

interface Anchor {
  block: number;
  steps: number[];
}

function stepNumbers(f: string): number[] {
  const plural = STEPS_PLURAL.exec(f);
  if (plural) return range(Number(plural[1]), Number(plural[2]));
  const m = STEP_ANCHOR.exec(f);
  if (m) {
    const first = numberOf(m[1]!);
    const second = m[2] ? Number(m[2]) : undefined;
    return second && second > first ? range(first, second) : [first];
  }
  const o = STEP_ANCHOR_ORDINAL.exec(f);
  if (o) return [numberOf(o[1]!)];
  return [];
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= Math.min(b, 5); i++) out.push(i);
  return out;
}

function locateSteps(a: Analysis, ruleset: RuleSet): void {
  const { blocks } = a;
  const anchors: Anchor[] = [];
  const numbered: Anchor[] = [];
  const numberedHeadings: Anchor[] = [];
  let inStepsSection = false;
  let stepsSectionLevel = 0;
  for (const b of blocks) {
    if (b.toc) continue;
    if (b.heading) {
      const level = b.block.level ?? 1;
      if (isStepsSection(b.folded)) {
        inStepsSection = true;
        stepsSectionLevel = level;
      } else if (inStepsSection && level <= stepsSectionLevel) {
        inStepsSection = false;
      }
    }
    let f = b.folded;
    if (b.block.kind === 'tableRow') f = normalize(b.block.cells?.[0] ?? '') || f;
    let steps = stepNumbers(f).filter((n) => n >= 1 && n <= 5);
    if (!steps.length && b.block.kind === 'tableRow' && /^[1-5]\.?$/.test(f) && stepTable(blocks, b)) steps = [Number(f[0])];
    if (steps.length) {
      anchors.push({ block: b.index, steps });
      continue;
    }
    if (!inStepsSection) continue;
    // "1." … "5." numbered items or headings under a stappenplan heading: used only when the text
    // does not number its steps with "stap"/"fase".
    if (!b.heading && b.block.kind === 'listItem' && b.block.ordered && (b.block.level ?? 1) === 1) {
      const idx = orderedIndex(blocks, b.index);
      if (idx >= 1 && idx <= 5) numbered.push({ block: b.index, steps: [idx] });
    } else if (b.block.kind !== 'tableRow') {
      const m = NUMBERED.exec(f);
      if (m) (b.heading ? numberedHeadings : numbered).push({ block: b.index, steps: [Number(m[1])] });
    }
  }
  const explicit = new Set(anchors.flatMap((x) => x.steps));
  const distinct = (list: Anchor[]) => new Set(list.flatMap((x) => x.steps)).size;
  if (explicit.size < 3) {
    const chosen = distinct(numberedHeadings) >= 3 ? numberedHeadings : distinct(numbered) >= 3 ? numbered : [];
    for (const n of chosen) if (!explicit.has(n.steps[0]!)) anchors.push(n);
  }

  // A text that numbers its own steps differently ("Stap 3 – Wegen") is read by content: an anchor
  // whose title names exactly one other step, and not its own, is moved to that step.
  const names = new Map<number, RegExp[]>();
  for (const rule of ruleset.rules) if (rule.step && rule.stepNames?.length) names.set(rule.step, rule.stepNames.map((n) => new RegExp(`(?<![a-z])(?:${n})`)));
  const titleOf = (i: number) => {
    const b = blocks[i]!;
    const f = b.block.kind === 'tableRow' ? normalize(b.block.cells?.[0] ?? '') : b.folded;
    return f.replace(STEP_ANCHOR, '').replace(STEP_ANCHOR_ORDINAL, '').split(/[.:;?!]\s/)[0] ?? '';
  };
  for (const anchor of anchors) {
    if (anchor.steps.length !== 1) continue;
    const title = titleOf(anchor.block);
    const own = names.get(anchor.steps[0]!)?.some((r) => r.test(title)) ?? false;
    if (own) continue;
    const others = [...names].filter(([n, rs]) => n !== anchor.steps[0] && rs.some((r) => r.test(title))).map(([n]) => n);
    if (others.length === 1) anchor.steps = [others[0]!];
  }

  // Steps not found by number: headings (or table first cells) that carry the step's name.
  const found = new Set(anchors.flatMap((x) => x.steps));
  if (found.size < 5) {
    for (const rule of ruleset.rules) {
      if (!rule.step || found.has(rule.step) || !rule.stepNames?.length) continue;
      const stepNames = names.get(rule.step)!;
      for (const b of blocks) {
        // Headings, and short table rows (first cell) and list items.
        const kind = b.block.kind;
        if (b.toc || (!b.heading && kind !== 'tableRow' && kind !== 'listItem')) continue;
        const f = kind === 'tableRow' ? normalize(b.block.cells?.[0] ?? '') : b.folded;
        if (!b.heading && (wordCount(f) || 1) > 12) continue;
        if (stepNames.some((r) => r.test(f))) anchors.push({ block: b.index, steps: [rule.step] });
      }
    }
  }

  a.steps = [new Set(), new Set(), new Set(), new Set(), new Set(), new Set()];
  a.stepAnchors = [];
  const anchorBlocks = new Set(anchors.map((x) => x.block));
  for (const anchor of anchors) {
    const scope = scopeOf(blocks, anchor.block, anchorBlocks);
    for (const n of anchor.steps) {
      for (const i of scope) {
        a.steps[n]!.add(i);
        a.stepBlocks.add(i);
      }
      a.stepAnchors[n] ??= anchor.block;
    }
  }
}

/** Whether a table row belongs to a table whose header names steps ("Stap | Wat | Wie"). */
function stepTable(blocks: ABlock[], row: ABlock): boolean {
  for (let j = row.index - 1; j >= 0; j--) {
    const b = blocks[j]!;
    if (b.block.kind !== 'tableRow' || b.block.table !== row.block.table) return false;
    if (b.block.row === 0) return /\b(?:stap|fase)\b/.test(b.folded);
  }
  return false;
}

/** 1-based position of an ordered list item among its siblings at the same level. */
function orderedIndex(blocks: ABlock[], i: number): number {
  const level = blocks[i]!.block.level ?? 1;
  let n = 1;
  for (let j = i - 1; j >= 0; j--) {
    const b = blocks[j]!.block;
    if (b.kind !== 'listItem') break;
    if ((b.level ?? 1) < level) break;
    if ((b.level ?? 1) === level) n++;
  }
  return n;
}

/** The blocks that belong to the step introduced at `start`. */
function scopeOf(blocks: ABlock[], start: number, anchors: Set<number>): number[] {
  const first = blocks[start]!;
  const out = [start];
  if (first.block.kind === 'tableRow') return out;
  if (first.heading) {
    const level = first.block.level ?? 1;
    for (let j = start + 1; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b.heading && (b.block.level ?? 1) <= level) break;
      if (anchors.has(j) && !(b.heading && (b.block.level ?? 1) > level) && b.block.kind !== 'tableRow') break;
      out.push(j);
    }
    return out;
  }
  const listLevel = first.block.kind === 'listItem' ? (first.block.level ?? 1) : undefined;
  for (let j = start + 1; j < blocks.length && out.length < 25; j++) {
    const b = blocks[j]!;
    if (b.heading || anchors.has(j)) break;
    if (listLevel !== undefined && b.block.kind === 'listItem' && (b.block.level ?? 1) <= listLevel) break;
    if (listLevel !== undefined && b.block.kind !== 'listItem' && out.length > 1) break;
    out.push(j);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Concept matching with a per-analysis cache

export function stems(u: Unit): string {
  if (u.stems === '' && u.folded !== '') u.stems = stemText(u.folded);
  return u.stems;
}

/**
 * Whether concept `c` matches unit `u`. With the analysis, a sentence unit that has none of the
 * concept's start keys (rules/first-keys.ts) is not tested against its regex: it cannot match.
 */
export function unitMatches(c: CompiledConcept, u: Unit, a?: Analysis): boolean {
  if (c.regex && (c.keyId === undefined || a === undefined || u.ord < 0 || c.registry !== a.conceptKeys || candidatesOf(a)[c.keyId * a.unitCount + u.ord] === 1) && c.regex.test(u.folded)) return true;
  if (c.stemRegex && c.stemRegex.test(stems(u))) return true;
  return false;
}

/**
 * Whether concept `c` matches unit `u`, remembered per analysis: in a table by (concept index,
 * unit ord) for the sentence units of the analysis, else on the unit.
 */
export function unitMatchesCached(a: Analysis, c: CompiledConcept, u: Unit): boolean {
  if (u.ord >= 0 && c.index !== undefined && c.registry === a.conceptKeys) {
    let table = hitTables.get(a);
    if (!table) hitTables.set(a, (table = new Uint8Array(a.conceptCount * a.unitCount)));
    const i = c.index * a.unitCount + u.ord;
    let v = table[i]!;
    if (v === 0) table[i] = v = unitMatches(c, u, a) ? 2 : 1;
    return v === 2;
  }
  let seen = derivedHits.get(u);
  if (!seen) derivedHits.set(u, (seen = new Map()));
  let hit = seen.get(c);
  if (hit === undefined) seen.set(c, (hit = unitMatches(c, u, a)));
  return hit;
}

/** Outcomes for units without an ord (whole blocks, whole scopes). */
const derivedHits = new WeakMap<Unit, Map<CompiledConcept, boolean>>();

/** Per analysis: 0 not yet tested, 1 no match, 2 match; index concept index * unitCount + ord. */
const hitTables = new WeakMap<Analysis, Uint8Array>();

/**
 * Per analysis: for every (concept with start keys, sentence unit) whether the unit has one of the
 * concept's keys, built in one pass over the units on first use. Index keyId * unitCount + ord.
 */
const candidateTables = new WeakMap<Analysis, Uint8Array>();

function candidatesOf(a: Analysis): Uint8Array {
  let table = candidateTables.get(a);
  if (!table) {
    const n = a.unitCount;
    table = new Uint8Array(a.conceptKeys.size * n);
    for (const b of a.blocks) for (const u of b.units) a.conceptKeys.mark(u.folded, table, n, u.ord);
    candidateTables.set(a, table);
  }
  return table;
}

/**
 * Per-analysis memo for texts matched many times (headings, the sentence that introduces a list):
 * their folded form, their stems and the outcome per concept.
 */
interface TextMemo {
  folded: Map<string, string>;
  stems: Map<string, string>;
  hits: Map<CompiledConcept, Map<string, boolean>>;
}
const memos = new WeakMap<Analysis, TextMemo>();

function memoOf(a: Analysis): TextMemo {
  let m = memos.get(a);
  if (!m) memos.set(a, (m = { folded: new Map(), stems: new Map(), hits: new Map() }));
  return m;
}

/** Whether concept `c` matches the folded text (its regex, else its stems), remembered per analysis. */
export function textMatchesCached(a: Analysis, c: CompiledConcept, folded: string): boolean {
  const m = memoOf(a);
  let byText = m.hits.get(c);
  if (!byText) m.hits.set(c, (byText = new Map()));
  let hit = byText.get(folded);
  if (hit === undefined) {
    hit = !!c.regex && c.regex.test(folded);
    if (!hit && c.stemRegex) {
      let st = m.stems.get(folded);
      if (st === undefined) m.stems.set(folded, (st = stemText(folded)));
      hit = c.stemRegex.test(st);
    }
    byText.set(folded, hit);
  }
  return hit;
}

/** Whether a heading above the block (or the block itself, if a heading) matches `c`. */
export function underHeading(a: Analysis, b: ABlock, c: CompiledConcept): boolean {
  for (const h of b.block.headingPath) if (textMatchesCached(a, c, foldedCached(a, h))) return true;
  return b.heading && textMatchesCached(a, c, foldedCached(a, b.block.text));
}

/** fold(text).text, remembered per analysis (for heading texts, which repeat on every block below them). */
export function foldedCached(a: Analysis, text: string): string {
  const m = memoOf(a);
  let f = m.folded.get(text);
  if (f === undefined) m.folded.set(text, (f = normalize(text)));
  return f;
}
