// @ts-check
/**
 * The dependency directions of docs/architecture (state <- engine <- openapi <- pipeline <- surfaces/<id> <- server, msw
 * <- admin, app.ts <- cli.ts, main.ts, index.ts) as ESLint config blocks, so an import that points the wrong way fails
 * `npm run lint`.
 *
 * Why ESLint's own `no-restricted-imports` and no plugin: the repository imports `.js` specifiers of `.ts` files, which
 * eslint-plugin-boundaries and eslint-plugin-import-x only understand through a resolver (a native one, or a hand-written
 * one); an import that a resolver fails to resolve is skipped by both plugins without a word. The built-in rule matches
 * the specifier text, which is exact here because every block below is generated for one folder of src/ (read from the
 * disk when ESLint starts, so a new folder is covered too), with the relative path from that folder to each forbidden
 * place, and each block carries a message that names the rule it enforces.
 *
 * `no-restricted-imports` checks `import`, `import type`, `export ... from`; a dynamic `import('x')` is checked by a
 * `no-restricted-syntax` selector built from the same patterns; core globals (`Buffer`, `process`, ...) by
 * `no-restricted-globals`. test/unit/lint-boundaries.test.ts lints small snippets against this config so the rules
 * cannot silently stop working.
 */
import { readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = posix.dirname(fileURLToPath(import.meta.url).replaceAll('\\', '/'));

/**
 * The ranked layers, lowest first. A file in a ranked layer never imports a layer ranked above it. Folders of src/ that
 * are not listed (docs/, console/, contracts/, scenarios/, snapshots/, types/, the loose files such as errors.ts) are
 * Node-side helpers outside the ranking; the core layers below still refuse them through their allow-lists.
 */
const RANKS = [
  ['src/state'],
  ['src/engine'],
  ['src/openapi'],
  ['src/pipeline'],
  ['src/surfaces'],
  ['src/server', 'src/msw', 'src/postgres'],
  ['src/admin', 'src/app.ts'],
  ['src/cli.ts', 'src/main.ts', 'src/index.ts', 'src/playwright'],
];

/**
 * The core runs in a browser (MSW) and in Node alike: each core layer may import only these places inside src/.
 * state/ imports nothing internal; engine/ sees state/ (the StateStore interface) and the fault catalogue errors.ts, which
 * the engine imports and which therefore imports only state/ (to answer an unreachable store with a 503).
 */
const CORE_ALLOWED = {
  'src/state': ['src/state'],
  'src/errors.ts': ['src/errors.ts', 'src/state'],
  'src/engine': ['src/engine', 'src/state', 'src/errors.ts'],
  'src/pipeline': ['src/pipeline', 'src/engine', 'src/state', 'src/openapi', 'src/errors.ts'],
};

/** openapi/ is pure except its file loader: load-spec.ts reads spec files, so it alone may use Node built-ins. */
const OPENAPI_FILE_LOADERS = ['src/openapi/load-spec.ts'];

/** The entry file of a surface folder: from outside src/surfaces/<id>/ only this may be imported (the registry does). */
const surfaceEntryFiles = (id) => [`${id}-descriptor.ts`];

/** The only importers of the composition root. */
const APP_IMPORTERS = ['src/main.ts', 'src/cli.ts', 'src/index.ts'];

const CONFINED_PACKAGES = [
  { regex: '^fastify(/|$)', message: 'Fastify is a transport: below admin/ and app.ts, only src/server/ imports it.' },
  { regex: '^@fastify/', message: 'Fastify plugins belong to the server transport (src/server/).' },
  { regex: '^msw(/|$)', message: 'MSW is a transport: only src/msw/ imports it.' },
  { regex: '^postgres(/|$)', message: 'The PostgreSQL client belongs to the PostgreSQL state store (src/postgres/); app.ts picks it.' },
];

/** Which package a transport rule guards: `fastify` (and its plugins), `msw` or `postgres`. */
const packageOf = (rule) => (rule.regex.includes('msw') ? 'msw' : rule.regex.includes('postgres') ? 'postgres' : 'fastify');

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex that matches every way of naming a Node built-in: `node:fs`, `fs`, `fs/promises`. */
const NODE_BUILTINS_REGEX = `^(node:|(${builtinModules
  .filter((name) => !name.startsWith('_'))
  .map(escapeRegex)
  .join('|')})(/|$))`;

/** Node-only globals a browser lacks; the core uses WebCrypto, Uint8Array and an injected clock instead. */
const NODE_GLOBALS = ['Buffer', 'process', 'global', '__dirname', '__filename', 'require', 'module', 'exports', 'setImmediate', 'clearImmediate'];

const isDirectory = (path) => statSync(posix.join(ROOT, path)).isDirectory();

/** Every folder under src/ (itself included) that holds source files, as repository-relative posix paths. */
function sourceFolders(folder = 'src') {
  const children = readdirSync(posix.join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => sourceFolders(posix.join(folder, entry.name)));
  return [folder, ...children];
}

/**
 * The folders the layering names (src/pipeline, src/server, src/msw ...), whether or not they exist yet: a rule for a
 * folder that is created later is then in force from its first file.
 */
const NAMED_FOLDERS = [...new Set([...RANKS.flat(), ...Object.keys(CORE_ALLOWED)])].filter((place) => !place.endsWith('.ts'));

/** The top-level places of src/: its folders (on disk or named by the layering) and its loose .ts files. */
function topLevelPlaces() {
  const onDisk = readdirSync(posix.join(ROOT, 'src'))
    .filter((name) => name.endsWith('.ts') || isDirectory(posix.join('src', name)))
    .map((name) => posix.join('src', name));
  return [...new Set([...onDisk, ...NAMED_FOLDERS])];
}

/** The folders of src/surfaces/ that hold one surface each. */
function surfaceIds() {
  return readdirSync(posix.join(ROOT, 'src/surfaces'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

const isInside = (path, place) => path === place || path.startsWith(`${place}/`);

/** The specifier text, relative to `fromFolder`, that points at `place` (a folder or a .ts file). */
function specifierFor(fromFolder, place) {
  const relative = posix.relative(fromFolder, place.replace(/\.ts$/, ''));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** A regex for a specifier written in `fromFolder` that lands in `place` (a folder: anything in it; a file: .js/.ts/none). */
function placeRegex(fromFolder, place) {
  const specifier = escapeRegex(specifierFor(fromFolder, place));
  return place.endsWith('.ts') ? `^${specifier}(\\.js|\\.ts)?$` : `^${specifier}(/|$)`;
}

const rankOf = (place) => RANKS.findIndex((rank) => rank.some((entry) => isInside(place, entry)));

/** The core layer (a key of CORE_ALLOWED) that holds `path`, if any. */
const coreLayerOf = (path) => Object.keys(CORE_ALLOWED).find((core) => isInside(path, core));

/** Beyond the core, what the MSW handlers bundle into a page: every vendor surface and the MSW adapter itself. */
const BROWSER_BUNDLED = ['src/surfaces', 'src/msw'];

/** Whether code at `path` must run in a browser: the core layers, openapi/ except its file loader, surfaces and msw. */
const isBrowserSafe = (path) =>
  Boolean(coreLayerOf(path)) ||
  (isInside(path, 'src/openapi') && !OPENAPI_FILE_LOADERS.includes(path)) ||
  BROWSER_BUNDLED.some((place) => isInside(path, place));

/** Where time must come from the injected clock: the core and the surfaces (a session can run on its own clock). */
const usesInjectedClock = (path) => Boolean(coreLayerOf(path)) || isInside(path, 'src/surfaces');

/**
 * What the files at `path` (a folder of src/, or one file) must not import: a list of `{ regex, message }`.
 * @param {string} path
 */
function forbiddenFor(path) {
  const folder = path.endsWith('.ts') ? posix.dirname(path) : path;
  /** @type {{ regex: string, message: string }[]} */
  const forbidden = [];
  const places = topLevelPlaces();
  const layer = coreLayerOf(path);
  const rank = rankOf(path);

  if (layer) {
    const allowed = CORE_ALLOWED[layer];
    for (const place of places.filter((candidate) => !allowed.some((entry) => isInside(candidate, entry)))) {
      const imports =
        allowed.length > 1 ? `imports only ${allowed.filter((entry) => entry !== layer).join(', ')} besides itself` : 'imports nothing else from src/';
      forbidden.push({ regex: placeRegex(folder, place), message: `${layer} is the core: it ${imports} (ARCHITECTURE.md, Layers).` });
    }
  } else if (rank >= 0) {
    for (const place of places.filter((candidate) => rankOf(candidate) > rank)) {
      forbidden.push({ regex: placeRegex(folder, place), message: `Nothing imports upward: ${path} sits below ${place} in the layers of ARCHITECTURE.md.` });
    }
  }

  if (isBrowserSafe(path)) {
    forbidden.push({
      regex: NODE_BUILTINS_REGEX,
      message: `${layer ?? path} runs in a browser too: no Node built-ins (use WebCrypto, Uint8Array, TextEncoder, an injected clock).`,
    });
  }
  if (layer || (rank >= 0 && rank <= 5)) {
    const mayUse = { fastify: isInside(path, 'src/server'), msw: isInside(path, 'src/msw'), postgres: isInside(path, 'src/postgres') };
    forbidden.push(...CONFINED_PACKAGES.filter((rule) => !mayUse[packageOf(rule)]));
  }

  // Core and ranked layers below app.ts refuse it already; this covers the unranked helpers and the layers beside it.
  if (!layer && (rank < 0 || rank >= rankOf('src/app.ts')) && !APP_IMPORTERS.includes(path) && path !== 'src/app.ts') {
    forbidden.push({
      regex: placeRegex(folder, 'src/app.ts'),
      message: 'Only src/main.ts, src/cli.ts and src/index.ts import the composition root src/app.ts.',
    });
  }

  for (const id of surfaceIds()) {
    const surfaceFolder = `src/surfaces/${id}`;
    if (isInside(path, surfaceFolder)) continue;
    const prefix = escapeRegex(specifierFor(folder, surfaceFolder));
    if (folder.startsWith('src/surfaces/')) {
      forbidden.push({
        regex: `^${prefix}(/|$)`,
        message: `A surface never imports a sibling surface (${surfaceFolder}): share through src/engine or src/surfaces/*.ts.`,
      });
    } else {
      const entries = surfaceEntryFiles(id).map((entry) => escapeRegex(entry.replace(/\.ts$/, '')));
      forbidden.push({
        regex: `^${prefix}/(?!(${entries.join('|')})(\\.js|\\.ts)?$)`,
        message: `${surfaceFolder} is entered through its entry file (${surfaceEntryFiles(id).join(' or ')}), never through a file inside it.`,
      });
    }
  }
  return forbidden;
}

/**
 * The rules of one block. Each block sets all three rules, because in a flat config a later block's options for a rule
 * replace an earlier block's, they do not add up.
 * @param {string} path
 * @returns {import('eslint').Linter.RulesRecord}
 */
function rulesFor(path) {
  const forbidden = forbiddenFor(path);
  // esquery's regex literal cannot contain "/", so the selector spells it \x2F.
  const selectorRegex = (regex) => regex.replaceAll('/', '\\x2F');
  return {
    'no-restricted-imports': ['error', { patterns: forbidden.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': [
      'error',
      ...forbidden.map(({ regex, message }) => ({ selector: `ImportExpression > Literal.source[value=/${selectorRegex(regex)}/]`, message })),
    ],
    'no-restricted-globals': isBrowserSafe(path)
      ? ['error', ...NODE_GLOBALS.map((name) => ({ name, message: `${name} is Node-only, and ${coreLayerOf(path) ?? path} runs in a browser too.` }))]
      : 'off',
    'no-restricted-properties': usesInjectedClock(path)
      ? [
          'error',
          {
            object: 'Date',
            property: 'now',
            message: `${path} takes its time from the injected Clock (engine/clock.ts), so sessions and tests can control it.`,
          },
        ]
      : 'off',
  };
}

/**
 * The ESLint config blocks of the import boundaries: one per folder under src/, one per loose file of src/, then one per
 * file that has an exception (later blocks win).
 * @returns {import('eslint').Linter.Config[]}
 */
export function importBoundaries() {
  const looseFiles = topLevelPlaces().filter((place) => place.endsWith('.ts'));
  const folders = [...new Set([...sourceFolders(), ...NAMED_FOLDERS])].filter((folder) => folder !== 'src');
  const exceptions = OPENAPI_FILE_LOADERS;
  return [
    ...folders.map((folder) => ({ name: `import-boundaries/${folder}`, files: [`${folder}/*.ts`], rules: rulesFor(folder) })),
    ...[...looseFiles, ...exceptions].map((file) => ({ name: `import-boundaries/${file}`, files: [file], rules: rulesFor(file) })),
  ];
}
