/**
 * Human text for the reason codes in BatchResult.skipped (Dutch and English), and for `ignored`:
 * a document the CLI left out because the config's `ignore` matches it (src/cli/policy.ts).
 */
import type { SkipReason } from './inputs.js';

/** Reasons the policy adds after the batch (not a SkipReason of the batch itself). */
export type PolicySkipReason = 'ignored';

const TEXT: Record<SkipReason | PolicySkipReason, { nl: string; en: string }> = {
  hidden: { nl: 'verborgen bestand of map', en: 'hidden file or folder' },
  node_modules: { nl: 'map node_modules', en: 'node_modules folder' },
  'labels-file': { nl: 'labelbestand (labels.json)', en: 'label file (labels.json)' },
  'project-file': { nl: 'projectbestand (README, LEESMIJ, CHANGELOG, LICENSE …)', en: 'project file (README, CHANGELOG, LICENSE …)' },
  'not-a-document': { nl: 'geen document (gegevens, afbeelding, code …)', en: 'not a document (data, image, code …)' },
  'not-a-file': { nl: 'geen gewoon bestand', en: 'not a regular file' },
  'symlink-loop': { nl: 'koppeling naar een bovenliggende map (lus)', en: 'link to a parent folder (loop)' },
  'already-visited': { nl: 'map al doorzocht (via een andere naam of koppeling)', en: 'folder already searched (under another name or link)' },
  'broken-link': { nl: 'verbroken koppeling', en: 'broken link' },
  'nested-archive': { nl: 'zip in een zip wordt niet gelezen', en: 'a zip inside a zip is not read' },
  'unreadable-folder': { nl: 'map kan niet worden gelezen', en: 'folder cannot be read' },
  ignored: { nl: 'genegeerd (ignore in de configuratie)', en: 'ignored (ignore in the config)' },
};

export function skipReasonText(reason: string, lang: 'nl' | 'en' = 'nl'): string {
  return Object.hasOwn(TEXT, reason) ? (TEXT as Record<string, { nl: string; en: string }>)[reason]![lang] : reason;
}
