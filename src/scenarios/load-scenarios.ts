import type { Dirent } from 'node:fs';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { BUILD_SNAPSHOT_DIR, isJsonFaithful, readBuildSnapshot } from '../snapshots/build-snapshot.js';
import { isSurfaceId, SURFACE_IDS, type SurfaceId } from '../surfaces/registry.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import { scenarioFileValidator } from './scenario-file-validator.js';
import type { ScenarioParseCache } from './scenario-parse-cache.js';
import { toSourcePosition, withPositions } from './problem-positions.js';
import { findUnclosedFlowCollection } from './unclosed-flow-collection.js';
import { findUndefinedAlias } from './undefined-yaml-alias.js';
import { toUnreadableReason } from './unreadable-entry.js';
import { readUtf8FileText } from './utf8-file-text.js';
import { toScenarioNameProblem } from './scenario-names.js';
import { ScenarioError, ScenarioProblems, throwIfProblems } from './scenario-problems.js';
import { ScenarioShapeProblems, toScenarioFromData, toShapeProblems, toSoundPart, type ScenarioFileData, type ScenarioSoundPart } from './scenario-shape.js';

// The problems are declared apart (no file access there), so checks that run in a browser can raise them too.
export { ScenarioError, ScenarioProblems, throwIfProblems };
export { ScenarioShapeProblems, type ScenarioFileData, type ScenarioSoundPart };

const require = createRequire(import.meta.url);

// The YAML parser and the file schema's check are loaded on first use: a built server whose scenario files are all in
// the build's snapshot (or the user's cache) needs neither.

const SCENARIO_FILE = /\.ya?ml$/;
/** A file meant as a scenario whatever the case of its extension (`x.YAML`), which SCENARIO_FILE alone would skip. */
const MEANT_AS_SCENARIO_FILE = /\.ya?ml$/i;
/** A JSON file in a surface's folder: JSON is YAML, so it reads as meant for a scenario, and was skipped without a word. */
const JSON_FILE = /\.json$/i;

/** Parse and shape-check the text of one scenario file (the build does this once for the files it ships). */
export function parseScenarioFile(file: string, text: string, surface?: SurfaceId): ScenarioFileData {
  // UTF-16 (what Windows PowerShell 5's `>` and some editors write) read as UTF-8 is a NUL between every character:
  // YAML took the file for one string, and said only that a scenario file is a mapping (a scenario author's tour).
  if (text.includes('\u0000')) {
    const bom = text.startsWith('\ufffd\ufffd') ? ' (it starts with a UTF-16 byte order mark)' : '';
    throw new ScenarioError(file, '', `the file is not UTF-8 text${bom}: it looks like UTF-16, as Windows PowerShell's > writes it; save it as UTF-8`);
  }
  const { parse } = require('yaml') as typeof import('yaml');
  let data: unknown;
  try {
    // `<<: *anchor` merge keys (YAML 1.1's, which most editors and CI tools understand) let users share fields.
    data = parse(text, { merge: true });
  } catch (error) {
    // The parser's own words point a QA engineer at a library function (parseAllDocuments).
    if ((error as { code?: unknown }).code === 'MULTIPLE_DOCS') {
      throw new ScenarioError(file, '', 'the file holds more than one YAML document (a line of --- starts another); a scenario file is one: one scenario per file');
    }
    // An alias naming no anchor parses; building the data then fails in words that name neither it nor its line.
    const alias = (error as { linePos?: unknown }).linePos === undefined ? findUndefinedAlias(text) : undefined;
    if (alias) throw new ScenarioError(file, '', `not valid YAML: ${alias.reason}`, alias.position);
    // Where the parser stopped, as a position (a terminal opens the file there), and its words without the snippet
    // of the file it quotes, whose lines broke the one-problem-per-line list `check` prints.
    const at = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const words = (error as Error).message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trimEnd();
    // "... must end with a }" is said at the line after the one missing it: point at the bracket left open.
    const closer = /end with an? ([}\]])$/.exec(words)?.[1];
    const offset = (error as { pos?: [number, number] }).pos?.[0];
    const unclosed = closer && offset !== undefined ? findUnclosedFlowCollection(text, offset, closer === '}' ? '{' : '[') : undefined;
    if (unclosed && at)
      throw new ScenarioError(file, '', `not valid YAML: ${words}: the ${unclosed.opener} here is not closed before line ${at.line}`, unclosed.position);
    throw new ScenarioError(file, '', `not valid YAML: ${words}`, at && toSourcePosition(text, at.line, at.col));
  }
  // The whole file of the wrong kind: say what it is and what a scenario file holds, not only "must be object".
  if (data === null || data === undefined) throw new ScenarioError(file, '', 'the file is empty; a scenario file holds at least `description:`');
  if (typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data) ? 'a list' : `a single ${typeof data}`;
    throw new ScenarioError(file, '', `the file is ${kind}; a scenario file is a mapping (description:, and optionally world:, overrides:, lockout:)`);
  }
  const validateFile = scenarioFileValidator(BUILD_SNAPSHOT_DIR);
  if (!validateFile(data)) throw new ScenarioShapeProblems(toShapeProblems(file, validateFile.errors ?? [], data, surface), data);
  return data as ScenarioFileData;
}

/** The problem of a scenario file's name (`My Scenario.yaml`), if it has one: the name is the scenario's, in URLs. */
function toNameProblem(file: string): ScenarioError | undefined {
  const extension = SCENARIO_FILE.exec(basename(file))?.[0] ?? '';
  const problem = toScenarioNameProblem(basename(file).slice(0, basename(file).length - extension.length), extension);
  return problem === undefined ? undefined : new ScenarioError(file, '', problem);
}

/**
 * Parse and shape-check one scenario file (`read`: its content as a build or an earlier start already parsed and
 * checked it, else parsed now). A bad name is a problem beside the content's (one run lists both), and a file with one
 * is still checked against the spec.
 */
export function toScenario(file: string, surface: SurfaceId, text: string, read = () => parseScenarioFile(file, text, surface)): Scenario {
  const nameProblem = toNameProblem(file);
  let declared: ScenarioFileData;
  try {
    declared = read();
  } catch (error) {
    if (nameProblem && error instanceof ScenarioShapeProblems) throw new ScenarioShapeProblems([nameProblem, ...error.problems], error.data);
    if (nameProblem && error instanceof ScenarioError) throw new ScenarioProblems([nameProblem, error]);
    throw error;
  }
  if (nameProblem) throw new ScenarioShapeProblems([nameProblem], declared);
  return toScenarioFromData(basename(file).replace(SCENARIO_FILE, ''), surface, declared, file);
}

/** The scenarios read, by surface and name, and every problem met on the way. */
export interface ScenarioReading {
  catalogue: ScenarioCatalogue;
  problems: ScenarioError[];
  /**
   * The sound parts of files whose shape is wrong (the overrides, or the world, without a shape problem): not served,
   * but checked against the spec like the rest, so one run lists a file's spec problems beside its shape problems.
   */
  soundParts: ScenarioSoundPart[];
  /** Scenarios a later directory's file replaced (the user's own of a shipped scenario's surface and name). */
  replacements: ScenarioReplacement[];
}

/** A scenario served from a later directory's file instead of an earlier one's of the same surface and name. */
export interface ScenarioReplacement {
  surface: string;
  name: string;
  /** The file served. */
  file: string;
  /** The file it replaces. */
  replaced: string;
}

/**
 * What a start and `check` say of a replaced scenario: it is what `--scenarios` is for (the README says so), but a file
 * named like a shipped scenario by chance would change that scenario without a word.
 *
 * @example
 * toReplacementNotice({ surface: 'lerian', name: 'missing-user', file: '/me/lerian/missing-user.yaml', replaced: '/pkg/scenarios/lerian/missing-user.yaml' })
 * // 'lerian scenario "missing-user": /me/lerian/missing-user.yaml replaces the shipped one (/pkg/scenarios/lerian/missing-user.yaml); give the file another name to keep both'
 */
export function toReplacementNotice({ surface, name, file, replaced }: ScenarioReplacement): string {
  return `${surface} scenario "${name}": ${file} replaces the shipped one (${replaced}); give the file another name to keep both`;
}

function asProblems(error: unknown, file: string): ScenarioError[] {
  if (error instanceof ScenarioProblems) return [...error.problems];
  if (error instanceof ScenarioError) return [error];
  return [new ScenarioError(file, '', (error as Error).message)];
}

/**
 * What a directory entry is, a symbolic link followed (a surface folder or scenario file linked from a shared place
 * is what it links to). `other`: a named pipe, socket or device, which reading would block on or make no sense of.
 */
function kindOf(dir: string, entry: Dirent): 'directory' | 'file' | 'other' | 'broken-link' | 'link-loop' {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
  try {
    const target = statSync(join(dir, entry.name));
    return target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'link-loop' : 'broken-link';
  }
}

const UNREADABLE: Record<'other' | 'broken-link' | 'link-loop', string> = {
  other: 'not a plain file (a named pipe, socket or device)',
  'broken-link': 'a symbolic link to nothing (its target does not exist)',
  'link-loop': 'a symbolic link that leads back to itself (a loop of links)',
};

/** Why an entry that is no plain file or folder cannot be read as one. */
function unreadable(kind: 'other' | 'broken-link' | 'link-loop'): string {
  return UNREADABLE[kind];
}

/** The entries of one scenarios directory that are surface folders; anything else that looks meant as one is a problem. */
function surfaceFolders(dir: string, problems: ScenarioError[]): Set<SurfaceId> {
  const folders = new Set<SurfaceId>();
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push(new ScenarioError(dir, '', missing ? 'not a scenarios directory: there is no such directory' : toUnreadableReason(error, dir, 'scenarios directory')));
    return folders;
  }
  // Code-unit order, not localeCompare: the first localeCompare of a process loads ICU's collator (~6 ms of a cold start).
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const kind = kindOf(dir, entry);
    if (kind === 'directory') {
      if (isSurfaceId(entry.name)) folders.add(entry.name);
      else {
        const meant = toDidYouMean(entry.name, SURFACE_IDS);
        problems.push(new ScenarioError(join(dir, entry.name), '', `"${entry.name}" is not a surface${meant}; a scenarios directory holds one folder per surface: ${SURFACE_IDS.join(', ')}`));
      }
    } else if (isSurfaceId(entry.name)) {
      const what = kind === 'file' ? 'a file' : unreadable(kind);
      problems.push(new ScenarioError(join(dir, entry.name), '', `${what}, not a folder: ${entry.name}'s scenario files sit in a folder of that name`));
    } else if (MEANT_AS_SCENARIO_FILE.test(entry.name)) {
      // A surface's folder given as the scenarios directory (`--scenarios my/flashback`): its parent is meant.
      const surfaceFolder = isSurfaceId(basename(dir));
      const where = surfaceFolder
        ? `${dir} is ${basename(dir)}'s own folder: give its parent as the scenarios directory (--scenarios ${dirname(dir)}), which holds one folder per surface`
        : `a scenario file belongs in its surface's folder, e.g. ${join(dir, SURFACE_IDS[0]!, entry.name)}`;
      problems.push(new ScenarioError(join(dir, entry.name), '', where));
    }
  }
  return folders;
}

/**
 * The scenario files of one surface folder, by scenario name; `x.yaml` beside `x.yml` is a problem (which one counts?),
 * and so is what looks meant as a scenario but would be skipped without a word: a sub-folder, an upper-case extension.
 */
function scenarioFiles(surfaceDir: string, problems: ScenarioError[]): Map<string, string> {
  const files = new Map<string, string>();
  const names: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(surfaceDir, { withFileTypes: true });
  } catch (error) {
    problems.push(new ScenarioError(surfaceDir, '', toUnreadableReason(error, surfaceDir, 'folder')));
    return files;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(surfaceDir, entry.name);
    const kind = kindOf(surfaceDir, entry);
    if (kind === 'directory') problems.push(new ScenarioError(path, '', `sub-folders are not read: a surface's scenario files sit directly in ${surfaceDir}`));
    else if (SCENARIO_FILE.test(entry.name)) {
      // Read, a named pipe held the start (and `check`) for ever without a word.
      if (kind === 'file') names.push(entry.name);
      else problems.push(new ScenarioError(path, '', `${unreadable(kind)}: a scenario file is a plain file`));
    }
    else if (MEANT_AS_SCENARIO_FILE.test(entry.name)) problems.push(new ScenarioError(path, '', 'scenario files end in .yaml or .yml, in lower case'));
    else if (JSON_FILE.test(entry.name))
      problems.push(new ScenarioError(path, '', `scenario files end in .yaml or .yml; JSON is YAML, so rename it to ${entry.name.replace(JSON_FILE, '.yaml')}`));
  }
  for (const file of names.sort()) {
    const name = file.replace(SCENARIO_FILE, '');
    const twin = files.get(name);
    if (twin) problems.push(new ScenarioError(join(surfaceDir, file), '', `scenario "${name}" is also defined by ${twin}; keep one of the two files`));
    else files.set(name, join(surfaceDir, file));
  }
  return files;
}

/**
 * A file's content parsed and shape-checked: as an earlier start kept it (`cache`), as the build stored it
 * (`snapshotDir`), or parsed now, then kept in the cache for the next start (if JSON carries it exactly).
 */
function checkedContent(path: string, surface: SurfaceId, text: string, snapshotDir: string | false, cache: ScenarioParseCache | undefined): ScenarioFileData {
  // The cache first: a lookup in memory, where the build's snapshot costs a failed file read for each user file.
  const stored = cache?.take(text) ?? (snapshotDir ? readBuildSnapshot<ScenarioFileData>(snapshotDir, 'scenarios', text) : undefined);
  if (stored) return stored;
  const parsed = parseScenarioFile(path, text, surface);
  if (cache && isJsonFaithful(parsed)) cache.keep(text, parsed);
  return parsed;
}

/**
 * Read every `<dir>/<surface>/<name>.yaml` (or `.yml`) of the given surfaces from each directory in turn: a later
 * directory adds scenarios and replaces an earlier one's of the same surface and name (the user's own over the shipped
 * ones). Shape only: `checkScenarios` checks them against the specs. Problems are collected, not thrown, so that
 * every one of them can be reported in one run. A file whose exact text the build already parsed and checked comes
 * from the build's snapshot (`snapshotDir`; `false` always parses), one an earlier start parsed from `cache` (the
 * caller saves it). Files are read synchronously (see readBuildSnapshot).
 */
export async function readScenarios(
  dirs: readonly string[],
  surfaces: readonly SurfaceId[],
  snapshotDir: string | false = BUILD_SNAPSHOT_DIR,
  cache?: ScenarioParseCache,
): Promise<ScenarioReading> {
  const catalogue = new Map<string, Map<string, Scenario>>(surfaces.map((surface) => [surface, new Map()]));
  const problems: ScenarioError[] = [];
  const soundParts: ScenarioSoundPart[] = [];
  const replacements: ScenarioReplacement[] = [];
  for (const dir of dirs) {
    const folders = surfaceFolders(dir, problems);
    for (const surface of surfaces) {
      if (!folders.has(surface)) continue;
      for (const [name, path] of scenarioFiles(join(dir, surface), problems)) {
        let text: string;
        try {
          text = readUtf8FileText(path);
        } catch (error) {
          problems.push(error instanceof ScenarioError ? error : new ScenarioError(path, '', toUnreadableReason(error, path, 'file')));
          continue;
        }
        try {
          const earlier = catalogue.get(surface)!.get(name)?.file;
          catalogue.get(surface)!.set(name, toScenario(path, surface, text, () => checkedContent(path, surface, text, snapshotDir, cache)));
          // Not a file read twice (a directory given as the shipped one's too).
          if (earlier !== undefined && earlier !== path) replacements.push({ surface, name, file: path, replaced: earlier });
        } catch (error) {
          problems.push(...asProblems(error, path));
          const sound = error instanceof ScenarioShapeProblems ? toSoundPart(error, basename(path).replace(SCENARIO_FILE, ''), surface, path) : undefined;
          if (sound) soundParts.push(sound);
        }
      }
    }
  }
  return { catalogue, problems, soundParts, replacements };
}

/**
 * Load the scenarios of the given surfaces from one directory, or several (later ones add and override, see
 * readScenarios); throws ScenarioProblems listing every problem.
 *
 * @example
 * const catalogue = await loadScenarios(['scenarios', 'my-scenarios'], ['flashback']);
 * catalogue.get('flashback')?.get('org-enforced')?.description
 */
export async function loadScenarios(dirs: string | readonly string[], surfaces: readonly SurfaceId[], snapshotDir: string | false = BUILD_SNAPSHOT_DIR): Promise<ScenarioCatalogue> {
  const { catalogue, problems } = await readScenarios(typeof dirs === 'string' ? [dirs] : dirs, surfaces, snapshotDir);
  throwIfProblems(withPositions(problems));
  return catalogue;
}
