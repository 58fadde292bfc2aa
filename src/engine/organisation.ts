/** The organisation a meldcode belongs to: from the title, the adoption line or the text. */
import path from 'node:path';
import type { Analysis } from './analysis.js';

const LEGAL_FORM = /\b((?:Stichting|Vereniging|Coöperatie|Cooperatie|Zorggroep|Huisartsenpraktijk|Tandartspraktijk|Praktijk|Fysiotherapiepraktijk|Kinderdagverblijf|Kinderopvang|Gastouderbureau|BSO|KDV|Peuterspeelzaal|Basisschool|OBS|CBS|RKBS|SBO|Scholengemeenschap|Thuiszorg|Thuishulp|Zorgboerderij|Jeugdhulp|GGZ-praktijk|GGZ|Welzijn|Hulp aan Huis|Buitenschoolse opvang|Werkplaats|Dagbesteding|Gezondheidscentrum|Verloskundigenpraktijk|Verloskundigen|Ziekenhuis|Jeugdzorg|Zorgcentrum|Woonzorgcentrum|Verpleeghuis|Huisartsenpost|Wijkteam)\s+(?:[A-Z][\p{L}'’-]+|de|het|van|den|der|aan|op|'t)(?:\s+(?:[A-Z][\p{L}'’-]+(?![\p{L}'’-]*\s+\d)|de|het|van|den|der|aan|op|'t)){0,4})/u;
const SUFFIX_FORM = /\b((?:[A-Z][\p{L}'’&-]+\s+){1,4}(?:B\.V\.|BV|N\.V\.|College|Zorg|Groep))\b/u;
const LEAD_NAME = /^((?:[A-Z][\p{L}'’-]+|de|De|het|Het|van|'t)(?:\s+(?:[A-Z][\p{L}'’-]+|de|De|het|van|den|der|aan|op|'t)){1,4})\s*(?:[·|,–—:]|$)/u;
const NOT_A_NAME = /^(?:Meldcode|Inhoud|Inleiding|Versie|Stap|Bijlage|Vastgesteld|Datum|Hoofdstuk|Doel|Wie|Wat|Huiselijk|Kindermishandeling)\b/;
const PLACEHOLDER = /\[[^\]]*\]|\bx{3,}\b|xx-xx/i;

const STOP_WORD = /\s+(?:Versie|Vastgesteld|Datum|Generalistische|Locatie|Adres|Postbus|Telefoon|Tel)\b.*$|\s+\S*(?:laan|straat|weg|plein|pad|dijk|gracht|kade|singel|hof|park)\s+\d.*$/;

function clean(name: string): string {
  return name.replace(STOP_WORD, '').replace(/\s+(?:de|het|van|den|der|aan|op|en)$/i, '').replace(/[\s,.;:–-]+$/, '').trim();
}

export function detectOrganisation(a: Analysis): { name: string; source: string } | undefined {
  const firstBlocks = a.blocks.slice(0, 12);
  const candidates: Array<{ name: string; source: string }> = [];
  const title = a.doc.title;
  for (const text of [title, ...firstBlocks.map((b) => b.block.text)]) {
    if (!text || PLACEHOLDER.test(text)) continue;
    const m = LEGAL_FORM.exec(text) ?? SUFFIX_FORM.exec(text);
    if (m) candidates.push({ name: clean(m[1]!), source: 'title' });
    const lead = !m ? LEAD_NAME.exec(text.trim()) : null;
    if (lead && !NOT_A_NAME.test(lead[1]!) && /[A-Z]/.test(lead[1]!.slice(1))) candidates.push({ name: clean(lead[1]!), source: 'title' });
    const dash = /meldcode[^–—:-]*[–—:-]\s*(.+)$/i.exec(text);
    if (!m && dash && dash[1]!.length < 80 && /^[A-Z]/.test(dash[1]!)) candidates.push({ name: clean(dash[1]!.split(/[—–,]/)[0]!), source: 'title' });
  }
  if (!candidates.length) {
    for (const b of a.blocks) {
      if (!/vastgesteld|goedgekeurd/.test(b.folded) || PLACEHOLDER.test(b.block.text)) continue;
      const m = LEGAL_FORM.exec(b.block.text) ?? SUFFIX_FORM.exec(b.block.text);
      if (m) {
        candidates.push({ name: clean(m[1]!), source: 'vastgesteld' });
        break;
      }
    }
  }
  if (!candidates.length) {
    for (const b of a.blocks) {
      if (PLACEHOLDER.test(b.block.text)) continue;
      const m = LEGAL_FORM.exec(b.block.text);
      if (m) {
        candidates.push({ name: clean(m[1]!), source: 'text' });
        break;
      }
    }
  }
  if (candidates.length) return candidates[0];
  const base = path.basename(a.doc.source.path).replace(/\.[^.]+$/, '');
  const fromFile = base.replace(/^(?:meldcode|wmo|jeugd|zorg|kinderopvang|onderwijs)[-_ ]+/i, '').replace(/[-_]+/g, ' ').replace(/\b(?:19|20)\d\d\b/g, '').trim();
  if (fromFile.length >= 3) return { name: fromFile.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()), source: 'file name' };
  return undefined;
}
