/**
 * Baseline: accept today's gaps, fail only on new ones (`--write-baseline`, `--baseline`).
 *
 * An entry is one finding: (document, rule, status). The document is identified by its path
 * relative to the baseline file's folder (normalised to `/`), and the sha256 of its content is
 * stored too, so a renamed or moved document still matches by content.
 *
 * Matching is count-aware: every entry absorbs at most one finding, and a document never absorbs
 * the entries of another document that is still there (Checkov #7647):
 *   1. by path and rule;
 *   2. then, for entries whose path is no longer among the checked documents, by sha256 and rule
 *      (a renamed file).
 * An entry matches a finding of the same or a better status: `missing` in the baseline absorbs a
 * `partial` finding, but a gap that got worse (`partial` → `missing`) is new and leaves its entry
 * stale. Entries that absorb nothing are stale (gap fixed, document gone, or covered by a waiver).
 *
 * Order: applyWaivers first, then applyBaseline. A finding under a waiver in force is left alone
 * (the waiver wins); a finding whose waiver expired may be absorbed, but only by an entry that a
 * baseline written while it was open put there.
 */
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { ConfigError, readPolicyFile, validateFile } from './errors.js';
import { isJudged, isOpenFinding } from './findings.js';
import { relativePosix } from './glob.js';

/** Default baseline file name (used by `--write-baseline` without a path). */
export const DEFAULT_BASELINE_FILE = 'meldcode-baseline.json';

export const baselineEntrySchema = z
  .object({
    fingerprint: z.string().min(1).describe('sha256("meldcode-baseline/v1\\0" + file + "\\0" + rule), first 16 hex digits.'),
    file: z.string().min(1).describe("Document path relative to the baseline file's folder, with /."),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lower-case hex characters' }).optional().describe('sha256 of the document content.'),
    rule: z.string().min(1),
    status: z.enum(['partial', 'missing']),
  })
  .strict();

export const baselineSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    createdAt: z.string().min(1).describe('ISO 8601 time the baseline was written.'),
    rulesetVersion: z.string().optional().describe('Rule set version the baseline was written with.'),
    entries: z.array(baselineEntrySchema),
  })
  .strict()
  .describe('meldcode-check baseline (meldcode-baseline.json)');

export type BaselineEntry = z.infer<typeof baselineEntrySchema>;
export type Baseline = z.infer<typeof baselineSchema>;

/** The stable fingerprint of (document path, rule). Also fit for SARIF partialFingerprints. */
export function fingerprint(file: string, rule: string): string {
  return createHash('sha256').update(`meldcode-baseline/v1\0${file}\0${rule}`).digest('hex').slice(0, 16);
}

export interface BaselinePathOptions {
  /** Folder document paths are relative to: the baseline file's folder (default cwd). */
  baseDir?: string;
  /** Folder DocumentResult.file is relative to (default process.cwd()). */
  cwd?: string;
}

export interface WriteBaselineOptions extends BaselinePathOptions {
  now?: Date;
  rulesetVersion?: string;
}

/**
 * The baseline for these results: one entry per open finding (partial/missing element that
 * applies and is not under a waiver in force) in documents judged as a meldcode. `error` and
 * `not-a-meldcode` documents are left out: they fail the run whatever the baseline says.
 * Entries are sorted by file and rule, so the file diffs well. Write it with saveBaseline.
 */
export function writeBaseline(results: readonly DocumentResult[], opts: WriteBaselineOptions = {}): Baseline {
  const cwd = opts.cwd ?? process.cwd();
  const baseDir = opts.baseDir ?? cwd;
  const entries: BaselineEntry[] = [];
  for (const doc of results) {
    if (!isJudged(doc)) continue;
    const file = relativePosix(doc.file, baseDir, cwd);
    for (const e of doc.elements) {
      if (!isOpenFinding(e)) continue;
      const entry: BaselineEntry = { fingerprint: fingerprint(file, e.id), file, rule: e.id, status: e.status as BaselineEntry['status'] };
      if (doc.sha256) entry.sha256 = doc.sha256.toLowerCase();
      entries.push(entry);
    }
  }
  const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : byId(a.rule, b.rule)));
  const baseline: Baseline = { version: 1, createdAt: (opts.now ?? new Date()).toISOString(), entries };
  if (opts.rulesetVersion) baseline.rulesetVersion = opts.rulesetVersion;
  return baseline;
}

/** Writes the baseline as pretty JSON with a final newline. */
export function saveBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Reads and validates a baseline file. Throws ConfigError (file not found, bad JSON, bad entry). */
export function loadBaseline(file: string): Baseline {
  const parsed = readPolicyFile(path.resolve(file));
  return validateFile(baselineSchema, parsed);
}

/** Parses baseline JSON text (e.g. from stdin or git show). Throws ConfigError naming `file`. */
export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, '', `not valid JSON: ${(err as Error).message.split('\n')[0]}`, undefined, file);
  }
  return validateFile(baselineSchema, { file, data, lineOf: () => undefined }, file);
}

export interface AppliedBaseline {
  /** Copies of the results; absorbed findings carry `suppressed: { kind: 'baseline' }`. */
  results: DocumentResult[];
  /** Entries that absorbed no finding. */
  stale: BaselineEntry[];
  /** Open findings left after the baseline (not absorbed, no waiver in force). */
  new: number;
  /** Findings the baseline absorbed. */
  matched: number;
}

const RANK = { partial: 1, missing: 2 } as const;

export function applyBaseline(results: readonly DocumentResult[], baseline: Baseline, opts: BaselinePathOptions = {}): AppliedBaseline {
  const cwd = opts.cwd ?? process.cwd();
  const baseDir = opts.baseDir ?? cwd;
  const remaining = new Set(baseline.entries);
  const out = results.map((d) => ({ ...d, elements: [...d.elements] }));
  const files = out.map((d) => relativePosix(d.file, baseDir, cwd));
  const present = new Set(files);

  type Slot = { doc: number; el: number; e: ElementResult };
  const open: Slot[] = [];
  out.forEach((d, doc) => {
    if (!isJudged(d)) return;
    d.elements.forEach((e, el) => {
      if (isOpenFinding(e)) open.push({ doc, el, e });
    });
  });

  const absorb = (slot: Slot, match: (x: BaselineEntry) => boolean): boolean => {
    const status = slot.e.status as BaselineEntry['status'];
    for (const entry of remaining) {
      if (entry.rule !== slot.e.id || RANK[status] > RANK[entry.status] || !match(entry)) continue;
      remaining.delete(entry);
      out[slot.doc]!.elements[slot.el] = { ...slot.e, suppressed: { kind: 'baseline' } };
      return true;
    }
    return false;
  };

  let matched = 0;
  const left: Slot[] = [];
  for (const slot of open) {
    if (absorb(slot, (x) => x.file === files[slot.doc])) matched++;
    else left.push(slot);
  }
  let unmatched = 0;
  for (const slot of left) {
    const sha = out[slot.doc]!.sha256?.toLowerCase();
    if (sha && absorb(slot, (x) => x.sha256 === sha && !present.has(x.file))) matched++;
    else unmatched++;
  }
  return { results: out, stale: [...remaining], new: unmatched, matched };
}
