import type { InteractionResult } from './interaction-results.js';
import type { PactVerification, VerificationReport } from './verify-pacts.js';

/** Characters XML 1.0 forbids anywhere (even escaped): most C0 controls, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g; // eslint-disable-line no-control-regex

/** Text content: `&` and `<` escaped (and `>`, so `]]>` cannot appear); forbidden characters become U+FFFD. */
function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; tabs and line breaks as references, so a parser keeps them. */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** `description (given state one, state two)`: the description alone when it has no provider state. */
export function toTestCaseName(result: Pick<InteractionResult, 'description' | 'providerStates'>): string {
  return result.providerStates.length ? `${result.description} (given ${result.providerStates.join(', ')})` : result.description;
}

interface TestCase {
  name: string;
  problems: string[];
  /** A pending interaction: its problems make it skipped, not failed (they do not fail the pact). */
  pending?: boolean;
}

function toTestCases(pact: PactVerification): TestCase[] {
  const cases: TestCase[] = pact.results.map((result) => ({
    name: toTestCaseName(result),
    problems: [...result.specProblems.map((problem) => `spec: ${problem}`), ...result.mockProblems.map((problem) => `mock: ${problem}`)],
    pending: result.pending,
  }));
  // A file that could not be verified, or failed outside any interaction, is one more failing test case.
  if (pact.fileProblems.length) cases.push({ name: 'pact file', problems: pact.fileProblems });
  return cases;
}

function toTestCaseXml(testCase: TestCase, classname: string): string[] {
  const open = `    <testcase${attributes({ name: testCase.name, classname })}`;
  if (testCase.problems.length === 0) return [`${open}/>`];
  // The message is one line (CI tools show it as the summary); the text keeps every problem on its own line.
  const message = testCase.problems.join('; ').replace(/\s*\n\s*/g, ' ');
  // JUnit has no "failed but not fatal": a pending interaction that failed is skipped, its problems in the message.
  const verdict = testCase.pending
    ? `      <skipped${attributes({ message: `pending interaction failed (not fatal): ${message}` })}/>`
    : `      <failure${attributes({ message, type: 'PactVerificationFailure' })}>${escapeText(testCase.problems.join('\n'))}</failure>`;
  return [`${open}>`, verdict, '    </testcase>'];
}

const isFailure = (testCase: TestCase) => testCase.problems.length > 0 && !testCase.pending;
const isSkipped = (testCase: TestCase) => testCase.problems.length > 0 && testCase.pending === true;

function toTestSuiteXml(pact: PactVerification, cases: TestCase[]): string[] {
  const failures = cases.filter(isFailure).length;
  const skipped = cases.filter(isSkipped).length;
  const classname = pact.consumer && pact.provider ? `${pact.consumer} -> ${pact.provider}` : pact.file;
  return [
    `  <testsuite${attributes({ name: pact.file, tests: cases.length, failures, errors: 0, skipped, time: seconds(pact.durationMs) })}>`,
    ...cases.flatMap((testCase) => toTestCaseXml(testCase, classname)),
    '  </testsuite>',
  ];
}

/**
 * The JUnit XML report `mfa-sandbox verify --junit <file>` writes: a `<testsuite>` per pact file (named by its path,
 * with its time), a `<testcase>` per interaction (its description and provider states; the class name is
 * `consumer -> provider`), a `<failure>` carrying every spec and mock problem of the interaction (`<skipped>` for a
 * pending interaction, whose failures are not fatal). A pact file that
 * could not be verified, or failed outside any interaction, adds a failing test case named `pact file`.
 *
 * @example
 * toJunitReport(report)
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <testsuites name="mfa-sandbox verify" tests="2" failures="1" errors="0" time="0.512">
 * //   <testsuite name="pacts/web-flashback.json" tests="2" failures="1" ...>
 * //     <testcase name="status (given the user has no MFA)" classname="web -> flashback">
 * //       <failure message="spec: response.body.incompatible: ..." type="PactVerificationFailure">spec: ...</failure>
 */
export function toJunitReport(report: VerificationReport): string {
  const suites = report.pacts.map((pact) => ({ pact, cases: toTestCases(pact) }));
  const tests = suites.reduce((sum, suite) => sum + suite.cases.length, 0);
  const failures = suites.reduce((sum, suite) => sum + suite.cases.filter(isFailure).length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'mfa-sandbox verify', tests, failures, errors: 0, time: seconds(report.durationMs) })}>`,
    ...suites.flatMap(({ pact, cases }) => toTestSuiteXml(pact, cases)),
    '</testsuites>',
    '',
  ].join('\n');
}
