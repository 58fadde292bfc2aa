/** Builds Documents for engine tests from Markdown text, through the real Markdown loader. */
import { loadBuffer } from '../../src/load/index.js';
import type { Document } from '../../src/document/model.js';
import { checkDocument, type CheckOptions } from '../../src/engine/check.js';
import type { DocumentResult, ElementResult } from '../../src/engine/result.js';
import { loadRuleSet } from '../../src/rules/load.js';

export async function mdDocument(text: string, name = 'test.md'): Promise<Document> {
  return loadBuffer(name, Buffer.from(text, 'utf8'));
}

export async function check(text: string, opts: CheckOptions = {}): Promise<DocumentResult> {
  return checkDocument(await mdDocument(text), loadRuleSet(), opts);
}

export function element(result: DocumentResult, id: string): ElementResult {
  const e = result.elements.find((x) => x.id === id);
  if (!e) throw new Error(`no element ${id} in result`);
  return e;
}

/** Wraps step texts into a minimal meldcode skeleton so a snippet is judged in its place. */
export function meldcode(parts: { steps?: string[]; body?: string; title?: string }): string {
  const steps = parts.steps ?? [];
  return [
    `# ${parts.title ?? 'Meldcode huiselijk geweld en kindermishandeling Stichting Testhuis'}`,
    '',
    parts.body ?? '',
    '',
    '## Stappenplan',
    '',
    ...steps.map((s, i) => `### Stap ${i + 1}\n\n${s}\n`),
  ].join('\n');
}
