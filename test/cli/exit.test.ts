import { describe, expect, it } from 'vitest';
import { exitOutcome } from '../../src/cli/exit.js';
import { compliantDoc, errorDoc, nonCompliantDoc, notAMeldcodeDoc, pdfDoc } from '../report/fixtures.js';
import { exitCode } from '../../src/policy/exit-code.js';
import type { DocumentResult } from '../../src/engine/result.js';

const policy = { failOn: 'error' as const };

/** pdfDoc with its decisive gap waived and its other gaps as given. */
function waivedPdf(): DocumentResult {
  const d = pdfDoc();
  for (const e of d.elements) if (e.id === 'M05') e.suppressed = { kind: 'baseline' };
  return d;
}

describe('exit codes', () => {
  it('0 when every document complies, 1 for a gap or a non-meldcode, 2 for an unreadable file', () => {
    expect(exitOutcome([compliantDoc()], [], policy).code).toBe(0);
    expect(exitOutcome([compliantDoc(), nonCompliantDoc()], [], policy).code).toBe(1);
    expect(exitOutcome([compliantDoc(), notAMeldcodeDoc()], [], policy).code).toBe(1);
    expect(exitOutcome([compliantDoc(), nonCompliantDoc(), errorDoc()], [], policy).code).toBe(2);
    expect(exitOutcome([compliantDoc()], ['*.pdf'], policy).code).toBe(2);
  });

  it('--fail-on lowers the threshold to warnings or good practice', () => {
    // compliantDoc has one info-level good-practice gap (S06)
    expect(exitOutcome([compliantDoc()], [], { failOn: 'warning' }).code).toBe(0);
    expect(exitOutcome([compliantDoc()], [], { failOn: 'info' }).code).toBe(1);
  });

  it('suppressed findings do not fail; expired ones do', () => {
    // pdfDoc: M05.1 waived, M05 partial (error), M10 missing (warning)
    expect(exitOutcome([pdfDoc()], [], policy).code).toBe(1);
    const w = waivedPdf();
    expect(exitOutcome([w], [], policy).code).toBe(0);
    expect(exitOutcome([w], [], { failOn: 'warning' }).code).toBe(1);
    w.elements.find((e) => e.id === 'M05.1')!.suppressed!.expired = true;
    expect(exitOutcome([w], [], policy).code).toBe(1);
  });

  it('--max-warnings counts open warning-level gaps; --exit-zero keeps 0 but not 2', () => {
    const w = waivedPdf(); // M10 missing = 1 warning
    expect(exitOutcome([w], [], { failOn: 'error', maxWarnings: 1 })).toMatchObject({ code: 0, warnings: 1, warningsExceeded: false });
    expect(exitOutcome([w], [], { failOn: 'error', maxWarnings: 0 })).toMatchObject({ code: 1, warningsExceeded: true });
    expect(exitOutcome([nonCompliantDoc()], [], { failOn: 'error', exitZero: true }).code).toBe(0);
    expect(exitOutcome([nonCompliantDoc(), errorDoc()], [], { failOn: 'error', exitZero: true }).code).toBe(2);
  });

  it('is src/policy/exit-code.ts plus unmatched patterns (one implementation)', () => {
    const sets = [[compliantDoc()], [nonCompliantDoc()], [notAMeldcodeDoc()], [pdfDoc()], [waivedPdf()], [compliantDoc(), errorDoc()]];
    for (const docs of sets) {
      for (const failOn of ['error', 'warning', 'info'] as const) {
        for (const extra of [{}, { maxWarnings: 0 }, { exitZero: true }]) {
          expect(exitOutcome(docs, [], { failOn, ...extra }).code).toBe(exitCode(docs, { failOn, ...extra }));
        }
      }
    }
  });

  it('a verdict element whose severity the config lowered no longer fails the run at failOn error', () => {
    // Changed with the policy wiring: exit.ts used to fail on every open decidesVerdict gap whatever its
    // severity, so `rules: { M05: warning }` in the config had no effect on the exit code.
    const d = pdfDoc(); // M05 partial (error, decides the verdict), M05.1 waived, M10 missing (warning)
    for (const e of d.elements) if (e.id === 'M05') e.severity = 'warning';
    expect(d.verdict).toBe('non-compliant');
    expect(exitOutcome([d], [], { failOn: 'error' }).code).toBe(0);
    expect(exitOutcome([d], [], { failOn: 'warning' }).code).toBe(1);
  });

  it('warnings of a not-a-meldcode document are not counted for --max-warnings', () => {
    const d = notAMeldcodeDoc();
    expect(exitOutcome([d], [], { failOn: 'error', maxWarnings: 0, exitZero: true })).toMatchObject({ code: 0, warnings: 0, warningsExceeded: false });
  });
});
