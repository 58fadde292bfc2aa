/**
 * JSON Schemas of the policy files, generated from the zod schemas (z.toJSONSchema, draft
 * 2020-12) and published in schemas/. test/policy/schemas.test.ts checks that the committed files
 * equal these; regenerate with `UPDATE_SCHEMAS=1 npx vitest run test/policy/schemas.test.ts`.
 */
import { z } from 'zod';
import { loadRuleSet, rulesForDisplay } from '../rules/load.js';
import { baselineSchema } from './baseline.js';
import { configSchema } from './config.js';
import { waiversFileSchema } from './waivers.js';

export const SCHEMA_BASE = 'https://raw.githubusercontent.com/meldcode-check/meldcode-check/main/schemas/';

/** File name in schemas/ → schema. */
export const SCHEMA_FILES = {
  config: 'meldcode.config.schema.json',
  waivers: 'meldcode-waivers.schema.json',
  baseline: 'meldcode-baseline.schema.json',
} as const;

/** Rule IDs of the bundled rule set, in display order (M01, M02, M03, M03.1 … S08). */
export function defaultRuleIds(): string[] {
  return rulesForDisplay(loadRuleSet()).map((r) => r.id);
}

function jsonSchema(schema: z.ZodType, file: string, title: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, $id: `${SCHEMA_BASE}${file}`, title, ...rest };
}

/** JSON Schema of meldcode.config.{json,yaml}; `rules` keys are the known rule IDs. */
export function configJsonSchema(knownRuleIds: readonly string[] = defaultRuleIds()): Record<string, unknown> {
  return jsonSchema(configSchema(knownRuleIds), SCHEMA_FILES.config, 'meldcode-check config');
}

/**
 * JSON Schema of meldcode-waivers.yaml. Rule IDs are not listed (patterns such as `M03.*` are
 * allowed); `meldcode waivers check` validates them against the rule set.
 */
export function waiversJsonSchema(): Record<string, unknown> {
  const s = jsonSchema(waiversFileSchema(), SCHEMA_FILES.waivers, 'meldcode-check waivers') as { $defs?: Record<string, Record<string, unknown>> };
  // The zod refine "document or sha256" has no JSON Schema form of its own: state it here.
  const entry = s.$defs?.waiver;
  if (entry) entry.anyOf = [{ required: ['document'] }, { required: ['sha256'] }];
  return s;
}

export function baselineJsonSchema(): Record<string, unknown> {
  return jsonSchema(baselineSchema, SCHEMA_FILES.baseline, 'meldcode-check baseline');
}

/** All three, keyed by file name in schemas/, as the text to write (2-space JSON + newline). */
export function policySchemaFiles(knownRuleIds: readonly string[] = defaultRuleIds()): Record<string, string> {
  const text = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;
  return {
    [SCHEMA_FILES.config]: text(configJsonSchema(knownRuleIds)),
    [SCHEMA_FILES.waivers]: text(waiversJsonSchema()),
    [SCHEMA_FILES.baseline]: text(baselineJsonSchema()),
  };
}
