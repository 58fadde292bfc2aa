/**
 * Regression tests, one per general cause found while studying disagreements with the labels.
 * Every text here is written for the test; none is taken from a corpus.
 */
import { describe, expect, it } from 'vitest';
import { check, element } from '../helpers/document.js';

const HEAD = '# Meldcode huiselijk geweld en kindermishandeling Stichting Hazelaar\n\nVastgesteld door de bestuurder op 2 mei 2024.\n';

describe('steps read by content', () => {
  it('moves a step the text numbers differently ("Stap 3 – Wegen") to the step it describes', async () => {
    const text = `${HEAD}
## Route

### Stap 1 – Signaleren
Noteer wat je ziet in het dossier.

### Stap 2 – Overleg
Overleg met een collega en vraag zo nodig advies aan Veilig Thuis.

### Stap 3 – Wegen van het geweld
Weeg het risico en de ernst van het geweld. Twijfel je, raadpleeg dan altijd Veilig Thuis.

### Stap 4 – Beslissen
Beslis of melden noodzakelijk is en of je daarnaast hulp kunt bieden.
`;
    const r = await check(text, { sector: 'zorg' });
    expect(element(r, 'M03.4').contentStatus).toBe('present');
    expect(element(r, 'M03.5').contentStatus).toBe('present');
    expect(element(r, 'M03.3').contentStatus).toBe('missing');
  });

  it('does not take a numbered list of decisions inside step 5 for steps 1 and 2', async () => {
    const text = `${HEAD}
## Het stappenplan

### Stap 5 – Beslissen
Beantwoord twee vragen:

1. Is melden bij Veilig Thuis noodzakelijk?
2. Is het (ook) mogelijk om hulp te bieden of te organiseren?
`;
    const r = await check(text, { sector: 'wmo' });
    expect(element(r, 'M03.5').contentStatus).toBe('present');
    expect(element(r, 'M03.1').contentStatus).toBe('missing');
  });

  it('reads steps from a table whose header names the steps', async () => {
    const text = `${HEAD}
| Stap | Wat doe je | Wie |
|---|---|---|
| 1 | Leg de signalen feitelijk vast in het dossier | gastouder |
| 2 | Overleg met de bemiddelaar en vraag zo nodig advies aan Veilig Thuis | bemiddelaar |
| 3 | Bespreek de zorgen met de ouders | bemiddelaar |
`;
    const r = await check(text, { sector: 'kinderopvang' });
    expect(element(r, 'M03.1').contentStatus).toBe('present');
    expect(element(r, 'M03.2').contentStatus).toBe('present');
    expect(element(r, 'M03.3').contentStatus).toBe('present');
  });

  it('recognises the second decision in other word orders', async () => {
    for (const second of ['Kunnen wij (ook) hulp bieden of organiseren?', 'Is het ook mogelijk om zelf hulp te verlenen?', 'en of je (tevens) hulp kunt organiseren.']) {
      const text = `${HEAD}\n## Stappen\n\n### Stap 5 Beslissen\nIs melden noodzakelijk? ${second}\n`;
      const r = await check(text, { sector: 'wmo' });
      expect(element(r, 'M03.5').contentStatus, second).toBe('present');
    }
  });
});

describe('afwegingskader forms', () => {
  it('counts the routing form "Zo ja: melden" at acute or structurele onveiligheid', async () => {
    const r = await check(`${HEAD}\n2. Is er sprake van acute of structurele onveiligheid? Zo ja: melden bij Veilig Thuis. Zo nee: ga verder.\n`);
    expect(element(r, 'M04').contentStatus).toBe('present');
  });
  it('counts a meldnorm with words between "melden is" and "norm"', async () => {
    const r = await check(`${HEAD}\nMelden is voor ons in alle gevallen de norm bij acute of structurele onveiligheid.\n`);
    expect(element(r, 'M04').contentStatus).toBe('present');
  });
});

describe('confidentiality', () => {
  it('does not take the meldplicht for violence by staff as a misframed meldrecht', async () => {
    const r = await check(`${HEAD}\nNaast deze meldcode geldt een meldplicht als een medewerker een kind mishandelt. Je hebt een geheimhoudingsplicht, maar het meldrecht staat toe zonder toestemming van de ouders te melden bij Veilig Thuis.\n`, { sector: 'kinderopvang' });
    expect(element(r, 'M09').contentStatus).toBe('present');
  });
  it('does take "our staff have a meldplicht" as misframing', async () => {
    const r = await check(`${HEAD}\nOnze begeleiders hebben een meldplicht: bij een vermoeden van huiselijk geweld moet een melding worden gedaan. Je hebt een geheimhoudingsplicht; het meldrecht staat melden zonder toestemming toe.\n`);
    expect(element(r, 'M09').contentStatus).toBe('partial');
  });
});

describe('scope of the code', () => {
  it('does not count violence between parents that a child witnesses as adult victims', async () => {
    const r = await check('# Meldcode kindermishandeling OBS De Linde\n\nDeze code gaat over kindermishandeling. Ook een kind dat thuis ziet of hoort dat zijn ouders elkaar slaan, valt eronder; huiselijk geweld tussen partners nemen wij alleen mee als een leerling getuige is.\n', { sector: 'onderwijs' });
    expect(element(r, 'M02').contentStatus).toBe('partial');
  });
  it('does not count the name of the law as covering domestic violence', async () => {
    const r = await check('# Meldcode kindermishandeling Het Anker\n\nSinds de Wet verplichte meldcode huiselijk geweld en kindermishandeling hebben wij deze code. Zij gaat over kindermishandeling.\n', { sector: 'onderwijs' });
    expect(element(r, 'M02').contentStatus).toBe('partial');
  });
  it('does not count abuse by a colleague as a special form of violence', async () => {
    const r = await check(`${HEAD}\nVermoed je dat een collega een kind seksueel misbruikt, meld dit dan direct bij de directeur.\n`, { sector: 'kinderopvang' });
    expect(element(r, 'M06').contentStatus).not.toBe('present');
  });
});

describe('roles', () => {
  it('accepts a solo practitioner who decides herself', async () => {
    const r = await check(`${HEAD}\n## Wie doet wat\n\nIk werk alleen en voer alle stappen zelf uit. De beslissing om wel of niet te melden neem ik zelf; ik ben daarvoor eindverantwoordelijk.\n`, { sector: 'zorg' });
    expect(element(r, 'M05.1').contentStatus).toBe('present');
    expect(element(r, 'M05').contentStatus).toBe('present');
  });
  it('reads a role-based protocol ("U bent: … / U bent eindverantwoordelijk")', async () => {
    const r = await check(`${HEAD}\n### Stap 5 – Beslissen\n\nU bent: dienstdoende arts.\n\nWat u moet doen: u beslist of er gemeld wordt. U bent eindverantwoordelijk voor dit besluit.\n`, { sector: 'zorg' });
    expect(element(r, 'M05.1').contentStatus).toBe('present');
  });
});

describe('kindcheck', () => {
  it('reads questions in a list with the sentence that introduces it', async () => {
    const r = await check(`${HEAD}\nBij elke intake voert de verpleegkundige de kindcheck uit. Zij vraagt:\n\n1. of er minderjarige kinderen in huis wonen;\n2. of de cliënt zwanger is.\n\nDe uitkomst wordt altijd vastgelegd in het dossier.\n`, { sector: 'zorg' });
    expect(element(r, 'M08').contentStatus).toBe('present');
  });
});

describe('era', () => {
  it('does not take a version-table row about the merger into Veilig Thuis as an outdated text', async () => {
    const r = await check(`${HEAD}\n| Versie | Datum | Wijziging |\n|---|---|---|\n| 2.0 | 2015 | Veilig Thuis in plaats van AMK en SHG |\n\nBij acute of structurele onveiligheid melden wij altijd bij Veilig Thuis.\n\n## Stappen\n\n### Stap 1\nLeg vast.\n\n### Stap 2\nOverleg met een collega.\n\n### Stap 3\nPraat met de cliënt.\n`);
    expect(r.era?.value).toBe('2019');
  });
});

describe('look-alikes', () => {
  it('calls a supervision report about meldcodes "not a meldcode", even when it discusses the steps', async () => {
    const para = 'In het onderzoek keek de toezichthouder bij twaalf aanbieders naar de meldcode. De bevindingen staan per aanbieder in dit rapport; de aanbevelingen volgen uit het toezicht en uit interviews met aanbieders.';
    const text = `# Rapport thematisch toezicht meldcode 2024\n\n${Array(4).fill(para).join('\n\n')}\n\n## Stappenplan bij de aanbieders\n\n### Stap 1\nDe meeste aanbieders beschrijven dat medewerkers signalen vastleggen in het dossier.\n\n### Stap 2\nAanbieders noemen overleg met een collega en advies van Veilig Thuis.\n\n### Stap 3\nEen gesprek met de cliënt staat bij acht aanbieders beschreven.\n`;
    const r = await check(text, { sector: 'wmo' });
    expect(r.verdict).toBe('not-a-meldcode');
    expect(r.documentType?.kind).toBe('report');
  });
});
