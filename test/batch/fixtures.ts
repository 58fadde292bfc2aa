/** Builds throw-away input trees for the batch tests (no committed binaries). */
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { tmpDir as makeTmpDir, write } from '../helpers/files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_MD = readFileSync(path.join(ROOT, 'fixtures/voorbeeld/meldcode-de-waterlinie.md'), 'utf8');

/** A short but real-looking meldcode text, varied by organisation name. */
export function smallMeldcode(org: string): string {
  return EXAMPLE_MD.replace(/De Waterlinie/g, org);
}

export const NOTE_MD = '# Notulen teamoverleg\n\nWe hebben de planning voor het najaar besproken.\n';

export function tmpDir(prefix = 'meldcode-batch-'): { dir: string; cleanup: () => void } {
  return makeTmpDir(prefix);
}

export { write };

/** An OLE2 compound file header: enough for the sniffer to say "legacy .doc". */
export function fakeDoc(): Uint8Array {
  const b = new Uint8Array(1024);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

/** A minimal ODF text package: `mimetype` stored uncompressed first, as ODF demands. */
export function fakeOdt(): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8('<office:document-content/>'),
  });
}

export function mdZip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

/**
 * The standard tree:
 *   a-meldcode.md, b-notitie.md, data.json, logo.png, oud.doc, tekst.odt, labels.json,
 *   .verborgen.md, .git/config, node_modules/x/readme.md,
 *   pakket.zip { map/e.md, f.md, plaatje.png },
 *   sub/c-kopie.md (= a-meldcode.md), sub/deeper/d-plan.txt, sub/loop → .. (symlink loop)
 */
export function standardTree(dir: string): void {
  write(dir, 'a-meldcode.md', smallMeldcode('De Waterlinie'));
  write(dir, 'b-notitie.md', NOTE_MD);
  write(dir, 'data.json', '{"a": 1}');
  write(dir, 'logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
  write(dir, 'oud.doc', fakeDoc());
  write(dir, 'tekst.odt', fakeOdt());
  write(dir, 'labels.json', '{}');
  write(dir, '.verborgen.md', NOTE_MD);
  write(dir, '.git/config', '[core]');
  write(dir, 'node_modules/x/readme.md', NOTE_MD);
  write(dir, 'pakket.zip', mdZip({ 'map/e.md': smallMeldcode('Het Anker'), 'f.md': smallMeldcode('De Kroon'), 'plaatje.png': 'x' }));
  write(dir, 'sub/c-kopie.md', smallMeldcode('De Waterlinie'));
  write(dir, 'sub/deeper/d-plan.txt', 'Plan van aanpak\n\nDit is een gewone tekst zonder meldcode.\n');
  symlinkSync('..', path.join(dir, 'sub/loop'), 'dir');
}
