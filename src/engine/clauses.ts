/** Evaluates the detection clauses of a rule file against an Analysis. */
import type { CompiledConcept } from '../rules/compile.js';
import type { CompiledRule } from '../rules/load.js';
import type { Clause } from '../rules/schema.js';
import { makeUnit, textMatchesCached, underHeading, unitMatchesCached, type ABlock, type Analysis, type Unit } from './analysis.js';
import { detectOrganisation } from './organisation.js';
import type { ElementResult } from './result.js';

export interface ClauseContext {
  a: Analysis;
  rule: CompiledRule;
  results: Map<string, ElementResult>;
}

export interface Hit {
  unit: Unit;
  concepts: string[];
}

export interface ClauseOutcome {
  ok: boolean;
  hits: Hit[];
}

const NONE: ClauseOutcome = { ok: false, hits: [] };

/** The blocks a scope name covers (table of contents never included). */
export function scopeBlocks(ctx: ClauseContext, scope: string): ABlock[] {
  const { a } = ctx;
  const key = `scope:${scope}`;
  const cached = scopeCache.get(a)?.get(key);
  if (cached) return cached;
  let out: ABlock[];
  if (scope === 'document') out = a.blocks.filter((b) => !b.toc);
  else if (scope === 'steps') out = a.blocks.filter((b) => !b.toc && a.stepBlocks.has(b.index));
  else if (scope === 'nonsteps') out = a.blocks.filter((b) => !b.toc && !a.stepBlocks.has(b.index));
  else if (scope.startsWith('step:')) {
    const set = a.steps[Number(scope.slice(5))] ?? new Set<number>();
    out = a.blocks.filter((b) => !b.toc && set.has(b.index));
  } else if (scope.startsWith('section:')) {
    const concept = concept_(ctx, scope.slice(8));
    out = a.blocks.filter((b) => !b.toc && underHeading(a, b, concept));
  } else throw new Error(`unknown scope ${scope}`);
  if (!scopeCache.has(a)) scopeCache.set(a, new Map());
  scopeCache.get(a)!.set(key, out);
  return out;
}

const scopeCache = new WeakMap<Analysis, Map<string, ABlock[]>>();

function concept_(ctx: ClauseContext, name: string): CompiledConcept {
  const c = ctx.rule.compiled.get(name);
  if (!c) throw new Error(`unknown concept ${name} in ${ctx.rule.id}`);
  return c;
}

/**
 * The units of a scope, built once per (blocks, unit, headings) and reused by every clause and rule,
 * so the per-unit caches (stems, concept hits) carry over.
 */
function unitsOf(blocks: ABlock[], clause: Clause): Unit[] {
  const unit = clause.unit ?? 'sentence';
  const key = `${unit}:${clause.headings ? 1 : 0}`;
  let byKey = unitsCache.get(blocks);
  if (!byKey) unitsCache.set(blocks, (byKey = new Map()));
  let units = byKey.get(key);
  if (!units) byKey.set(key, (units = buildUnits(blocks, unit, !!clause.headings)));
  return units;
}

const unitsCache = new WeakMap<ABlock[], Map<string, Unit[]>>();

function buildUnits(blocks: ABlock[], unit: NonNullable<Clause['unit']>, headings: boolean): Unit[] {
  const pool = blocks.filter((b) => headings || !b.heading);
  if (unit === 'sentence') return pool.flatMap((b) => b.units);
  if (unit === 'block') return pool.map((b) => makeUnit(b.index, b.block.text, b.folded, b.units.every((u) => u.question)));
  if (!pool.length) return [];
  return [makeUnit(pool[0]!.index, pool[0]!.block.text, pool.map((b) => b.folded).join(' \n '), false)];
}

function matches(ctx: ClauseContext, name: string, u: Unit, withHeading: boolean): boolean {
  return matchesConcept(ctx, concept_(ctx, name), u, withHeading);
}

function matchesConcept(ctx: ClauseContext, c: CompiledConcept, u: Unit, withHeading: boolean): boolean {
  if (unitMatchesCached(ctx.a, c, u)) return true;
  if (withHeading) {
    const b = ctx.a.blocks[u.block]!;
    if (!b.heading && b.nearestHeading && textMatchesCached(ctx.a, c, b.nearestHeading)) return true;
    // A list item is read with the sentence that introduces its list ("Hij vraagt de cliënt:").
    if (b.block.kind === 'listItem') {
      for (let j = b.index - 1; j >= 0 && j >= b.index - 12; j--) {
        const prev = ctx.a.blocks[j]!;
        if (prev.block.kind === 'listItem') continue;
        return !prev.heading && textMatchesCached(ctx.a, c, prev.folded);
      }
    }
  }
  return false;
}

/** Evidence for a clause judged on a whole scope: the sentences where its concepts stand. */
function sentenceHits(ctx: ClauseContext, scope: string, clause: Clause, withHeading: boolean): Hit[] {
  const names = [...(clause.all ?? []), ...(clause.any ?? []), ...(clause.count?.of ?? [])];
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const u of unitsOf(scopeBlocks(ctx, scope), { ...clause, unit: 'sentence' })) {
    const got = names.filter((n) => !seen.has(n) && matches(ctx, n, u, withHeading));
    if (!got.length) continue;
    for (const g of got) seen.add(g);
    hits.push({ unit: u, concepts: got });
    if (seen.size >= names.length) break;
  }
  return hits;
}

/** What a clause asks of each unit, read from the clause once (clause objects come in many shapes). */
interface UnitQuery {
  allC?: CompiledConcept[];
  allNames: string[];
  anyC?: CompiledConcept[];
  anyNames: string[];
  noneC?: CompiledConcept[];
  countC?: CompiledConcept[];
  countNames: string[];
  skipQuestions: boolean;
  withHeading: boolean;
}

/**
 * The query of a clause of a rule, built once (concepts resolved by name in the rule's own
 * concepts). Keyed by rule and clause: the same clause data may be built into several rule sets.
 */
function queryOf(ctx: ClauseContext, clause: Clause): UnitQuery {
  let byClause = queries.get(ctx.rule);
  if (!byClause) queries.set(ctx.rule, (byClause = new WeakMap()));
  let q = byClause.get(clause);
  if (!q) {
    const resolve = (names: string[] | undefined) => names?.map((n) => concept_(ctx, n));
    q = {
      allC: resolve(clause.all),
      allNames: clause.all ?? [],
      anyC: resolve(clause.any),
      anyNames: clause.any ?? [],
      noneC: resolve(clause.none),
      countC: resolve(clause.count?.of),
      countNames: clause.count?.of ?? [],
      skipQuestions: clause.questions === false,
      withHeading: clause.withHeading ?? false,
    };
    byClause.set(clause, q);
  }
  return q;
}

const queries = new WeakMap<CompiledRule, WeakMap<Clause, UnitQuery>>();

/**
 * The units that satisfy a clause's concept lists, with the concepts found; `counted` collects
 * the count concepts seen. The hot loop of the engine, kept apart from evaluateClause: it touches
 * only units, concepts and this one query shape, so V8 keeps it optimised, while evaluateClause
 * meets every shape of clause object of the rule files.
 */
function unitHits(ctx: ClauseContext, units: Unit[], q: UnitQuery, counted: Set<string>): Hit[] {
  const hits: Hit[] = [];
  const { allC, anyC, noneC, countC, withHeading } = q;
  units: for (const u of units) {
    if (q.skipQuestions && u.question) continue;
    if (allC) for (const c of allC) if (!matchesConcept(ctx, c, u, withHeading)) continue units;
    // The concepts found, allocated only once the unit is a hit so far (most units are not).
    let got: string[] | undefined = allC ? [...q.allNames] : undefined;
    if (anyC) {
      let found = false;
      for (let k = 0; k < anyC.length; k++) {
        if (matchesConcept(ctx, anyC[k]!, u, withHeading)) {
          (got ??= []).push(q.anyNames[k]!);
          found = true;
        }
      }
      if (!found) continue;
    }
    if (noneC) for (const c of noneC) if (matchesConcept(ctx, c, u, withHeading)) continue units;
    if (countC) {
      const before = got?.length ?? 0;
      for (let k = 0; k < countC.length; k++) if (matchesConcept(ctx, countC[k]!, u, withHeading)) (got ??= []).push(q.countNames[k]!);
      if ((got?.length ?? 0) === before) continue;
      for (let k = before; k < got!.length; k++) counted.add(got![k]!);
    }
    hits.push({ unit: u, concepts: got ?? [] });
  }
  return hits;
}

export function evaluateClause(ctx: ClauseContext, clause: Clause): ClauseOutcome {
  if (clause.not) {
    const inner = evaluateClause(ctx, clause.not);
    if (inner.ok) return NONE;
    const { not: _n, ...rest } = clause;
    return Object.keys(rest).length ? evaluateClause(ctx, rest) : { ok: true, hits: [] };
  }
  if (clause.allOf) {
    const hits: Hit[] = [];
    for (const sub of clause.allOf) {
      const r = evaluateClause(ctx, sub);
      if (!r.ok) return NONE;
      hits.push(...r.hits);
    }
    const { allOf: _a, ...rest } = clause;
    if (Object.keys(rest).length) {
      const r = evaluateClause(ctx, rest);
      if (!r.ok) return NONE;
      hits.push(...r.hits);
    }
    return { ok: true, hits };
  }
  if (clause.anyOf) {
    const { anyOf, ...rest } = clause;
    if (Object.keys(rest).length && !evaluateClause(ctx, rest).ok) return NONE;
    for (const sub of anyOf) {
      const r = evaluateClause(ctx, sub);
      if (r.ok) return r;
    }
    return NONE;
  }
  if (clause.fact === 'organisation') {
    ctx.a.organisation ??= detectOrganisation(ctx.a) ?? null;
    const org = ctx.a.organisation;
    if (!org || org.source === 'file name') return NONE;
    if (!clause.all && !clause.any && !clause.count && !clause.none) {
      // Evidence: where the name stands.
      const b = ctx.a.blocks.find((x) => !x.toc && x.block.text.includes(org.name));
      const u = b?.units.find((x) => x.text.includes(org.name)) ?? b?.units[0];
      return { ok: true, hits: u ? [{ unit: u, concepts: ['organisation'] }] : [] };
    }
  }
  if (clause.element) {
    const res = ctx.results.get(clause.element.id);
    if (!res || !clause.element.status.includes(res.contentStatus)) return NONE;
    if (!clause.all && !clause.any && !clause.count && !clause.none) return { ok: true, hits: res.evidence.length ? [] : [] };
  }
  const scope = clause.in === undefined || clause.in === 'rule' ? ctx.rule.detect.scope : clause.in;
  const units = unitsOf(scopeBlocks(ctx, scope), clause);
  const find = queryOf(ctx, clause);
  const counted = new Set<string>();
  const hits = unitHits(ctx, units, find, counted);
  if (clause.count && counted.size < clause.count.min) return NONE;
  if (hits.length < (clause.min ?? 1)) return NONE;
  if ((clause.unit ?? 'sentence') === 'scope') return { ok: true, hits: sentenceHits(ctx, scope, clause, find.withHeading) };
  return { ok: true, hits };
}
