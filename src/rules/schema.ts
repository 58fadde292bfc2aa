/**
 * The schema of a rule file in rules/. Rules are data: what the law requires, how to recognise it
 * in a Dutch text, and what to tell the user. The engine (src/engine) only interprets this.
 */
import { z } from 'zod';

export const SECTORS = ['wmo', 'jeugd', 'zorg', 'kinderopvang', 'onderwijs', 'algemeen'] as const;
export type Sector = (typeof SECTORS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const text = z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalText = z.infer<typeof text>;

/** A pattern list: regular expressions over folded text (lower case, no diacritics). */
const patterns = z.array(z.string().min(1)).min(1);

export const conceptSchema = z.union([
  patterns,
  z
    .object({
      /** Regular expressions over folded text; `\b` word boundaries are added around each. */
      patterns: patterns.optional(),
      /** Words or phrases matched on Snowball-stemmed tokens (melding, meldingen, melden alike). */
      stems: patterns.optional(),
    })
    .strict()
    .refine((c) => c.patterns || c.stems, { message: 'a concept needs patterns or stems' }),
]);
export type ConceptSpec = z.infer<typeof conceptSchema>;

/** Where a clause looks. */
export const scopeSchema = z
  .string()
  .regex(/^(document|rule|steps|nonsteps|step:[1-5]|section:[A-Za-z0-9_.-]+)$/, 'scope must be document, rule, steps, nonsteps, step:1..5 or section:<concept>');

export interface Clause {
  in?: string;
  unit?: 'sentence' | 'block' | 'scope';
  all?: string[];
  any?: string[];
  none?: string[];
  count?: { of: string[]; min: number };
  min?: number;
  headings?: boolean;
  questions?: boolean;
  withHeading?: boolean;
  element?: { id: string; status: Array<'present' | 'partial' | 'missing'> };
  /** A fact the engine computes: `organisation` (the organisation is named in the text). */
  fact?: 'organisation';
  allOf?: Clause[];
  anyOf?: Clause[];
  not?: Clause;
}

export const clauseSchema: z.ZodType<Clause> = z.lazy(() =>
  z
    .object({
      in: scopeSchema.optional(),
      unit: z.enum(['sentence', 'block', 'scope']).optional(),
      all: z.array(z.string()).min(1).optional(),
      any: z.array(z.string()).min(1).optional(),
      none: z.array(z.string()).min(1).optional(),
      count: z.object({ of: z.array(z.string()).min(1), min: z.number().int().min(1) }).strict().optional(),
      min: z.number().int().min(1).optional(),
      headings: z.boolean().optional(),
      questions: z.boolean().optional(),
      withHeading: z.boolean().optional(),
      element: z
        .object({ id: z.string(), status: z.array(z.enum(['present', 'partial', 'missing'])).min(1) })
        .strict()
        .optional(),
      fact: z.enum(['organisation']).optional(),
      allOf: z.array(clauseSchema).min(1).optional(),
      anyOf: z.array(clauseSchema).min(1).optional(),
      not: clauseSchema.optional(),
    })
    .strict(),
);

const lowerSchema = z
  .object({
    when: clauseSchema,
    to: z.enum(['partial', 'missing']),
    reason: text,
    /** An outdated-text marker: also reported in the era findings. */
    outdated: z.boolean().optional(),
  })
  .strict();

const appliesSchema = z.union([
  z.literal('all'),
  z.object({ only: z.array(z.enum(SECTORS)).min(1) }).strict(),
  z.object({ except: z.array(z.enum(SECTORS)).min(1) }).strict(),
]);
export type AppliesTo = z.infer<typeof appliesSchema>;

export const ruleSchema = z
  .object({
    id: z.string().regex(/^(M\d\d(\.\d)?|S\d\d)$/, 'id must look like M03, M03.1 or S01'),
    kind: z.enum(['element', 'good-practice']),
    parent: z.string().optional(),
    title: text,
    basis: z
      .object({
        article: z.string().min(1),
        source: z.string().min(1),
        staatsblad: z.string().optional(),
        inForce: z.string().regex(/^\d{4}-\d\d-\d\d$/).optional(),
      })
      .strict(),
    severity: z.enum(SEVERITIES),
    appliesTo: appliesSchema,
    /** Whether the element decides the verdict (where it applies). */
    verdict: z.boolean(),
    /** Tags for selection and SARIF (e.g. art2, stappenplan). */
    tags: z.array(z.string()).default([]),
    docs: z
      .object({
        requirement: text,
        present: text,
        partial: text,
        example: text.optional(),
      })
      .strict(),
    messages: z.object({ present: text, partial: text, missing: text }).strict(),
    advice: text,
    /** Step number for M03.1..M03.5: the engine's step locator uses `stepNames` to find it. */
    step: z.number().int().min(1).max(5).optional(),
    stepNames: z.array(z.string()).optional(),
    concepts: z.record(z.string(), conceptSchema).default({}),
    detect: z
      .object({
        scope: scopeSchema.default('document'),
        /** Headings (a concept) where this element usually stands: preferred evidence, and the anchor when it is missing. */
        section: z.string().optional(),
        derive: z.object({ from: z.array(z.string()).min(1) }).strict().optional(),
        present: z.array(clauseSchema).default([]),
        partial: z.array(clauseSchema).default([]),
        lower: z.array(lowerSchema).default([]),
      })
      .strict(),
  })
  .strict();

export type RuleSpec = z.infer<typeof ruleSchema>;

export const lexiconSchema = z
  .object({
    version: z.string(),
    concepts: z.record(z.string(), conceptSchema),
  })
  .strict();
export type Lexicon = z.infer<typeof lexiconSchema>;

export const rulesetMetaSchema = z
  .object({
    version: z.string(),
    name: z.string(),
    legalBasis: z.string(),
    inForce: z.string(),
  })
  .strict();

export const sectorsSchema = z
  .object({
    minimumScore: z.number().min(0),
    weights: z.object({ strong: z.number(), weak: z.number() }).strict(),
    sectors: z.partialRecord(
      z.enum(SECTORS),
      z.object({ strong: z.array(z.string()).optional(), weak: z.array(z.string()).optional() }).strict(),
    ),
  })
  .strict();
