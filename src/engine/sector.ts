/** Sector: from the option, else detected from the text (with the reasons), else algemeen. */
import { fold } from '../document/normalize.js';
import type { RuleSet } from '../rules/load.js';
import type { Sector } from '../rules/schema.js';
import type { Analysis } from './analysis.js';
import type { SectorInfo } from './result.js';

export function detectSector(a: Analysis, ruleset: RuleSet, given?: Sector): SectorInfo {
  if (given) return { value: given, source: 'option', reasons: [] };
  const original = a.blocks.filter((b) => !b.toc).map((b) => b.block.text).join('\n');
  const { text, map } = fold(original);
  const scores: Array<{ sector: Sector; score: number; terms: Map<string, number> }> = [];
  for (const s of ruleset.sectors) {
    const terms = new Map<string, number>();
    let score = 0;
    for (const [weight, regex] of [[s.weights.strong, s.strong], [s.weights.weak, s.weak]] as const) {
      if (!regex) continue;
      for (const m of text.matchAll(regex)) {
        score += weight;
        const t = original.slice(map[m.index]!, map[m.index + m[0].length]!).trim().toLowerCase();
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
