/** Small Markdown meldcodes for the end-to-end tests (policy-e2e, ci-docs). */

/** A short meldcode that meets article 2, with or without the afwegingskader (M04) and the knowledge measures (M10). */
export function meldcode(org: string, opts: { afwegingskader: boolean; kennis: boolean }): string {
  const a = opts.afwegingskader;
  return `# Meldcode huiselijk geweld en kindermishandeling Stichting ${org}

Vastgesteld door de directeur-bestuurder van Stichting ${org}, thuisbegeleiding (Wmo).

## Huiselijk geweld en kindermishandeling

**Huiselijk geweld** is lichamelijk, psychisch of seksueel geweld, of de dreiging daarmee, door iemand uit de huiselijke kring: een (ex-)partner, een familielid, een huisgenoot of een mantelzorger.

**Kindermishandeling** is elke vorm van bedreigende of gewelddadige omgang met een minderjarige door ouders of anderen van wie het kind afhankelijk is.

## Wie doet wat

| Functie | Taken in de meldcode |
|---|---|
| Begeleider | Signaleert en legt vast (stap 1), voert de kindcheck uit, bespreekt de signalen met de aandachtsfunctionaris (stap 2), voert het gesprek met de cliënt (stap 3) |
| Aandachtsfunctionaris | Adviseert bij elke stap, raadpleegt zo nodig Veilig Thuis en weegt samen met de begeleider (stap 4) |
| Teamleider | Neemt in stap 5 het besluit om wel of niet te melden bij Veilig Thuis en is daarvoor eindverantwoordelijk |

## Het stappenplan

### Stap 1: Signalen in kaart brengen

Beschrijf zo feitelijk mogelijk wat je ziet en hoort en leg dat vast in het cliëntdossier.

**Kindcheck.** Bij de start van de begeleiding ga je na of de cliënt zorgt voor minderjarige kinderen en of de cliënt zwanger is. Noteer de uitkomst in het dossier.

### Stap 2: Collegiale consultatie en zo nodig Veilig Thuis raadplegen

Bespreek de signalen met de aandachtsfunctionaris. Vraag zo nodig advies aan Veilig Thuis. Bij letsel vraagt de aandachtsfunctionaris advies aan de forensisch arts.

### Stap 3: Gesprek met de cliënt

Bespreek je zorgen met de cliënt. Leg uit waarom je het gesprek voert en vraag de cliënt om een reactie.

### Stap 4: Wegen${a ? ' aan de hand van het afwegingskader' : ''}

Weeg het risico op huiselijk geweld of kindermishandeling en de aard en de ernst ervan.${a ? ' Gebruik afwegingsvraag 1 en 2 van het afwegingskader.' : ''}

### Stap 5: Beslissen over melden en hulp

Neem${a ? ' met afwegingsvraag 3 tot en met 5' : ''} twee beslissingen:

1. Is melden bij Veilig Thuis noodzakelijk?
2. Is hulp bieden of organiseren (ook) mogelijk?
${
  a
    ? `
## Het afwegingskader

1. Is er een vermoeden van huiselijk geweld of kindermishandeling?
2. Is er sprake van acute onveiligheid of structurele onveiligheid? Ja: melden bij Veilig Thuis is noodzakelijk.
3. Kunnen wij passende hulp bieden of organiseren? Nee: melden.
4. Aanvaarden de betrokkenen die hulp? Nee: melden.
5. Leidt de hulp tot duurzame veiligheid? Nee: melden.
`
    : ''
}
## Bijzondere vormen van geweld

**Eergerelateerd geweld en huwelijksdwang.** Raadpleeg altijd eerst Veilig Thuis voordat je iets met de familie bespreekt.

## Beroepsgeheim en meldrecht

Begeleiders hebben een geheimhoudingsplicht. Het meldrecht (artikel 5.2.6 Wmo 2015) geeft je het recht om zonder toestemming van de cliënt te melden bij Veilig Thuis.
${opts.kennis ? '\n## Kennis en gebruik\n\nNieuwe medewerkers krijgen de meldcode in het inwerkprogramma en volgen de e-learning.\n' : ''}`;
}
