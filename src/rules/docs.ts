/**
 * Rule documentation as Markdown (docs/rules/<ID>.md, the helpUri of SARIF and JSON reports),
 * generated from the rule files so the two never disagree.
 */
import type { CompiledRule, RuleSet } from './load.js';

function sectors(rule: CompiledRule, lang: 'nl' | 'en'): string {
  const a = rule.appliesTo;
  if (a === 'all') return lang === 'nl' ? 'alle sectoren' : 'all sectors';
  return 'only' in a ? (lang === 'nl' ? `alleen ${a.only.join(', ')}` : `only ${a.only.join(', ')}`) : lang === 'nl' ? `alle sectoren behalve ${a.except.join(', ')}` : `all sectors except ${a.except.join(', ')}`;
}

const SEVERITY = { nl: { error: 'fout', warning: 'waarschuwing', info: 'informatie' }, en: { error: 'error', warning: 'warning', info: 'info' } } as const;

export function ruleMarkdown(rule: CompiledRule, set: RuleSet): string {
  const basis = [rule.basis.article, rule.basis.source, rule.basis.staatsblad, rule.basis.inForce ? `in werking ${rule.basis.inForce}` : undefined].filter(Boolean).join(' · ');
  const lines = [
    `# ${rule.id} ${rule.title.nl}`,
    '',
    `*${rule.title.en}* · ${SEVERITY.nl[rule.severity]} · ${sectors(rule, 'nl')} · ${rule.verdict ? 'beslist mee over het oordeel' : 'telt niet mee voor het oordeel'}`,
    '',
    `**Grondslag:** ${basis}`,
    '',
    `Regelset ${set.version}; regelbestand \`rules/${rule.file.split(/[\\/]/).pop()}\`.`,
    '',
    '## Wat de wet vraagt',
    '',
    rule.docs.requirement.nl,
    '',
    '## Aanwezig',
    '',
    rule.docs.present.nl,
    '',
    '## Gedeeltelijk',
    '',
    rule.docs.partial.nl,
    '',
  ];
  if (rule.docs.example) lines.push('## Voorbeeld', '', `> ${rule.docs.example.nl}`, '');
  lines.push('## Advies bij een tekort', '', rule.advice.nl, '', '---', '', '## In English', '', `**Requirement.** ${rule.docs.requirement.en}`, '', `**Present.** ${rule.docs.present.en}`, '', `**Partial.** ${rule.docs.partial.en}`, '');
  if (rule.docs.example) lines.push(`**Example.** ${rule.docs.example.en}`, '');
  lines.push(`**Advice.** ${rule.advice.en}`, '');
  return lines.join('\n');
}

export function ruleDocs(set: RuleSet): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of set.rules) out.set(`${r.id}.md`, ruleMarkdown(r, set));
  out.set(
    'not-a-meldcode.md',
    [
      '# Geen meldcode',
      '',
      'Het document is geen meldcode: een klachtenregeling, nieuwsbericht, privacyverklaring, calamiteitenprotocol of een pagina die alleen naar de meldcode verwijst. Zo\'n document heeft geen eigen stappenplan; het rapport noemt wat het lijkt te zijn en waarom. Lever de meldcode zelf aan.',
      '',
      '*Not a meldcode: the document (a complaints procedure, news item, privacy statement, calamity protocol, or a page linking to the code) has no stappenplan of its own. Supply the meldcode itself.*',
      '',
    ].join('\n'),
  );
  return out;
}
