/** The `rules` and `explain` commands: the rule set for people (and as JSON). */
import pc from 'picocolors';
import { local, longDate, translator, type Lang, type Translate } from '../i18n/messages.js';
import type { RuleMeta, RulesetMeta } from '../report/types.js';
import { helpUri, padEnd, severityText, wrap } from '../report/common.js';
import { SECTOR_CHOICES } from './options.js';
import { UsageError } from './errors.js';

type Colors = ReturnType<typeof pc.createColors>;

export function sectorsOf(r: RuleMeta): string[] {
  const a = r.appliesTo;
  if (a === 'all') return [...SECTOR_CHOICES];
  return 'only' in a ? [...a.only] : SECTOR_CHOICES.filter((s) => !a.except.includes(s));
}

export function appliesText(r: RuleMeta, tr: Translate): string {
  const a = r.appliesTo;
  if (a === 'all') return tr('rules.all');
  return 'only' in a ? tr('rules.only', { list: a.only.join(', ') }) : tr('rules.except', { list: a.except.join(', ') });
}

function byId(a: RuleMeta, b: RuleMeta): number {
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}

export function rulesText(set: RulesetMeta, lang: Lang, color: boolean, width = 100): string {
  const tr = translator(lang);
  const c: Colors = pc.createColors(color);
  const rules = [...set.rules].sort(byId);
  const idW = Math.max(...rules.map((r) => r.id.length));
  const indent = ' '.repeat(2 + idW + 2);
  const out: string[] = [
    c.bold(tr('rules.header', { version: set.version, name: set.name })),
    ...wrap(tr('rules.inForce', { date: longDate(set.inForce, lang), basis: set.legalBasis }), width).map((l) => c.dim(l)),
  ];
  const groups: Array<[string, RuleMeta[]]> = [
    [tr('rules.legal'), rules.filter((r) => r.kind === 'element')],
    [tr('rules.goodPractice'), rules.filter((r) => r.kind === 'good-practice')],
  ];
  for (const [label, list] of groups) {
    if (!list.length) continue;
    out.push('', c.bold(label));
    for (const r of list) {
      out.push(`  ${c.bold(padEnd(r.id, idW))}  ${local(r.title, lang)}`);
      const meta = [severityText(r.severity, lang), appliesText(r, tr), r.basis.article].join(' · ');
      for (const l of wrap(meta, Math.max(40, width - indent.length))) out.push(indent + c.dim(l));
    }
  }
  out.push('', c.dim(tr('rules.footer')));
  return `${out.join('\n')}\n`;
}

export function rulesJson(set: RulesetMeta, lang: Lang): string {
  const rules = [...set.rules].sort(byId).map((r) => ({
    id: r.id,
    kind: r.kind,
    title: local(r.title, lang),
    severity: r.severity,
    decidesVerdict: r.verdict,
    appliesTo: r.appliesTo,
    sectors: sectorsOf(r),
    basis: r.basis,
    tags: r.tags,
    parent: r.parent ?? null,
    helpUri: helpUri(r.id),
  }));
  const out = { ruleset: { version: set.version, name: set.name, legalBasis: set.legalBasis, inForce: set.inForce }, lang, rules };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** "m4" → "M04", "m03.1" → "M03.1", "s1" → "S01". */
export function normaliseId(id: string): string {
  const m = /^\s*([MmSs])0*(\d{1,2})(?:\.(\d))?\s*$/.exec(id);
  if (!m) return id.trim().toUpperCase();
  return `${m[1]!.toUpperCase()}${m[2]!.padStart(2, '0')}${m[3] ? `.${m[3]}` : ''}`;
}

export function findRule(set: RulesetMeta, id: string, lang: Lang): RuleMeta {
  const want = normaliseId(id);
  const rule = set.rules.find((r) => r.id === want);
  if (!rule) {
    const ids = [...set.rules].sort(byId).map((r) => r.id).join(', ');
    throw new UsageError(translator(lang)('err.unknownRule', { value: id, ids }));
  }
  return rule;
}

export function explainText(set: RulesetMeta, rule: RuleMeta, lang: Lang, color: boolean, width = 100): string {
  const tr = translator(lang);
  const c: Colors = pc.createColors(color);
  const w = Math.max(40, width - 2);
  const block = (title: string, text: string) => ['', c.bold(title), ...wrap(text, w).map((l) => `  ${l}`)];
  const meta = [severityText(rule.severity, lang), appliesText(rule, tr), tr(rule.verdict ? 'rules.decides' : 'rules.notDecides')];
  if (rule.parent) meta.push(tr('explain.parent', { id: rule.parent }));
  const children = set.rules.filter((r) => r.parent === rule.id).sort(byId);
  const out: string[] = [`${c.bold(rule.id)}  ${c.bold(local(rule.title, lang))}`, c.dim(meta.join(' · '))];
  if (children.length) out.push(c.dim(children.map((r) => `${r.id} ${local(r.title, lang)}`).join('; ')));
  out.push(...block(tr('explain.requirement'), local(rule.docs.requirement, lang)));
  const source = [rule.basis.source, rule.basis.staatsblad, rule.basis.inForce ? tr('explain.inForce', { date: longDate(rule.basis.inForce, lang) }) : ''].filter(Boolean).join(', ');
  out.push('', c.bold(tr('explain.basis')), ...wrap(rule.basis.article, w).map((l) => `  ${l}`), ...wrap(source, w).map((l) => `  ${c.dim(l)}`));
  out.push(...block(tr('explain.present'), local(rule.docs.present, lang)));
  out.push(...block(tr('explain.partial'), local(rule.docs.partial, lang)));
  out.push(...block(tr('explain.missing'), tr('explain.missingText')));
  if (rule.docs.example) out.push(...block(tr('explain.example'), `“${local(rule.docs.example, lang)}”`));
  out.push(...block(tr('explain.advice'), local(rule.advice, lang)));
  out.push('', `${tr('explain.more')}: ${helpUri(rule.id)}`);
  return `${out.join('\n')}\n`;
}

export function explainJson(rule: RuleMeta, lang: Lang): string {
  const out = {
    id: rule.id,
    kind: rule.kind,
    title: local(rule.title, lang),
    severity: rule.severity,
    decidesVerdict: rule.verdict,
    appliesTo: rule.appliesTo,
    sectors: sectorsOf(rule),
    parent: rule.parent ?? null,
    basis: rule.basis,
    requirement: local(rule.docs.requirement, lang),
    present: local(rule.docs.present, lang),
    partial: local(rule.docs.partial, lang),
    example: rule.docs.example ? local(rule.docs.example, lang) : null,
    advice: local(rule.advice, lang),
    helpUri: helpUri(rule.id),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
