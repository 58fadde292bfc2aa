/**
 * The one Document model every loader produces and every rule reads.
 * Loaders know nothing of rules; rules know nothing of file formats.
 */

export type SourceFormat = 'md' | 'docx' | 'pdf' | 'txt';

/** Enough to point a person at a place in the original document. */
export interface Location {
  /** 1-based line (Markdown/text: line in the file; PDF: line on the page). */
  line?: number;
  /** 1-based column (Markdown/text). */
  column?: number;
  /** 1-based page (PDF). */
  page?: number;
  /** 1-based paragraph number in the whole document (DOCX). */
  paragraph?: number;
  /** Heading path joined with " › " (all formats, when known). */
  section?: string;
}

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'tableRow';

export interface Block {
  kind: BlockKind;
  /** The original text (whitespace collapsed, soft hyphens removed; no other change). */
  text: string;
  /** Heading level 1..6 for headings; nesting depth (1-based) for list items. */
  level?: number;
  /** Headings above this block, outermost first (a heading's own path excludes itself). */
  headingPath: string[];
  location: Location;
  /** For table rows: the text of each cell, in order. `text` is the cells joined with " | ". */
  cells?: string[];
  /** For list items: whether the list is numbered. */
  ordered?: boolean;
  /** For table rows: 0-based row index within its table, and the table's ordinal in the document. */
  row?: number;
  table?: number;
  /**
   * Where the lines of a block that spans several lines (or pages) start: offsets into `text`, in
   * order. Lets evidence point at the line (and page) of the quoted sentence, not of the block.
   */
  lines?: Array<{ offset: number; page?: number; line?: number }>;
}

export interface DocumentSource {
  /** The path as given or found. */
  path: string;
  format: SourceFormat;
  sha256: string;
  bytes: number;
  /** PDF page count. */
  pages?: number;
}

export interface Document {
  source: DocumentSource;
  /** Title from metadata, the first heading or a title style, when found. */
  title?: string;
  blocks: Block[];
  /** Non-fatal loader notes (e.g. mammoth messages, removed running headers). */
  warnings: string[];
}

/** Formats a location for people: "p. 3, r. 12", "r. 14:1", "§ 5". Language-neutral pieces. */
export function locationKey(loc: Location): string {
  const parts: string[] = [];
  if (loc.page !== undefined) parts.push(`p${loc.page}`);
  if (loc.line !== undefined) parts.push(`l${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`);
  if (loc.paragraph !== undefined) parts.push(`¶${loc.paragraph}`);
  return parts.join(' ');
}
