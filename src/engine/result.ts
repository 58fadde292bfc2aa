/** The results the engine produces and every reporter reads. */
import type { Location, SourceFormat } from '../document/model.js';
import type { InputErrorCause } from '../load/errors.js';
import type { LocalText, Sector, Severity } from '../rules/schema.js';

export type Status = 'present' | 'partial' | 'missing' | 'not-applicable';
export type Verdict = 'compliant' | 'non-compliant' | 'not-a-meldcode' | 'error';

export interface Evidence {
  /** Original text, as it stands in the document (possibly shortened with …). */
  quote: string;
  location: Location;
  /** The concepts that matched. */
  concepts: string[];
}

export interface ElementResult {
  id: string;
  kind: 'element' | 'good-practice';
  title: LocalText;
  severity: Severity;
  status: Status;
  /** The status judged on content, also where the sector does not need the element. */
  contentStatus: Exclude<Status, 'not-applicable'>;
  applies: boolean;
  decidesVerdict: boolean;
  evidence: Evidence[];
  /** Why present became partial (outdated body, either/or step 5, placeholders …). */
  reasons: LocalText[];
  message: LocalText;
  advice?: LocalText;
  basis: { article: string; source: string; staatsblad?: string; inForce?: string };
  /** Where a missing element should go: the most relevant heading, when known. */
  anchor?: Location & { heading?: string };
  /** Waiver or baseline that covers this finding (filled in by src/policy). */
  suppressed?: { kind: 'waiver' | 'baseline'; justification?: string; approver?: string; expires?: string; expired?: boolean };
}

export interface SectorInfo {
  value: Sector;
  source: 'option' | 'detected' | 'default';
  reasons: string[];
}

export interface EraInfo {
  value: '2013' | '2015' | '2019' | 'unknown';
  markers: Array<{ marker: string; quote: string; location: Location }>;
  updates: LocalText[];
}

export interface DocumentStats {
  format: SourceFormat;
  bytes: number;
  pages?: number;
  blocks: number;
  headings: number;
  words: number;
  loadMs?: number;
  checkMs?: number;
}

export interface DocumentResult {
  file: string;
  sha256?: string;
  verdict: Verdict;
  organisation?: { name: string; source: string };
  title?: string;
  sector?: SectorInfo;
  era?: EraInfo;
  elements: ElementResult[];
  /** For not-a-meldcode: what kind of document it seems to be, and why. */
  documentType?: { kind: string; reason: LocalText };
  stats?: DocumentStats;
  error?: { cause: InputErrorCause; message: LocalText; detail?: Record<string, string | number> };
  /** Other file names with the same content (batch de-duplication). */
  duplicates?: string[];
  warnings?: string[];
}
