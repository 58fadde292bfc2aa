/** What every reporter receives and returns. Reporters only format: no I/O, no clock, no env. */
import type { DocumentResult } from '../engine/result.js';
import type { Lang } from '../i18n/messages.js';
import type { AppliesTo, LocalText, Severity } from '../rules/schema.js';

/** The rule metadata a report needs (a CompiledRule fits this shape). */
export interface RuleMeta {
  id: string;
  kind: 'element' | 'good-practice';
  parent?: string;
  title: LocalText;
  basis: { article: string; source: string; staatsblad?: string; inForce?: string };
  severity: Severity;
  appliesTo: AppliesTo;
  verdict: boolean;
  tags: string[];
  docs: { requirement: LocalText; present: LocalText; partial: LocalText; example?: LocalText };
  messages?: { present: LocalText; partial: LocalText; missing: LocalText };
  advice: LocalText;
}

export interface RulesetMeta {
  version: string;
  name: string;
  legalBasis: string;
  inForce: string;
  rules: RuleMeta[];
}

export interface ReportInput {
  tool: { name: string; version: string };
  ruleset: RulesetMeta;
  documents: DocumentResult[];
  /** Files found in folders that were not checked, with the reason. */
  skipped?: Array<{ path: string; reason: string }>;
  /** Patterns that matched nothing. */
  unmatched?: string[];
}

export interface ReportOptions {
  lang: Lang;
  /** ANSI colours (stylish only). */
  color?: boolean;
  /** Only the gaps that can fail the run (stylish). */
  quiet?: boolean;
  /** The threshold of --fail-on; quiet shows gaps at or above it. */
  failOn?: Severity;
  /** CSV delimiter (default ','). */
  csvDelimiter?: string;
  /** Folder that SARIF paths are made relative to (default process.cwd() at call time). */
  cwd?: string;
  /** Date printed in HTML and Markdown reports. */
  now?: Date;
  /** Line width for wrapping (stylish). */
  width?: number;
}

export type Reporter = (input: ReportInput, options: ReportOptions) => string;

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
