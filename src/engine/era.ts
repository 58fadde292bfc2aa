/**
 * The era of a meldcode text, with the markers found and what to update:
 * 2013 (AMK / Steunpunt Huiselijk Geweld), 2015 (Veilig Thuis, no afwegingskader), 2019 and later.
 */
import type { RuleSet } from '../rules/load.js';
import type { LocalText } from '../rules/schema.js';
import { unitMatches, type Analysis } from './analysis.js';
import { quoteOf } from './check.js';
import type { EraInfo, ElementResult } from './result.js';

const UPDATES: Record<string, LocalText> = {
  old_body: {
    nl: 'Vervang AMK en Steunpunt Huiselijk Geweld door Veilig Thuis (sinds 1 januari 2015), ook in de stappen en de adressenlijst.',
    en: 'Replace AMK and Steunpunt Huiselijk Geweld by Veilig Thuis (since 1 January 2015), in the steps and the address list too.',
  },
  either_or: {
    nl: 'Herschrijf stap 5 als twee beslissingen: is melden noodzakelijk, en is hulp bieden of organiseren (ook) mogelijk (sinds 1 januari 2019).',
    en: 'Rewrite step 5 as two decisions: is reporting necessary, and is providing or organising help (also) possible (since 1 January 2019).',
  },
  no_kader: {
    nl: 'Neem het afwegingskader van uw beroepsgroep op en pas het toe in stap 4 en 5 (verplicht sinds 1 januari 2019, Stb. 2017, 291).',
    en: "Include your profession's afwegingskader and apply it in steps 4 and 5 (required since 1 January 2019, Stb. 2017, 291).",
  },
  wbp: {
    nl: 'Verwijs naar de AVG en de UAVG in plaats van de Wet bescherming persoonsgegevens (vervallen op 25 mei 2018).',
    en: 'Refer to the GDPR (AVG/UAVG) instead of the Wet bescherming persoonsgegevens (repealed on 25 May 2018).',
  },
};

export function detectEra(a: Analysis, ruleset: RuleSet, results: Map<string, ElementResult>): EraInfo {
  const markers: EraInfo['markers'] = [];
  const found = new Set<string>();
  const history = ruleset.lexicon.get('history')!;
  for (const name of ['old_body', 'wbp', 'either_or']) {
    const concept = ruleset.lexicon.get(name);
    if (!concept) continue;
    for (const b of a.blocks) {
      if (b.toc) continue;
      const u = b.units.find((x) => unitMatches(concept, x) && !unitMatches(history, x));
      if (u) {
        found.add(name);
        markers.push({ marker: name, quote: quoteOf(u.text), location: b.block.location });
        break;
      }
    }
  }
  const m04 = results.get('M04')?.contentStatus;
  const kader = m04 === 'present' || m04 === 'partial';
  const twoDecisions = ruleset.lexicon.get('two_decisions');
  const hasTwo = twoDecisions ? a.blocks.some((b) => !b.toc && b.units.some((u) => unitMatches(twoDecisions, u))) : false;
  let value: EraInfo['value'];
  if (found.has('old_body')) value = '2013';
  else if (kader || hasTwo) value = '2019';
  else value = '2015';
  const updates: LocalText[] = [];
  if (found.has('old_body')) updates.push(UPDATES.old_body!);
  if (found.has('either_or') || (!hasTwo && value !== '2019')) updates.push(UPDATES.either_or!);
  if (!kader) updates.push(UPDATES.no_kader!);
  if (found.has('wbp')) updates.push(UPDATES.wbp!);
  return { value, markers, updates };
}
