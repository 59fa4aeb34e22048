import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config-error.js';
import { SandboxError, stampErrorClass } from '../../src/errors.js';
import { SpecError } from '../../src/openapi/load-spec.js';
import { JournalVerificationError } from '../../src/pipeline/sandbox-session.js';
import { OutboxWaitTimeoutError } from '../../src/pipeline/outbox-wait.js';
import { ScenarioError, ScenarioProblems } from '../../src/scenarios/scenario-problems.js';
import { UnusableSettingError } from '../../src/config.js';

/**
 * An error the package's other build threw (`require` beside `import` in one process) is made by another copy of its
 * class: the same stamp under the global symbol registry, another prototype. Made here as that copy makes it.
 */
function fromTheOtherBuild(className: string): Error {
  const error = new Error(`thrown by the other build's ${className}`);
  stampErrorClass(error, className);
  return error;
}

const PUBLIC_CLASSES = { ConfigError, SandboxError, SpecError, ScenarioError, ScenarioProblems, JournalVerificationError, OutboxWaitTimeoutError };

describe("the public error classes' instanceof, across the package's two builds", () => {
  it("takes an error of the other build's copy of the same class, and of no other class", () => {
    for (const [name, type] of Object.entries(PUBLIC_CLASSES)) {
      const foreign = fromTheOtherBuild(name);
      expect(foreign instanceof type, name).toBe(true);
      const others = Object.entries(PUBLIC_CLASSES).filter(([other]) => other !== name);
      expect(
        others.filter(([, other]) => foreign instanceof other).map(([other]) => other),
        name,
      ).toEqual([]);
    }
    expect(new Error('plain') instanceof SandboxError).toBe(false);
    expect((null as unknown) instanceof SandboxError).toBe(false);
  });

  it('keeps instanceof of this build as it was, subclasses included, and adds nothing an error shows', () => {
    const config = new UnusableSettingError('--port: not a number');
    expect([config instanceof ConfigError, config instanceof UnusableSettingError, config instanceof Error]).toEqual([true, true, true]);
    // A subclass stamps nothing of its own: the other build's ConfigError is no UnusableSettingError.
    expect(fromTheOtherBuild('ConfigError') instanceof UnusableSettingError).toBe(false);
    const sandboxError = new SandboxError('MOCK_ERR_UNKNOWN_USER', 'no user usr_nobody');
    expect([sandboxError instanceof SandboxError, sandboxError instanceof ConfigError]).toEqual([true, false]);
    const enumerableSymbols = Object.getOwnPropertySymbols(sandboxError).filter((key) => Object.getOwnPropertyDescriptor(sandboxError, key)!.enumerable);
    expect(enumerableSymbols).toEqual([]);
    expect(JSON.stringify(new ConfigError('x'))).toBe('{"name":"ConfigError"}');
  });
});
