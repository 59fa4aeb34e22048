import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatVerificationReport } from '../../../src/contracts/format-verification-report.js';
import { passesPact, toInteractionResults } from '../../../src/contracts/interaction-results.js';
import { toJsonReport } from '../../../src/contracts/json-report.js';
import { toJunitReport } from '../../../src/contracts/junit-report.js';
import type { PactVerification, VerificationReport } from '../../../src/contracts/verify-pacts.js';

/** A description and a state with everything XML must escape, characters it forbids, and non-ASCII. */
const TRICKY = `naïve "status" <check> & 'more' — ✓ 𝄞`;
const TRICKY_STATE = 'the moon is <full> & "bright"';

function pactWith(overrides: Partial<PactVerification>): PactVerification {
  return { file: 'pacts/web-flashback.json', interactions: 0, results: [], fileProblems: [], ok: true, durationMs: 250, ...overrides };
}

/** A failing pact: one interaction fails on the spec and the mock, one passes, one repeats a description. */
function failingPact(): PactVerification {
  const summaries = [
    { description: 'status', providerStates: ['the user has no MFA'], method: 'get', path: '/mfa/status', pending: false },
    { description: TRICKY, providerStates: [TRICKY_STATE], method: 'get', path: '/mfa/status', pending: false },
    { description: 'disable', providerStates: [], method: 'post', path: '/mfa/disable', pending: false },
  ];
  const spec = {
    ok: false,
    errors: [
      {
        code: 'response.body.incompatible',
        message: 'must be boolean',
        interaction: 'status',
        location: '[root].interactions[0].response.body.data.isEnabled',
      },
    ],
    warnings: [],
  };
  const mock = {
    ok: false,
    interactions: [
      { description: 'status', ok: false, problems: ["$.data.isEnabled: Expected false (Boolean) to be equal to 'yes' (String)"] },
      { description: TRICKY, ok: false, problems: [] },
      { description: 'disable', ok: true, problems: [] },
    ],
    stateFailures: [{ state: TRICKY_STATE, message: `unknown provider state "${TRICKY_STATE}"; the sandbox knows:\n  the user has no MFA`, interaction: 1 }],
  };
  const { interactions, fileProblems } = toInteractionResults(summaries, spec, mock);
  return pactWith({
    consumer: 'web',
    provider: 'flashback',
    surface: 'flashback',
    interactions: 3,
    spec,
    mock,
    results: interactions,
    fileProblems,
    ok: false,
  });
}

/** A pact whose only failing interaction is pending: it passes, its failure reported as not fatal. */
/** A GET /mfa/status interaction of a pact summary. */
const statusSummary = (description: string, state: string, pending: boolean) => ({
  description,
  providerStates: [state],
  method: 'get',
  path: '/mfa/status',
  pending,
});

function pactWithPendingFailure(): PactVerification {
  const summaries = [statusSummary('status', 'the user has no MFA', false), statusSummary('a new field', 'the user has no MFA', true)];
  const spec = {
    ok: false,
    errors: [
      { code: 'response.status.unknown', message: 'Response status code not defined in spec file: 201', interaction: 'a new field', location: undefined },
    ],
    warnings: [],
  };
  const mock = {
    ok: false,
    interactions: [
      { description: 'status', ok: true, problems: [] },
      { description: 'a new field', ok: false, problems: ['expected 201 but was 200'] },
    ],
    stateFailures: [],
  };
  const results = toInteractionResults(summaries, spec, mock);
  return pactWith({
    consumer: 'web',
    provider: 'flashback',
    surface: 'flashback',
    interactions: 2,
    spec,
    mock,
    results: results.interactions,
    fileProblems: results.fileProblems,
    ok: passesPact(results),
  });
}

function report(pacts: PactVerification[]): VerificationReport {
  return { pacts, ok: pacts.every((pact) => pact.ok), durationMs: 1234.4 };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

interface ParsedCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text': string };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites as {
    tests: string;
    failures: string;
    time: string;
    testsuite: Array<{ name: string; tests: string; failures: string; time: string; testcase: ParsedCase[] }>;
  };
}

describe('toInteractionResults', () => {
  it('gives each interaction its own spec and mock problems, and a state failure to the interactions that use the state', () => {
    const [status, tricky, disable] = failingPact().results;
    expect(status).toEqual({
      description: 'status',
      providerStates: ['the user has no MFA'],
      pending: false,
      ok: false,
      specProblems: ['response.body.incompatible: must be boolean ([root].interactions[0].response.body.data.isEnabled)'],
      mockProblems: ["$.data.isEnabled: Expected false (Boolean) to be equal to 'yes' (String)"],
    });
    expect(tricky!.ok).toBe(false);
    expect(tricky!.specProblems).toEqual([]);
    expect(tricky!.mockProblems).toEqual([
      `provider state "${TRICKY_STATE}": unknown provider state "${TRICKY_STATE}"; the sandbox knows:\n  the user has no MFA`,
    ]);
    expect(disable).toEqual({ description: 'disable', providerStates: [], pending: false, ok: true, specProblems: [], mockProblems: [] });
  });

  it('fails an interaction the verifier gave no verdict for, and keeps spec problems of no interaction as file problems', () => {
    const summaries = [{ description: 'lost', providerStates: [], method: 'get', path: '/x', pending: false }];
    const spec = { ok: false, errors: [{ code: 'pact.broken', message: 'bad pact', interaction: undefined, location: undefined }], warnings: [] };
    const mock = { ok: false, interactions: [], stateFailures: [], error: 'verifier crashed' };
    const { interactions, fileProblems } = toInteractionResults(summaries, spec, mock);
    expect(interactions[0]).toMatchObject({ ok: false, mockProblems: ['no result from the Pact verifier: verifier crashed'] });
    expect(fileProblems).toEqual(['spec: pact.broken: bad pact']);
  });

  it("passes a pact whose only failures are a pending interaction's, and fails it when another interaction fails too", () => {
    const pending = pactWithPendingFailure();
    expect(pending.results[1]).toMatchObject({
      pending: true,
      ok: false,
      specProblems: [expect.stringMatching(/201/)],
      mockProblems: ['expected 201 but was 200'],
    });
    expect(pending.ok).toBe(true);
    const alsoFailing = pending.results.map((result, index) => (index === 0 ? { ...result, ok: false, mockProblems: ['boom'] } : result));
    expect(passesPact({ interactions: alsoFailing, fileProblems: [] })).toBe(false);
    expect(passesPact({ interactions: pending.results, fileProblems: ['pacts/x.json: not a pact file'] })).toBe(false);
  });
});

describe('toJunitReport', () => {
  it('writes a testsuite per pact file and a testcase per interaction, with counts and times', () => {
    const passing = pactWith({
      file: 'pacts/b.json',
      consumer: 'b',
      provider: 'lerian',
      results: [{ description: 'ok one', providerStates: [], pending: false, ok: true, specProblems: [], mockProblems: [] }],
      durationMs: 100,
    });
    const suites = parse(toJunitReport(report([failingPact(), passing])));
    expect(suites).toMatchObject({ tests: '4', failures: '2', time: '1.234' });
    expect(suites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures, suite.time])).toEqual([
      ['pacts/web-flashback.json', '3', '2', '0.250'],
      ['pacts/b.json', '1', '0', '0.100'],
    ]);
    expect(suites.testsuite[1]!.testcase).toEqual([{ name: 'ok one', classname: 'b -> lerian' }]);
  });

  it('names a testcase by its description and provider states and puts every spec and mock problem in its failure', () => {
    const [status, tricky, disable] = parse(toJunitReport(report([failingPact()]))).testsuite[0]!.testcase;
    expect(status!.name).toBe('status (given the user has no MFA)');
    expect(status!.classname).toBe('web -> flashback');
    expect(status!.failure!.message).toBe(
      "spec: response.body.incompatible: must be boolean ([root].interactions[0].response.body.data.isEnabled); mock: $.data.isEnabled: Expected false (Boolean) to be equal to 'yes' (String)",
    );
    expect(status!.failure!['#text']).toBe(
      "spec: response.body.incompatible: must be boolean ([root].interactions[0].response.body.data.isEnabled)\nmock: $.data.isEnabled: Expected false (Boolean) to be equal to 'yes' (String)",
    );
    expect(disable).toEqual({ name: 'disable', classname: 'web -> flashback' });
    // Escaping: the parser gives back exactly what went in (<, &, both quotes, non-ASCII, an astral character).
    expect(tricky!.name).toBe(`${TRICKY} (given ${TRICKY_STATE})`);
    expect(tricky!.failure!['#text']).toContain(
      `mock: provider state "${TRICKY_STATE}": unknown provider state "${TRICKY_STATE}"; the sandbox knows:\n  the user has no MFA`,
    );
    expect(tricky!.failure!.message).toContain(`unknown provider state "${TRICKY_STATE}"; the sandbox knows: the user has no MFA`);
  });

  it('marks a failed pending interaction skipped, not failed, with its problems in the message', () => {
    const suites = parse(toJunitReport(report([pactWithPendingFailure()])));
    expect(suites).toMatchObject({ tests: '2', failures: '0' });
    expect(suites.testsuite[0]).toMatchObject({ tests: '2', failures: '0', skipped: '1' });
    const [status, pending] = suites.testsuite[0]!.testcase;
    expect(status).toEqual({ name: 'status (given the user has no MFA)', classname: 'web -> flashback' });
    expect(pending).toMatchObject({ name: 'a new field (given the user has no MFA)' });
    expect(pending!.failure).toBeUndefined();
    expect((pending as unknown as { skipped: { message: string } }).skipped.message).toBe(
      'pending interaction failed (not fatal): spec: response.status.unknown: Response status code not defined in spec file: 201; mock: expected 201 but was 200',
    );
  });

  it('replaces characters XML cannot carry, so the report still parses', () => {
    const broken = pactWith({
      results: [
        {
          description: 'bell\u0007 and lone \uD800 surrogate',
          providerStates: [],
          pending: false,
          ok: false,
          specProblems: ['nul \u0000 byte'],
          mockProblems: [],
        },
      ],
      ok: false,
    });
    const [testCase] = parse(toJunitReport(report([broken]))).testsuite[0]!.testcase;
    expect(testCase!.name).toBe('bell\uFFFD and lone \uFFFD surrogate');
    expect(testCase!.failure!['#text']).toBe('spec: nul \uFFFD byte');
  });

  it('makes a pact file that could not be verified one failing testcase named "pact file"', () => {
    const unreadable = pactWith({ file: 'pacts/notes.json', error: 'not a pact file', fileProblems: ['pacts/notes.json: not a pact file'], ok: false });
    const suites = parse(toJunitReport(report([unreadable])));
    expect(suites).toMatchObject({ tests: '1', failures: '1' });
    expect(suites.testsuite[0]!.testcase).toEqual([
      {
        name: 'pact file',
        classname: 'pacts/notes.json',
        failure: { message: 'pacts/notes.json: not a pact file', type: 'PactVerificationFailure', '#text': 'pacts/notes.json: not a pact file' },
      },
    ]);
  });
});

describe('toJsonReport', () => {
  it('carries every interaction with its problems, and counts like the JUnit report', () => {
    const unreadable = pactWith({ file: 'pacts/notes.json', fileProblems: ['pacts/notes.json: not a pact file'], ok: false });
    const json = toJsonReport(report([failingPact(), unreadable]));
    // What a script reads is plain JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ version: 1, ok: false, tests: 4, failures: 3, pendingFailures: 0, durationMs: 1234 });
    expect(json.pacts[0]).toMatchObject({
      file: 'pacts/web-flashback.json',
      consumer: 'web',
      provider: 'flashback',
      surface: 'flashback',
      ok: false,
      durationMs: 250,
    });
    expect(json.pacts[0]!.interactions.map((interaction) => [interaction.description, interaction.providerStates, interaction.ok])).toEqual([
      ['status', ['the user has no MFA'], false],
      [TRICKY, [TRICKY_STATE], false],
      ['disable', [], true],
    ]);
    expect(json.pacts[0]!.interactions[0]!.specProblems).toEqual([
      'response.body.incompatible: must be boolean ([root].interactions[0].response.body.data.isEnabled)',
    ]);
    expect(json.pacts[1]).toMatchObject({
      consumer: null,
      provider: null,
      surface: null,
      fileProblems: ['pacts/notes.json: not a pact file'],
      interactions: [],
    });
  });
});

describe('a pending interaction in the JSON and text reports', () => {
  it('is counted apart from the failures, and marked where its problems are listed', () => {
    const json = toJsonReport(report([pactWithPendingFailure()]));
    expect(json).toMatchObject({ ok: true, tests: 2, failures: 0, pendingFailures: 1 });
    expect(json.pacts[0]!.interactions[1]).toMatchObject({ description: 'a new field', pending: true, ok: false });
    const lines = formatVerificationReport(report([pactWithPendingFailure()]));
    expect(lines[0]).toBe('PASS  pacts/web-flashback.json');
    expect(lines).toContain('      spec  1 problem(s), all of pending interactions (not fatal): checked against specs/flashback.openapi.yaml');
    expect(lines).toContain('            - "a new field" [pending]: response.status.unknown: Response status code not defined in spec file: 201');
    expect(lines).toContain('      mock  1/2 interactions verified against the running sandbox (1 pending failed: not fatal)');
    expect(lines).toContain('            - "a new field" (given the user has no MFA) [pending]: expected 201 but was 200');
    expect(lines.at(-1)).toMatch(/^verified 1 pact file\(s\), 2 interactions: all passed \(spec and mock\); 1 pending interaction failed \(not fatal\) in /);
  });
});

describe('a pact that fails beside a pending interaction', () => {
  it("names only the check that failed it in the summary, not the pending interaction's spec problem", () => {
    const pending = pactWithPendingFailure();
    const mock = {
      ok: false,
      interactions: [
        { description: 'status', ok: false, problems: ['$.data.isEnabled: expected true but was false'] },
        { description: 'a new field', ok: true, problems: [] },
      ],
      stateFailures: [],
    };
    const summaries = [statusSummary('status', 'the user has no MFA', false), statusSummary('a new field', 'the user has no MFA', true)];
    const results = toInteractionResults(summaries, pending.spec, mock);
    const failing = { ...pending, mock, results: results.interactions, fileProblems: results.fileProblems, ok: passesPact(results) };
    const lines = formatVerificationReport(report([failing]));
    expect(lines[0]).toBe('FAIL  pacts/web-flashback.json');
    expect(lines).toContain('      spec  1 problem(s), all of pending interactions (not fatal): checked against specs/flashback.openapi.yaml');
    // It said "(spec: 1, mock: 1)": the spec check failed nothing.
    expect(lines.at(-1)).toMatch(/: 1 pact file\(s\) FAILED \(mock: 1\); 1 pending interaction failed \(not fatal\) in /);
  });
});

describe('a provider state that failed', () => {
  it('is marked pending when only pending interactions use it', () => {
    const summaries = [statusSummary('status', 'the user has no MFA', false), statusSummary('later', 'the user has ascended', true)];
    const mock = {
      ok: false,
      interactions: [
        { description: 'status', ok: true, problems: [] },
        { description: 'later', ok: false, problems: [] },
      ],
      stateFailures: [{ state: 'the user has ascended', message: 'unknown provider state "the user has ascended"', interaction: 1 }],
    };
    const results = toInteractionResults(summaries, { ok: true, errors: [], warnings: [] }, mock);
    const pact = pactWith({
      consumer: 'web',
      provider: 'flashback',
      surface: 'flashback',
      interactions: 2,
      mock,
      results: results.interactions,
      ok: passesPact(results),
    });
    expect(pact.ok).toBe(true);
    expect(formatVerificationReport(report([pact]))).toContain(
      '            - provider state "the user has ascended" [pending]: unknown provider state "the user has ascended"',
    );
  });

  it('belongs to the interaction that failed it, not to another giving the same state', () => {
    // The first interaction gives the state alone and passed; the second gives it after another state, and failed it.
    const alone = statusSummary('failing alone', 'the identity service is failing', false);
    const after = {
      ...statusSummary('failing after MFA', 'the user has MFA enabled', false),
      providerStates: ['the user has MFA enabled', 'the identity service is failing'],
    };
    const message = 'another state of the same interaction chose mfa-enabled';
    const mock = {
      ok: false,
      interactions: [
        { description: 'failing alone', ok: true, problems: [] },
        { description: 'failing after MFA', ok: false, problems: ['One or more of the setup state change handlers has failed'] },
      ],
      stateFailures: [{ state: 'the identity service is failing', message, interaction: 1 }],
    };
    const results = toInteractionResults([alone, after], { ok: true, errors: [], warnings: [] }, mock);
    expect(results.interactions.map(({ description, ok }) => [description, ok])).toEqual([
      ['failing alone', true],
      ['failing after MFA', false],
    ]);
    // The reason alone: the verifier's "setup state change handlers has failed" names neither state nor why.
    expect(results.interactions[1]!.mockProblems).toEqual([`provider state "the identity service is failing": ${message}`]);
  });
});

describe('the text report', () => {
  it('names each failing interaction with its provider states, its state problem once, above', () => {
    const lines = formatVerificationReport(report([failingPact()]));
    expect(lines).toContain('      mock  1/3 interactions verified against the running sandbox');
    expect(lines).toContain(`            - "status" (given the user has no MFA): $.data.isEnabled: Expected false (Boolean) to be equal to 'yes' (String)`);
    expect(lines).toContain(`            - "${TRICKY}" (given ${TRICKY_STATE}): provider state "${TRICKY_STATE}" not set up (why: above)`);
    expect(lines.filter((line) => line.includes(`provider state "${TRICKY_STATE}":`))).toHaveLength(1);
    expect(lines.some((line) => line.includes('"disable"'))).toBe(false);
  });

  it("prints each spec warning under its pact's spec line, not only their count", () => {
    const warning = {
      code: 'request.content-type.missing',
      message: 'Request content-type header is missing',
      interaction: 'enable',
      location: '[root].interactions[0]',
    };
    const pact = pactWith({ consumer: 'web', provider: 'lerian', surface: 'lerian', interactions: 1, spec: { ok: true, errors: [], warnings: [warning] } });
    const lines = formatVerificationReport(report([pact]));
    expect(lines).toContain('      spec  ok: checked against specs/lerian.openapi.yaml (1 warning(s))');
    expect(lines).toContain('            ~ warning "enable": request.content-type.missing: Request content-type header is missing ([root].interactions[0])');
    // One interaction is one, in the pact's line and the total.
    expect(lines).toContain('      web -> lerian (surface lerian, 1 interaction)');
    expect(lines.at(-1)).toMatch(/^verified 1 pact file\(s\), 1 interaction: /);
  });

  it('counts a pact file refused before verification apart from the verified ones, and none of its interactions', () => {
    const otherSurface = pactWith({
      file: 'pacts/web-lerian.json',
      consumer: 'web',
      provider: 'lerian',
      interactions: 5,
      error: 'the pact is for lerian, not flashback (--surface)',
      fileProblems: ['the pact is for lerian, not flashback (--surface)'],
      ok: false,
    });
    const lines = formatVerificationReport(report([failingPact(), otherSurface]));
    expect(lines.at(-1)).toBe(
      'verified 1 pact file(s) (1 more refused before verification), 3 interactions: 2 pact file(s) FAILED (not verified: 1, spec: 1, mock: 1) in 1.2 s',
    );
    expect(formatVerificationReport(report([failingPact()])).at(-1)).toBe(
      'verified 1 pact file(s), 3 interactions: 1 pact file(s) FAILED (spec: 1, mock: 1) in 1.2 s',
    );
  });
});
