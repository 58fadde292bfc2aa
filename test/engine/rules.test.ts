/**
 * Each rule on present, partial and missing snippets. The texts are written for these tests (not
 * taken from the corpus) and vary the wording a real meldcode uses.
 */
import { describe, expect, it } from 'vitest';
import { check, element, meldcode } from '../helpers/document.js';

const STEPS = [
  'Noteer feitelijk wat je ziet en hoort in het dossier, met datum en bron.',
  'Overleg met de aandachtsfunctionaris en vraag zo nodig advies aan Veilig Thuis.',
  'Bespreek de zorgen met de cliënt en vraag om een reactie.',
  'Weeg het risico en de aard en de ernst van het geweld. Bij twijfel raadpleeg je altijd Veilig Thuis.',
  'Neem twee beslissingen: is melden noodzakelijk, en is hulp bieden of organiseren ook mogelijk?',
];

function withStep(n: number, text: string): string[] {
  return STEPS.map((s, i) => (i === n - 1 ? text : s));
}

type Case = { name: string; text: string; expect: 'present' | 'partial' | 'missing'; sector?: 'wmo' | 'jeugd' | 'zorg' | 'kinderopvang' | 'onderwijs' | 'algemeen' };

const cases: Record<string, Case[]> = {
  'M03.1': [
    { name: 'action described', text: meldcode({ steps: STEPS }), expect: 'present' },
    { name: 'bare name only', text: meldcode({ steps: withStep(1, 'Signalen.') }).replace('### Stap 1\n\nSignalen.', '### Stap 1: Signaleren'), expect: 'partial' },
  ],
  'M03.2': [
    { name: 'colleague and Veilig Thuis', text: meldcode({ steps: STEPS }), expect: 'present' },
    { name: 'colleague only', text: meldcode({ steps: withStep(2, 'Overleg met een collega over wat je hebt gezien.') }), expect: 'partial' },
    { name: 'superseded AMK', text: meldcode({ steps: withStep(2, 'Overleg met een collega en vraag zo nodig advies aan het AMK.') }), expect: 'partial' },
    { name: 'AMK only as history', text: meldcode({ steps: withStep(2, 'Overleg met een collega en bel zo nodig Veilig Thuis, waarin het vroegere AMK is opgegaan.') }), expect: 'present' },
  ],
  'M03.3': [
    { name: 'one sentence with the action', text: meldcode({ steps: withStep(3, 'Praat met de ouders over wat je hebt gezien.') }), expect: 'present' },
    { name: 'heading only', text: meldcode({ steps: withStep(3, '') }), expect: 'partial' },
  ],
  'M03.4': [
    { name: 'weighing with doubt rule', text: meldcode({ steps: STEPS }), expect: 'present' },
    { name: 'only a question', text: meldcode({ steps: withStep(4, 'Hoe ernstig is het?') }), expect: 'partial' },
    { name: 'AMK when in doubt', text: meldcode({ steps: withStep(4, 'Weeg het risico en de ernst. Bij twijfel raadpleeg je altijd het AMK.') }), expect: 'partial' },
  ],
  'M03.5': [
    { name: 'two decisions as questions', text: meldcode({ steps: STEPS }), expect: 'present' },
    { name: 'pre-2019 either/or', text: meldcode({ steps: withStep(5, 'Beslis: zelf hulp organiseren of melden bij Veilig Thuis.') }), expect: 'partial' },
    { name: 'no step 5 at all', text: meldcode({ steps: STEPS.slice(0, 4) }), expect: 'missing' },
  ],
  M03: [
    { name: 'all steps', text: meldcode({ steps: STEPS }), expect: 'present' },
    { name: 'four steps', text: meldcode({ steps: STEPS.slice(0, 4) }), expect: 'partial' },
  ],
  M04: [
    { name: 'meldnorm', text: meldcode({ steps: STEPS, body: 'Bij acute of structurele onveiligheid wordt altijd gemeld bij Veilig Thuis.' }), expect: 'present' },
    { name: 'word only', text: meldcode({ steps: STEPS, body: 'Wij werken met het afwegingskader.' }), expect: 'partial' },
    { name: 'nothing', text: meldcode({ steps: STEPS }), expect: 'missing' },
    { name: 'named kader adopted and used in step 4', text: meldcode({ steps: withStep(4, 'Weeg het risico met het afwegingskader. Bij twijfel altijd Veilig Thuis.'), body: 'Wij hanteren het afwegingskader van de KNMG, dat wij toepassen in stap 4 en 5.' }), expect: 'present' },
  ],
  'M05.1': [
    { name: 'one decider', text: meldcode({ steps: STEPS, body: 'De locatiemanager neemt de beslissing om wel of niet te melden.' }), expect: 'present' },
    { name: 'decider in a table', text: meldcode({ steps: STEPS, body: '| Functie | Taak |\n|---|---|\n| Directeur | eindverantwoordelijk voor het besluit over melden |' }), expect: 'present' },
    { name: 'group decides', text: meldcode({ steps: STEPS, body: 'Het besluit om te melden nemen de behandelaren gezamenlijk in het MDO.' }), expect: 'missing' },
    { name: 'decider for staff abuse only', text: meldcode({ steps: STEPS, body: 'Bij een vermoeden van een zedendelict door een medewerker neemt de directeur het besluit over de melding bij de vertrouwensinspecteur.' }), expect: 'missing' },
  ],
  M05: [
    { name: 'roles and decider', text: meldcode({ steps: STEPS, body: '## Taken en verantwoordelijkheden\n\n- De begeleider signaleert en legt vast.\n- De aandachtsfunctionaris adviseert.\n- De teamleider beslist over het melden en is eindverantwoordelijk.' }), expect: 'present' },
    { name: 'roles without decider', text: meldcode({ steps: STEPS, body: '## Taken en verantwoordelijkheden\n\n- De begeleider signaleert en legt vast.\n- De aandachtsfunctionaris adviseert en raadpleegt Veilig Thuis.\n- De teamleider zorgt voor tijd voor overleg.' }), expect: 'partial' },
  ],
  M06: [
    { name: 'form with guidance', text: meldcode({ steps: STEPS, body: 'Bij vermoedens van vrouwelijke genitale verminking raadpleeg je direct Veilig Thuis.' }), expect: 'present' },
    { name: 'forms only listed', text: meldcode({ steps: STEPS, body: 'Onder kindermishandeling vallen ook eergerelateerd geweld en huwelijksdwang.' }), expect: 'partial' },
    { name: 'generic forms do not count', text: meldcode({ steps: STEPS, body: 'Huiselijk geweld kan lichamelijk, psychisch of seksueel geweld zijn.' }), expect: 'missing' },
  ],
  M07: [
    { name: 'verwijsindex described', text: meldcode({ steps: STEPS, body: 'Wij zijn meldingsbevoegd voor de verwijsindex. Geef een signaal af in de verwijsindex als je zorgen hebt over een jeugdige; informeer de ouders daarover.' }), expect: 'present', sector: 'jeugd' },
    { name: 'only named', text: meldcode({ steps: STEPS, body: 'Zie ook de verwijsindex.' }), expect: 'partial', sector: 'jeugd' },
  ],
  M08: [
    { name: 'instructions', text: meldcode({ steps: STEPS, body: 'Kindcheck: vraag bij de intake of de cliënt zorgt voor minderjarige kinderen of zwanger is, en leg de uitkomst vast in het dossier.' }), expect: 'present' },
    { name: 'word only', text: meldcode({ steps: STEPS, body: 'De kindcheck hoort bij onze werkwijze.' }), expect: 'partial' },
    { name: 'children invited is not a kindcheck', text: meldcode({ steps: STEPS, body: 'De kinderen worden uitgenodigd voor een gesprek met de mentor.' }), expect: 'missing' },
  ],
  M09: [
    { name: 'secrecy and meldrecht', text: meldcode({ steps: STEPS, body: 'Je hebt een beroepsgeheim. Op grond van het meldrecht mag je zonder toestemming melden bij Veilig Thuis; vertel de cliënt vooraf dat je gaat melden.' }), expect: 'present' },
    { name: 'privacy only', text: meldcode({ steps: STEPS, body: 'Wij gaan zorgvuldig om met privacy volgens de AVG.' }), expect: 'partial' },
    { name: 'meldplicht misframing', text: meldcode({ steps: STEPS, body: 'Je hebt een beroepsgeheim, maar bij vermoedens van huiselijk geweld geldt een meldplicht: je meldt altijd bij Veilig Thuis. Het meldrecht geeft je ruimte om zonder toestemming te melden.' }), expect: 'partial' },
    { name: 'dossier only', text: meldcode({ steps: STEPS, body: 'Leg alle signalen vast in het dossier.' }), expect: 'missing' },
  ],
  M10: [
    { name: 'training', text: meldcode({ steps: STEPS, body: 'Alle medewerkers volgen elke twee jaar een training over de meldcode.' }), expect: 'present' },
    { name: 'duty only', text: meldcode({ steps: STEPS, body: 'De directie bevordert de kennis en het gebruik van deze meldcode.' }), expect: 'partial' },
    { name: 'nothing', text: meldcode({ steps: STEPS }), expect: 'missing' },
  ],
  M02: [
    { name: 'both with adult victims', text: meldcode({ steps: STEPS, body: 'Deze code gaat over kindermishandeling en over huiselijk geweld, ook als een volwassene slachtoffer is, zoals bij partnergeweld.' }), expect: 'present' },
    { name: 'only child abuse', text: meldcode({ title: 'Meldcode kindermishandeling De Zonnebloem', steps: STEPS, body: 'Deze code gaat over kindermishandeling.' }), expect: 'partial' },
  ],
  M01: [
    { name: 'named and adopted', text: meldcode({ steps: STEPS, body: 'Vastgesteld door het bestuur van Stichting Testhuis op 1 maart 2025.' }), expect: 'present' },
    { name: 'placeholders left', text: meldcode({ steps: STEPS, body: 'Vastgesteld door [naam bestuurder] op [datum].' }), expect: 'partial' },
  ],
};

describe('rules on snippets', () => {
  for (const [id, list] of Object.entries(cases)) {
    describe(id, () => {
      for (const c of list) {
        it(`${c.name} → ${c.expect}`, async () => {
          const result = await check(c.text, { sector: c.sector ?? 'wmo' });
          const e = element(result, id);
          expect(e.contentStatus, JSON.stringify(e.evidence.map((x) => x.quote))).toBe(c.expect);
        });
      }
    });
  }
});

describe('evidence', () => {
  it('quotes the original text, diacritics included', async () => {
    const result = await check(meldcode({ steps: STEPS }));
    const e = element(result, 'M03.3');
    expect(e.evidence[0]?.quote).toContain('cliënt');
    expect(e.evidence[0]?.location.line).toBeGreaterThan(1);
  });
  it('gives advice and the legal basis for a gap', async () => {
    const e = element(await check(meldcode({ steps: STEPS })), 'M04');
    expect(e.status).toBe('missing');
    expect(e.advice?.nl).toMatch(/afwegingskader/);
    expect(e.basis.staatsblad).toContain('2017, 291');
  });
});
