/** The reporters by format name, loaded lazily (only the ones a run needs). */
import type { Format, Reporter } from './types.js';

export { FORMATS, type Format, type Reporter, type ReportBaseline, type ReportInput, type ReportOptions, type RulesetMeta, type RuleMeta } from './types.js';

export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'junit':
      return (await import('./junit.js')).junit;
    case 'csv':
      return (await import('./csv.js')).csv;
    case 'markdown':
      return (await import('./markdown.js')).markdown;
    case 'html':
      return (await import('./html.js')).html;
  }
}

/** Formats meant for people (a progress bar on stderr is welcome with these). */
export function isHumanFormat(format: Format): boolean {
  return format === 'stylish' || format === 'markdown' || format === 'html';
}
