import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const here = (p: string) => new URL(`../fixtures-schema/${p}`, import.meta.url);

export function reportValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(here('report.schema.json'), 'utf8')));
}

/** The official SARIF 2.1.0 schema (draft-04): drop $schema, rename id to $id, compile with Ajv 8. */
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(here('sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

export function errorsOf(v: ValidateFunction): string {
  return JSON.stringify(v.errors?.slice(0, 5), null, 1);
}
