/**
 * JUnit XML for CI dashboards: one <testsuite> per document, one <testcase> per element that
 * applies; <failure> for a partial or missing element, <skipped> for a suppressed one, an
 * <error> test case for an unreadable document.
 */
import type { DocumentResult, ElementResult } from '../engine/result.js';
import { local, translator, type Lang, type Translate } from '../i18n/messages.js';
import { errorText, expiredWaiverText, isGap, isSuppressed, joinClauses, sortElements, statusText, verdictText, whereOf } from './common.js';
import type { ReportInput, ReportOptions, Reporter } from './types.js';

/** Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/F). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function testcase(doc: DocumentResult, e: ElementResult, lang: Lang, tr: Translate): string {
  const open = `    <testcase${attrs({ classname: e.id, name: local(e.title, lang), file: doc.file })}`;
  if (!isGap(e)) return `${open}/>`;
  if (isSuppressed(e)) {
    const s = e.suppressed!;
    const why = [tr('label.suppressedBy', { kind: tr(s.kind === 'waiver' ? 'suppressionKind.waiver' : 'suppressionKind.baseline') }), s.justification].filter(Boolean).join(': ');
    return `${open}>\n      <skipped${attrs({ message: why })}/>\n    </testcase>`;
  }
  // An expired waiver: a failure again, and the message says why it is back.
  const expired = expiredWaiverText(e, lang);
  const message = [local(e.message, lang), ...e.reasons.map((r) => local(r, lang))].join(' ') + (expired ? ` (${expired})` : '');
  const where = whereOf(e, lang, doc).text;
  const waiver = expired && e.suppressed ? joinClauses([e.suppressed.justification, e.suppressed.approver ? tr('label.approver', { name: e.suppressed.approver }) : '']) : '';
  const body = [
    `${statusText(e.status, lang)}: ${message}`,
    waiver ? `${tr('suppressionKind.waiver')}: ${waiver}` : '',
    where ? `${tr('label.evidence')}: ${where}` : '',
    e.advice ? `${tr('label.advice')}: ${local(e.advice, lang)}` : '',
    `${tr('label.basis')}: ${e.basis.article}`,
  ]
    .filter(Boolean)
    .join('\n');
  return `${open}>\n      <failure${attrs({ type: `${e.status}/${e.severity}`, message })}>${xmlText(body)}</failure>\n    </testcase>`;
}

function suite(doc: DocumentResult, lang: Lang, tr: Translate): string {
  const props = (p: Record<string, string | undefined>) => {
    const items = Object.entries(p).filter(([, v]) => v !== undefined && v !== '');
    if (!items.length) return '';
    return `    <properties>\n${items.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`).join('\n')}\n    </properties>\n`;
  };
  if (doc.verdict === 'error') {
    const msg = errorText(doc, lang);
    return (
      `  <testsuite${attrs({ name: doc.file, tests: 1, failures: 0, errors: 1, skipped: 0 })}>\n` +
      props({ verdict: doc.verdict }) +
      `    <testcase${attrs({ classname: 'document', name: tr('junit.unreadable'), file: doc.file })}>\n` +
      `      <error${attrs({ type: doc.error?.cause ?? 'error', message: msg })}>${xmlText(`${doc.file}: ${msg}`)}</error>\n` +
      `    </testcase>\n  </testsuite>`
    );
  }
  const properties = props({
    organisation: doc.organisation?.name,
    sector: doc.sector?.value,
    era: doc.era?.value,
    verdict: doc.verdict,
    verdictText: verdictText(doc.verdict, lang),
  });
  if (doc.verdict === 'not-a-meldcode') {
    const reason = doc.documentType ? local(doc.documentType.reason, lang) : verdictText(doc.verdict, lang);
    return (
      `  <testsuite${attrs({ name: doc.file, tests: 1, failures: 1, errors: 0, skipped: 0 })}>\n` +
      properties +
      `    <testcase${attrs({ classname: 'document', name: tr('junit.notAMeldcode'), file: doc.file })}>\n` +
      `      <failure${attrs({ type: 'not-a-meldcode', message: reason })}>${xmlText(reason)}</failure>\n` +
      `    </testcase>\n  </testsuite>`
    );
  }
  const applicable = sortElements(doc.elements).filter((e) => e.applies && e.status !== 'not-applicable');
  const failures = applicable.filter((e) => isGap(e) && !isSuppressed(e)).length;
  const skipped = applicable.filter((e) => isGap(e) && isSuppressed(e)).length;
  return (
    `  <testsuite${attrs({ name: doc.file, tests: applicable.length, failures, errors: 0, skipped })}>\n` +
    properties +
    applicable.map((e) => testcase(doc, e, lang, tr)).join('\n') +
    `\n  </testsuite>`
  );
}

export const junit: Reporter = (input: ReportInput, options: ReportOptions) => {
  const lang = options.lang;
  const tr = translator(lang);
  const suites = input.documents.map((d) => suite(d, lang, tr));
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const s of suites) {
    const m = /tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/.exec(s)!;
    tests += Number(m[1]);
    failures += Number(m[2]);
    errors += Number(m[3]);
    skipped += Number(m[4]);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({ name: input.tool.name, tests, failures, errors, skipped })}>\n` +
    (suites.length ? `${suites.join('\n')}\n` : '') +
    `</testsuites>\n`
  );
};

export default junit;
