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
  /** Only with a baseline (--baseline or `baseline` in the config): how the run compares with it. */
  baseline?: ReportBaseline;
}

/** The `baseline` block of the JSON report (schemas/report.schema.json). */
export interface ReportBaseline {
  /** The baseline file, as shown to the user (relative to the working folder where possible). */
  file: string;
  /** Open findings the baseline did not absorb. */
  new: number;
  /** Findings the baseline absorbed. */
  matched: number;
  /** Entries that absorbed no finding (gap fixed, document gone or now waived). */
  stale: Array<{ fingerprint: string; file: string; sha256?: string; rule: string; status: 'partial' | 'missing' }>;
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
