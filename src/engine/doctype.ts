/**
 * Is this a meldcode at all? Look-alikes (a complaints procedure, a news item, a privacy statement,
 * a calamity protocol, a page that only links to the code) mention the same words but have no
 * procedure of their own.
 */
import type { LocalText } from '../rules/schema.js';
import type { Analysis } from './analysis.js';
import type { ElementResult } from './result.js';

export interface DocumentType {
  kind: 'meldcode' | 'complaints-procedure' | 'news-item' | 'privacy-statement' | 'calamity-protocol' | 'link-only' | 'report' | 'other';
  reason: LocalText;
}

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}

export function classifyDocument(a: Analysis, results: Map<string, ElementResult>): DocumentType {
  const text = a.blocks.filter((b) => !b.toc).map((b) => b.folded).join('\n');
  const head = a.blocks.slice(0, 4).map((b) => b.folded).join('\n') + '\n' + (a.doc.title ?? '').toLowerCase();
  const steps = [1, 2, 3, 4, 5].filter((n) => a.steps[n]!.size > 0).length;
  const stepContent = ['M03.1', 'M03.2', 'M03.3', 'M03.4', 'M03.5'].filter((id) => results.get(id)?.contentStatus === 'present').length;
  const meldcode = count(text, /meldcode/g);
  const klacht = count(text, /klacht/g);
  const hasProcedure = steps >= 3 && stepContent >= 3;

  // A report about meldcodes (supervision, research, a meeting): it speaks of providers and
  // findings, and hardly ever of "deze meldcode".
  const reportWords = count(text, /\b(?:onderzoek\w*|toezicht\w*|rapport\w*|verslag\w*|aanbeveling\w*|bevinding\w*|respondent\w*|geinterviewd\w*|interview\w*|aanbieders)\b/g);
  const selfRefs = count(text, /\b(?:deze|onze|de eigen) (?:meldcode|code)\b|\bin deze code\b/g);
  if (reportWords >= 20 && reportWords > 5 * (selfRefs + 1) && (reportWords * 1000) / Math.max(a.words, 1) > 5) {
    return { kind: 'report', reason: { nl: `Dit lijkt een rapport of verslag over meldcodes ("onderzoek", "toezicht", "aanbieders": ${reportWords}×), geen meldcode zelf.`, en: `This looks like a report about meldcodes ("research", "supervision", "providers": ${reportWords}×), not a meldcode itself.` } };
  }
  if (/klachten?(?:regeling|procedure|reglement)|klachtbehandeling/.test(head) || (klacht >= 8 && klacht > 2 * meldcode && stepContent < 4)) {
    return { kind: 'complaints-procedure', reason: { nl: `Dit lijkt een klachtenregeling ("klacht" ${klacht}×), geen meldcode.`, en: `This looks like a complaints procedure ("klacht" ${klacht}×), not a meldcode.` } };
  }
  if (/privacy(?:verklaring|statement|reglement|beleid)/.test(head) && !hasProcedure) {
    return { kind: 'privacy-statement', reason: { nl: 'Dit lijkt een privacyverklaring, geen meldcode.', en: 'This looks like a privacy statement, not a meldcode.' } };
  }
  if (/calamiteit/.test(head) && !/meldcode/.test(head) && !hasProcedure) {
    return { kind: 'calamity-protocol', reason: { nl: 'Dit lijkt een calamiteitenprotocol, geen meldcode.', en: 'This looks like a calamity protocol, not a meldcode.' } };
  }
  // Only asked of short texts without a procedure (the two scans over the text are not free).
  const news = () => /\b(?:nieuws|nieuwsbericht|persbericht|nieuwsbrief)\b/.test(head) || /\b(?:lees (?:de|het) (?:volledige|hele)|download|op (?:onze|de) website|via (?:onze|de) website|te vinden (?:op|via))\b/.test(text);
  const pastTense = () => /\b(?:heeft|hebben) .{0,60}(?:vastgesteld|vernieuwd|aangepast)\b/.test(text);
  if (!hasProcedure && a.words < 1200 && (news() || pastTense())) {
    return { kind: 'news-item', reason: { nl: 'Dit is een bericht over een meldcode: het beschrijft de code en verwijst naar het document, maar bevat zelf geen stappenplan.', en: 'This is an item about a meldcode: it describes the code and points to the document, but has no stappenplan of its own.' } };
  }
  if (!hasProcedure && /\b(?:https?:\/\/|www\.|zie (?:de|onze) meldcode|\.pdf\b)/.test(text) && a.words < 600) {
    return { kind: 'link-only', reason: { nl: 'Geen meldcode-inhoud gevonden: de tekst verwijst naar een ander document.', en: 'No meldcode content found: the text refers to another document.' } };
  }
  if (!hasProcedure && (steps < 2 || meldcode === 0)) {
    return { kind: 'other', reason: { nl: 'Geen stappenplan van een meldcode gevonden; dit lijkt geen meldcode.', en: 'No meldcode stappenplan found; this does not look like a meldcode.' } };
  }
  return { kind: 'meldcode', reason: { nl: 'Meldcode', en: 'Meldcode' } };
}
