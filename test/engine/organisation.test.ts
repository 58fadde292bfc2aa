/** The organisation name shown in batch tables: title page, adoption line, text, or file name. */
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/engine/check.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { mdDocument } from '../helpers/document.js';

async function org(text: string, name = 'meldcode.md') {
  return checkDocument(await mdDocument(text, name), loadRuleSet()).organisation;
}

describe('organisation detection', () => {
  it('reads a legal form and name from the title page', async () => {
    expect(await org('# Meldcode huiselijk geweld en kindermishandeling\n\nTandartspraktijk De Kiezelhof, Molenweg 3\n')).toEqual({ name: 'Tandartspraktijk De Kiezelhof', source: 'title' });
  });
  it('stops before a street address with a house number', async () => {
    expect((await org('# Meldcode\n\nStichting Het Baken Beukenlaan 12 Zwolle\n'))?.name).toBe('Stichting Het Baken');
  });
  it('reads a bold name line on the title page', async () => {
    expect((await org('# Meldcode huiselijk geweld en kindermishandeling\n\n**Werkplaats De Meeuw** · dagbesteding\n'))?.name).toBe('Werkplaats De Meeuw');
  });
  it('falls back to the file name, and says so', async () => {
    expect(await org('# Meldcode\n\nDeze code is vastgesteld door [naam organisatie].\n', 'meldcode-de-zeester-2022.md')).toEqual({ name: 'De Zeester', source: 'file name' });
  });
});
