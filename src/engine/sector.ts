/** Sector: from the option, else detected from the text (with the reasons), else algemeen. */
import { fold } from '../document/normalize.js';
import type { RuleSet } from '../rules/load.js';
import type { Sector } from '../rules/schema.js';
import type { Analysis } from './analysis.js';
import type { SectorInfo } from './result.js';

const sticky = new WeakMap<RegExp, RegExp>();

/**
 * text.matchAll(re) when the only positions where `re` can match are known (`starts`, ascending;
 * from the rule set's start keys): the regex runs anchored (sticky) at those positions only, and
 * skips those inside the previous match, as matchAll does.
 */
export function* matchesAt(text: string, re: RegExp, starts: readonly number[]): Generator<RegExpExecArray> {
  let y = sticky.get(re);
  if (!y) sticky.set(re, (y = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
  let from = 0;
  for (const p of starts) {
    if (p < from) continue;
    y.lastIndex = p;
    const m = y.exec(text);
    if (!m) continue;
    from = p + (m[0].length || ((text.codePointAt(p) ?? 0) > 0xffff ? 2 : 1));
    yield m;
  }
}

/**
 * The folded text of the document's content blocks, as fold() gives for their texts joined by
 * newlines: the blocks' folded texts (already in the analysis) joined by one space, empty ones left
 * out. `original(start, end)` maps a range of it back to the original text, folding (with the
 * offset map) only the blocks a range touches: sector terms are few, and a second fold of the whole
 * document was a third of the time spent folding.
 */
export function contentText(a: Analysis): { text: string; original: (start: number, end: number) => string } {
  const blocks = a.blocks.filter((b) => !b.toc);
  const parts: string[] = [];
  /** Per part: its block's original text, where it starts in the joined original and in the folded text. */
  const at: Array<{ text: string; original: number; folded: number }> = [];
  let original = 0;
  let folded = 0;
  for (const b of blocks) {
    if (b.folded) {
      if (parts.length) folded++;
      at.push({ text: b.block.text, original, folded });
      parts.push(b.folded);
      folded += b.folded.length;
    }
    original += b.block.text.length + 1;
  }
  const text = parts.join(' ');
  const joined = blocks.map((b) => b.block.text).join('\n');
  const maps = new Map<number, Uint32Array>();
  /** Index in `joined` of folded index k (k = text.length: the end). */
  const toOriginal = (k: number): number => {
    if (k >= text.length) return joined.length; // fold() maps its end to the end of the original
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]!.folded <= k) lo = mid;
      else hi = mid - 1;
    }
    const part = at[lo]!;
    let map = maps.get(lo);
    if (!map) maps.set(lo, (map = fold(part.text).map));
    const inPart = k - part.folded;
    const len = map.length - 1;
    if (inPart < len) return part.original + map[inPart]!;
    // The joining space after a part (or the end): where fold() would have put it, the first
    // whitespace after the part's last folded character (only characters that fold to nothing can
    // come between), else the newline that ends the block.
    let p = len > 0 ? map[len - 1]! : 0;
    p += (part.text.codePointAt(p) ?? 0) > 0xffff ? 2 : 1;
    while (p < part.text.length && !/\s/.test(part.text[p]!)) p++;
    return part.original + Math.min(p, part.text.length);
  };
  return { text, original: (start, end) => (at.length ? joined.slice(toOriginal(start), toOriginal(end)) : '') };
}

export function detectSector(a: Analysis, ruleset: RuleSet, given?: Sector): SectorInfo {
  if (given) return { value: given, source: 'option', reasons: [] };
  const { text, original } = contentText(a);
  // Where each sector pattern can start, in one pass over the text.
  const starts: number[][] = Array.from({ length: ruleset.sectorKeys.size }, () => []);
  ruleset.sectorKeys.scan(text, (id, p) => starts[id]!.push(p));
  const scores: Array<{ sector: Sector; score: number; terms: Map<string, number> }> = [];
  for (const s of ruleset.sectors) {
    const terms = new Map<string, number>();
    let score = 0;
    for (const [weight, regex, keyId] of [[s.weights.strong, s.strong, s.strongKeyId], [s.weights.weak, s.weak, s.weakKeyId]] as const) {
      if (!regex) continue;
      // A pattern whose start keys cannot be bounded runs over the whole text.
      for (const m of keyId === undefined ? text.matchAll(regex) : matchesAt(text, regex, starts[keyId]!)) {
        score += weight;
        const t = original(m.index, m.index + m[0].length).trim().toLowerCase();
        terms.set(t, (terms.get(t) ?? 0) + 1);
      }
    }
    scores.push({ sector: s.sector, score, terms });
  }
  scores.sort((x, y) => y.score - x.score);
  const best = scores[0];
  if (!best || best.score < ruleset.sectorMinimumScore) return { value: 'algemeen', source: 'default', reasons: [] };
  const reasons = [...best.terms.entries()].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([t, n]) => `"${t}" (${n}×)`);
  return { value: best.sector, source: 'detected', reasons };
}
