/**
 * The committed JSON Schemas in schemas/ must equal the ones generated from the zod schemas.
 * Regenerate after a schema or rule-set change:
 *   UPDATE_SCHEMAS=1 npx vitest run test/policy/schemas.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policySchemaFiles, SCHEMA_FILES } from '../../src/policy/schemas.js';
import { writeBaseline } from '../../src/policy/baseline.js';
import { doc, RULE_IDS, SHA_A } from './helpers.js';

const DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const generated = policySchemaFiles(RULE_IDS);

if (process.env.UPDATE_SCHEMAS) {
  mkdirSync(DIR, { recursive: true });
  for (const [name, text] of Object.entries(generated)) writeFileSync(path.join(DIR, name), text);
}

describe('published JSON Schemas', () => {
  it.each(Object.keys(generated))('schemas/%s equals the generated schema', (name) => {
    const file = path.join(DIR, name);
    expect(existsSync(file), `${file} is missing: run UPDATE_SCHEMAS=1 npx vitest run test/policy/schemas.test.ts`).toBe(true);
    expect(readFileSync(file, 'utf8'), `${name} is out of date: run UPDATE_SCHEMAS=1 npx vitest run test/policy/schemas.test.ts`).toBe(generated[name]);
  });

  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  const schema = (name: string) => JSON.parse(generated[name]!) as object;

  it('the config schema lists the rule IDs and accepts a real config, rejects a bad one', () => {
    const s = schema(SCHEMA_FILES.config) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    expect(s.properties.rules.propertyNames.enum).toEqual(RULE_IDS);
    const validate = ajv.compile(s);
    expect(validate(parseYaml('$schema: ./schemas/meldcode.config.schema.json\nsector: wmo\nfailOn: warning\nmaxWarnings: 0\nrules: { M07: off, M10: info }\nignore: [archief]\n'))).toBe(true);
    expect(validate({ rules: { M99: 'off' } })).toBe(false);
    expect(validate({ failOn: 'fatal' })).toBe(false);
    expect(validate({ extra: 1 })).toBe(false);
  });

  it('the waivers schema accepts both file shapes', () => {
    const validate = ajv.compile(schema(SCHEMA_FILES.waivers));
    const entry = { rule: 'M03.*', document: 'beleid/*.docx', justification: 'j', approver: 'a', expires: '2026-06-30' };
    expect(validate({ waivers: [entry] })).toBe(true);
    expect(validate([entry])).toBe(true);
    expect(validate([{ ...entry, justification: undefined }])).toBe(false);
    expect(validate([{ ...entry, expires: '30-06-2026' }])).toBe(false);
    expect(validate([{ ...entry, document: undefined }])).toBe(false);
    expect(validate([{ ...entry, document: undefined, sha256: SHA_A }])).toBe(true);
  });

  it('a written baseline validates against the baseline schema', () => {
    const validate = ajv.compile(schema(SCHEMA_FILES.baseline));
    const b = writeBaseline([doc({ file: 'a.docx', sha256: SHA_A, gaps: { M04: 'missing' } })], { cwd: '/r' });
    expect(validate(JSON.parse(JSON.stringify(b)))).toBe(true);
    expect(validate({ ...b, version: 2 })).toBe(false);
  });
});
