/**
 * `meldcode schema <config|waivers|baseline|report>`: prints a JSON Schema. The policy schemas are
 * generated from the zod schemas in src/policy (test/policy/schemas.test.ts keeps schemas/ equal to
 * them); the report schema is the file schemas/report.schema.json in the package.
 */
import { readFileSync } from 'node:fs';
import { t, type Lang } from '../i18n/messages.js';
import { policySchemaFiles, SCHEMA_FILES } from '../policy/schemas.js';
import { UsageError } from './errors.js';

export const SCHEMA_NAMES = ['config', 'waivers', 'baseline', 'report'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export const REPORT_SCHEMA_FILE = 'report.schema.json';

export function schemaText(name: string, lang: Lang): string {
  const n = name.toLowerCase();
  if (!(SCHEMA_NAMES as readonly string[]).includes(n)) throw new UsageError(t(lang, 'err.unknownSchema', { value: name, choices: SCHEMA_NAMES.join(', ') }));
  if (n === 'report') return readFileSync(new URL(`../../schemas/${REPORT_SCHEMA_FILE}`, import.meta.url), 'utf8');
  return policySchemaFiles()[SCHEMA_FILES[n as Exclude<SchemaName, 'report'>]]!;
}
