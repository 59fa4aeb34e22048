// mfa-sandbox QA console: plain DOM, no framework, and only the admin API (/__admin). Every value from the sandbox is
// rendered as text (never as HTML), since journal bodies are whatever a client sent.

// Beside the page (`<prefix>/__console/` -> `<prefix>/__admin`): behind a proxy that serves the sandbox under a path, the
// admin API is under the same path.
const ADMIN = new URL('../__admin', document.baseURI).pathname;
/**
 * The server's rule for a session id (src/pipeline/request-context.ts). Checked here before any request: a browser
 * resolves "." and ".." in a URL, so /__admin/sessions/./journal would reach the server as /__admin/sessions/journal
 * and read (so create) a session named "journal".
 */
const SESSION_ID = /^(?!\.\.?$)[A-Za-z0-9._:-]{1,128}$/;
const SESSION_ID_RULE = 'a session id is 1 to 128 letters, digits and . _ : - (and not "." or "..")';
const TOKEN_KEY = 'mfa-sandbox-admin-token';
/** How often the session list is read again while live updates are on. */
const SESSION_LIST_EVERY_MS = 5_000;
const $ = (selector) => document.querySelector(selector);

/** The journal filter's status choices (the select's values): a status class, or everything but 2xx. */
const JOURNAL_STATUS_CHOICES = ['', '2', '4', '5', 'not-2'];

/** The journal filter an address names (`?operation=flashback/getMFAStatus&status=4`): a reload or a shared link keeps it. */
function journalFilterOf(params) {
  const status = params.get('status') ?? '';
  return { operation: params.get('operation') ?? '', status: JOURNAL_STATUS_CHOICES.includes(status) ? status : '' };
}

const state = {
  session: new URLSearchParams(location.search).get('session'),
  journalFilter: journalFilterOf(new URLSearchParams(location.search)),
  scenarios: {},
  token: sessionStorage.getItem(TOKEN_KEY),
  totp: [],
  /** Each surface's operations with their statuses and example names (GET /__admin/surfaces), for the override form. */
  operations: {},
  /** Whether QA picked the override form's status, or it is still the one preselected for the operation. */
  overrideStatusPicked: false,
  /** The status preselected for the override form's operation ('' for none). */
  overrideStatusPreselected: '',
  totpFetchedAt: 0,
  expanded: new Set(),
  /** The page and filter of each long list (a world's users, the TOTP codes), kept across refreshes. */
  pages: {},
  /** The session state last shown, so paging redraws the worlds without fetching again. */
  shownSession: undefined,
  /** The button the next redraw puts the keyboard on, when the focused one goes away (a removed answer's). */
  focusAfterRedraw: undefined,
  /** The journal last loaded, so a change of its filter redraws it without fetching again. */
  journal: undefined,
};

/** Build an element: el('td', { class: 'x' }, 'text', childNode). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

class AdminError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail ?? fallback);
    this.status = status;
    this.code = problem?.code;
    this.problems = problem?.problems;
    this.hint = typeof problem?.hint === 'string' ? problem.hint : undefined;
  }
}

async function admin(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  const response = await fetch(`${ADMIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch(() => {
    // The browser says only "Failed to fetch": say what it means here, and what to do.
    throw Object.assign(new Error('The sandbox cannot be reached (it stopped, or this page lost the network): start it again, then retry.'), {
      unreachable: true,
    });
  });
  if (response.status === 204) return null;
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const data = isJson ? await response.json() : await response.text();
  if (!response.ok) throw new AdminError(response.status, isJson ? data : undefined, `${method} ${ADMIN}${path}: HTTP ${response.status}`);
  return data;
}

/**
 * Show an error, or hide it (no error). `source` says what failed: an action's error (a click, a form) stays until the
 * next action, so the live refresh a polling frontend triggers every second does not wipe it before it is read; a
 * failed load is hidden by the next load that succeeds.
 */
function showError(error, source = 'action') {
  const box = $('#error');
  clearFieldErrors();
  if (!error) {
    box.hidden = true;
    return;
  }
  state.errorSource = source;
  state.errorUnreachable = error.unreachable === true;
  const unauthorized = error.code === 'MOCK_ERR_ADMIN_UNAUTHORIZED';
  const refusedToken = unauthorized && state.token;
  // The server's words tell an HTTP client which header to send; a person at this page types the token instead.
  const message = refusedToken
    ? `The admin token entered here was refused: check it and enter it again. (${error.message})`
    : unauthorized
      ? 'This sandbox was started with an admin token (--admin-token, MFA_SANDBOX_ADMIN_TOKEN): enter it below to use the console.'
      : error.message;
  // The sandbox's hint says how to get past a refusal (e.g. how to open the admin API to this address).
  // Not beside the token prompt: there the hint is the header an HTTP client sends, and the page asks for the token.
  box.textContent = error.hint && !unauthorized ? `${message.replace(/\.$/, '')}. To fix: ${error.hint.replace(/\.$/, '')}.` : message;
  box.hidden = false;
  $('#notice').hidden = true; // an earlier success must not read as this action's
  $('#token-form').hidden = !unauthorized;
  if (unauthorized) $('#admin-token').focus(); // the one thing to do now, and where the keyboard was lost
}

/**
 * Run one action of the QA (a click, a form): an earlier action's error is over once this one starts; on success the
 * view is reloaded, on failure `onError` shows why (the view is left as it is). Resolves to what `work` returned, or
 * undefined when it failed, so the caller can say what the action did.
 */
async function act(work, onError = showError) {
  showError(undefined);
  $('#notice').hidden = true;
  let done;
  try {
    done = (await work()) ?? true;
  } catch (error) {
    onError(error);
    return undefined;
  }
  await refresh();
  return done;
}

/**
 * Say `text` to a screen reader: through a live region that is always on the page (one shown only when it gets its
 * text is often not read out), emptied first so the same words said twice are read twice.
 */
function announce(text) {
  const region = $('#announcer');
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

function fill(tbody, rows, emptyText, columns) {
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { class: 'empty', colspan: columns }, emptyText))]));
}

/**
 * In UTC, as the Clock card shows the session's time (the browser's local time could not be matched to a moved clock),
 * with its date when that is not the session's day: a message sent before the clock jumped a year read as sent today.
 */
function time(iso) {
  if (!iso) return '';
  const text = new Date(iso).toISOString();
  const day = text.slice(0, 10);
  return day === (sessionDay() ?? day) ? text.slice(11, 19) : `${day} ${text.slice(11, 19)}`;
}

/** The session's day now (YYYY-MM-DD, UTC), as its clock was last read; undefined before it was. */
function sessionDay() {
  if (!state.clock) return undefined;
  const { nowMs, frozen, fetchedAt } = state.clock;
  return new Date(frozen ? nowMs : nowMs + (Date.now() - fetchedAt)).toISOString().slice(0, 10);
}

// ---- long lists: a page at a time, with a filter ------------------------------------------------------------------

/** Lists longer than this show one page at a time: a generated world of thousands of users stays quick to draw. */
const PAGE_SIZE = 50;

/**
 * Text as the filter compares it: compatibility-decomposed, accents and other combining marks dropped, lower-cased. So
 * "ismail" finds İsmail (whose lower case is i + a combining dot), "Émile" typed composed finds an É stored decomposed,
 * and "jose" finds José, as a search box is expected to.
 */
const foldForSearch = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The items of one list to draw now (the filter's matches, one page of them) and the controls to move through them:
 * a filter box (named "Filter <label>") and prev/next, shown once the list is longer than a page. `redraw` draws the
 * list again after a change.
 */
function pageOf(key, label, items, searchText, redraw) {
  const view = (state.pages[key] ??= { page: 0, filter: '' });
  const needle = foldForSearch(view.filter.trim());
  const matching = needle ? items.filter((item) => foldForSearch(searchText(item)).includes(needle)) : items;
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  view.page = Math.min(view.page, pages - 1);
  const from = view.page * PAGE_SIZE;
  const shown = matching.slice(from, from + PAGE_SIZE);
  if (items.length <= PAGE_SIZE && !needle) return { shown, controls: '' };
  const go = (page, move) => {
    view.page = page;
    redraw();
    if (move) keepPagerFocus(key, move);
  };
  const status = matching.length ? `${from + 1}–${from + shown.length} of ${matching.length}` : 'none';
  const controls = el(
    'div',
    { class: 'pager', 'data-pager': key },
    el('input', {
      type: 'search',
      placeholder: key === 'totp' ? 'filter: surface, scenario, user, device' : 'filter: id, name, e-mail, phone, token',
      'aria-label': `Filter ${label}`,
      value: view.filter,
      'data-pager-filter': key,
      oninput: (event) => {
        view.filter = event.target.value;
        go(0);
      },
    }),
    el(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-pager-move': 'prev',
        'data-focus-key': `page ${key} prev`,
        disabled: view.page === 0,
        onclick: () => go(view.page - 1, 'prev'),
      },
      '‹ prev',
    ),
    el('span', { 'data-pager-status': key }, needle ? `${status} matching (${items.length} in all)` : status),
    el(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-pager-move': 'next',
        'data-focus-key': `page ${key} next`,
        disabled: view.page >= pages - 1,
        onclick: () => go(view.page + 1, 'next'),
      },
      'next ›',
    ),
  );
  return { shown, controls };
}

/**
 * After a page turn (which draws the pager anew), put the keyboard back on the button that turned it, or on the other
 * one when that end was reached, and say which items show now.
 */
function keepPagerFocus(key, move) {
  const pager = [...document.querySelectorAll('[data-pager]')].find((node) => node.getAttribute('data-pager') === key);
  if (!pager) return;
  const button = pager.querySelector(`[data-pager-move="${move}"]`);
  const other = pager.querySelector(`[data-pager-move="${move === 'next' ? 'prev' : 'next'}"]`);
  (button && !button.disabled ? button : other)?.focus();
  announce(`Showing ${pager.querySelector('[data-pager-status]')?.textContent ?? ''}`);
}

/** Draw with `draw`, keeping the focus and caret in a list's filter box (a redraw replaces the box). */
function keepingFilterFocus(draw) {
  const focused = document.activeElement?.getAttribute?.('data-pager-filter');
  const caret = focused ? document.activeElement.selectionStart : 0;
  draw();
  if (!focused) return;
  const box = [...document.querySelectorAll('[data-pager-filter]')].find((input) => input.getAttribute('data-pager-filter') === focused);
  box?.focus();
  box?.setSelectionRange(caret, caret);
}

/** What a world's user filter matches: the user's id, names, e-mail, phone and the bearer tokens that name them. */
const userSearchText = (user, tokens) => [user.id, user.name, user.username, user.email, user.phone, ...(tokens.get(user.id) ?? [])].filter(Boolean).join(' ');

/** A world's tokens by the user they name (a world keeps them the other way round). */
/** Bearer tokens shown under a user's id (the scenario's first, then any a sign-in issued); more are counted. */
const TOKENS_SHOWN = 2;

/** A user's bearer tokens, what a request in this world sends as `Authorization: Bearer <token>`. */
function renderTokens(tokens = []) {
  if (!tokens.length) return '';
  const more = tokens.length - TOKENS_SHOWN;
  return el(
    'div',
    { class: 'tokens', 'data-tokens': String(tokens.length) },
    'token ',
    ...tokens.slice(0, TOKENS_SHOWN).flatMap((token, index) => [index ? ', ' : '', el('code', { class: 'verbatim' }, token)]),
    more > 0 ? ` and ${more} more` : '',
  );
}

function tokensByUser(world) {
  const byUser = new Map();
  for (const [token, userId] of Object.entries(world.tokens ?? {})) byUser.set(userId, [...(byUser.get(userId) ?? []), token]);
  return byUser;
}

// ---- catalogue (once) --------------------------------------------------------------------------------------------

async function loadCatalogue() {
  const [surfaces, scenarios] = await Promise.all([admin('GET', '/surfaces'), admin('GET', '/scenarios')]);
  state.scenarios = scenarios;
  state.operations = Object.fromEntries(surfaces.map((surface) => [surface.id, surface.operations]));
  $('#override-surface').replaceChildren(...surfaces.map((surface) => el('option', { value: surface.id }, surface.id)));
  renderOverrideOperations();
  $('#docs-links').replaceChildren(...surfaces.map((surface) => el('a', { href: `../docs/${surface.id}/`, title: surface.title }, `docs: ${surface.id}`)));
  $('#surface-select').replaceChildren(
    el('option', { value: '' }, 'every surface that has it'),
    ...surfaces.map((surface) => el('option', { value: surface.id }, surface.id)),
  );
  renderScenarioOptions();
}

function renderScenarioOptions() {
  const surface = $('#surface-select').value;
  const surfaces = Object.keys(state.scenarios);
  /** Each scenario name, with the surfaces that have it and their descriptions of it. */
  const names = new Map();
  for (const [id, list] of Object.entries(state.scenarios)) {
    if (surface && id !== surface) continue;
    for (const scenario of list) {
      const having = names.get(scenario.name) ?? names.set(scenario.name, []).get(scenario.name);
      having.push({ surface: id, description: scenario.description });
    }
  }
  // Switching "every surface that has it" moves only the surfaces named beside the scenario; the rest stay put.
  const label = (name, having) =>
    surface ? name : `${name} (${having.length === surfaces.length ? 'every surface' : having.map((entry) => entry.surface).join(', ')})`;
  const title = (having) => (surface ? having[0].description : having.map((entry) => `${entry.surface}: ${entry.description}`).join('\n'));
  const selected = $('#scenario-select').value;
  $('#scenario-select').replaceChildren(
    ...[...names].map(([name, having]) => el('option', { value: name, title: title(having), selected: name === selected }, label(name, having))),
  );
  describeChosenScenario();
}

/** The chosen scenario's description under the list (an option's title is shown to a mouse only), tied to it for screen readers. */
function describeChosenScenario() {
  $('#scenario-description').textContent = $('#scenario-select').selectedOptions[0]?.title ?? '';
}

// ---- sessions ----------------------------------------------------------------------------------------------------

async function loadSessions() {
  const sessions = await admin('GET', '/sessions');
  // The list is drawn anew every few seconds: the keyboard stays on the session link it was on.
  const focused = document.activeElement?.dataset?.focusKey;
  const items = sessions.map((session) =>
    el(
      'li',
      { class: session.id === state.session ? 'current' : undefined },
      el(
        'a',
        {
          href: `?session=${encodeURIComponent(session.id)}`,
          'aria-current': session.id === state.session ? 'page' : undefined,
          'data-session': session.id,
          'data-focus-key': `session ${session.id}`,
          onclick: (event) => (event.preventDefault(), openSession(session.id)),
        },
        session.id,
      ),
      el('small', {}, ` ${session.requests} req`),
    ),
  );
  $('#sessions').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'No sessions yet')]));
  if (focused?.startsWith('session ')) document.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  return sessions;
}

/**
 * Keep this browser in the session the console opened: its pages' later vendor requests without a session (no
 * /s/<id>/ prefix, header or baggage) carry the sandbox's session cookie (src/pipeline/session-cookie.ts), as after a
 * prefixed URL. The server sets it too when the console is opened with ?session=<id>.
 */
function keepBrowserInSession(id) {
  document.cookie = `mfa-sandbox-session=${encodeURIComponent(id)}; Path=/; SameSite=Lax`;
}

/** Why `id` is refused, with a long one shown by its start and length (3,000 characters were echoed whole). */
function noSessionIdMessage(id) {
  const shown = id.length > 60 ? `"${id.slice(0, 60)}…" (${id.length} characters)` : `"${id}"`;
  return `${shown} is no session id: ${SESSION_ID_RULE}.`;
}

function openSession(id) {
  if (!SESSION_ID.test(id)) {
    showError(new Error(noSessionIdMessage(id)));
    return undefined;
  }
  showError(undefined);
  // A notice about the session shown before (it was new, the browser left it) is not about this one.
  $('#notice').hidden = true;
  keepBrowserInSession(id);
  state.session = id;
  state.expanded.clear();
  // A session picked is a step Back returns from (to the one before); one the address already names (the page opened
  // with it, or Back came to it) is not.
  if (new URLSearchParams(location.search).get('session') === id) history.replaceState(null, '', pageAddress());
  else history.pushState(null, '', pageAddress());
  followSession();
  // Said to a screen reader too: the page changed under the link or box it used.
  return refresh().then(() => announce(`Session "${id}" open`));
}

/** The page's address: the open session and the journal filter, so a reload, a shared link and Back keep them. */
function pageAddress() {
  const params = new URLSearchParams();
  // The filter is the open session's journal's: with no session open, the address names none.
  if (state.session) params.set('session', state.session);
  if (state.session && state.journalFilter.operation) params.set('operation', state.journalFilter.operation);
  if (state.session && state.journalFilter.status) params.set('status', state.journalFilter.status);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

/** Back or Forward: show the session and the journal filter the address names now. */
function followAddress() {
  const params = new URLSearchParams(location.search);
  state.journalFilter = journalFilterOf(params);
  $('#journal-status').value = state.journalFilter.status;
  const id = params.get('session');
  // As a typed name: one the sandbox no longer holds (deleted meanwhile) is said to be new, not made again silently.
  if (id && id !== state.session && SESSION_ID.test(id)) return openTypedSession(id);
  if (!id && state.session) closeSession();
  return refresh();
}

/**
 * Open a session named in the form: a name the sandbox does not hold says so once the view is loaded, as a link's
 * `?session=` does (a typo in the box opened an empty new session without a word). Read before the session is:
 * reading it makes it.
 */
async function openTypedSession(id) {
  if (!SESSION_ID.test(id)) {
    // Said beside the box it was typed in, as a refused field of a form is (the page's error box may be far above).
    showFieldError($('#session-input'), noSessionIdMessage(id));
    return;
  }
  const held = await heldSessionIds();
  const opened = openSession(id);
  if (opened === undefined) return;
  await opened;
  if (held && !held.includes(id)) noteNewSession(id, held);
}

/** The session this browser's cookie puts its vendor requests in (undefined: none). */
function browserSession() {
  const cookie = document.cookie.split('; ').find((pair) => pair.startsWith('mfa-sandbox-session='));
  if (cookie === undefined) return undefined;
  const value = decodeURIComponent(cookie.slice('mfa-sandbox-session='.length));
  return value.split('/')[0] || undefined;
}

/**
 * Back on this tab: another tab of the console (or a prefixed URL) may have moved the browser's session cookie, so the
 * browser's requests now land in another session than the one this tab shows, while it still said they came here.
 */
function noteMovedBrowserSession() {
  if (!state.session) return;
  const current = browserSession();
  if (current === undefined || current === state.session) return;
  showNotice(
    `This browser's requests now go to session "${current}" (another tab or a prefixed URL set its cookie), not to "${state.session}" shown here. Open "${state.session}" again from the list to bring them back.`,
  );
}

/** Forget the open session (DELETE): its state, journal and outbox go, and the console shows no session. */
function forgetSession() {
  const id = state.session;
  if (!confirm(`Forget session "${id}"? Its state, journal and outbox are deleted; its next request starts it fresh.`)) return;
  // Read again, the session would be made anew: the view closes first (so its event stream's reset event cannot
  // refresh it), and this browser's session cookie (set when it was opened) goes too.
  closeSession();
  return act(async () => {
    try {
      await admin('DELETE', `/sessions/${encodeURIComponent(id)}`);
    } catch (error) {
      openSession(id);
      throw error;
    }
    document.cookie = 'mfa-sandbox-session=; Path=/; Max-Age=0; SameSite=Lax';
    showNotice(`Forgot session "${id}".`);
    $('#session-input').focus(); // the button pressed has gone with the session's view
  });
}

// ---- one session -------------------------------------------------------------------------------------------------

async function loadSession() {
  const id = state.session;
  $('#session').hidden = !id;
  $('#skip-to-session').hidden = !id;
  // Tabs of several sessions tell themselves apart.
  document.title = id ? `${id} · mfa-sandbox QA console` : 'mfa-sandbox QA console';
  if (!id) return;
  $('#session-id').textContent = id;
  // Reading a session shows the state its next request meets (a new id reads as the server's default scenario), so
  // the view is complete right after a scenario switch, before any vendor request.
  const path = `/sessions/${encodeURIComponent(id)}`;
  const [session, totp, outbox, journal, clock, overrides] = await Promise.all([
    admin('GET', path),
    admin('GET', `${path}/totp-codes`),
    admin('GET', `${path}/outbox`),
    admin('GET', `${path}/journal`),
    admin('GET', `${path}/clock`),
    admin('GET', `${path}/overrides`),
  ]);
  // A redraw replaces the buttons: the keyboard keeps its place on the one for the same thing (a live update after a
  // lock, which the session's event stream brings, drew the users anew and focus fell back to the page).
  const focused = state.focusAfterRedraw ?? document.activeElement?.dataset?.focusKey;
  state.focusAfterRedraw = undefined;
  renderOverrides(overrides);
  renderWorlds(session);
  renderClock(clock);
  state.totp = totp;
  state.totpFetchedAt = Date.now();
  renderTotp();
  renderOutbox(outbox);
  renderJournal(journal);
  if (focused) document.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
}

const yesNo = (value, yes = 'yes', no = 'no') => el('span', { class: value ? 'yes' : 'no' }, value ? yes : no);

function renderWorlds(session) {
  state.shownSession = session;
  showScenarioOf(session);
  keepingFilterFocus(() => drawWorlds(session));
}

/**
 * Preselect the scenario the session runs in, so "Switch" without looking does not move it to another one: the
 * chosen surface's, or with every surface the one most of them run in. Once per session shown (and after a switch):
 * a refresh never undoes a choice being made.
 */
function showScenarioOf(session) {
  const key = `${state.session}:${JSON.stringify(session?.scenarios)}`;
  if (!session || state.scenarioShownFor === key) return;
  state.scenarioShownFor = key;
  const surface = $('#surface-select').value;
  // Every served surface counts, those that run the default too (`scenarios` names only the ones switched).
  const served = [...$('#surface-select').options].map((option) => option.value).filter(Boolean);
  const running = (surface ? [surface] : served).map((each) => session.scenarios[each] ?? session.defaultScenario);
  const counts = new Map();
  for (const name of running) counts.set(name, (counts.get(name) ?? 0) + 1);
  const [name = session.defaultScenario] = [...counts].sort((a, b) => b[1] - a[1]).map(([scenario]) => scenario);
  if (![...$('#scenario-select').options].some((option) => option.value === name)) return;
  $('#scenario-select').value = name;
  // A value set by script fires no change event: the text under the list described the option chosen before (the
  // default's "does not enforce it" under org-enforced).
  describeChosenScenario();
}

function drawWorlds(session) {
  const current = session ? Object.entries(session.scenarios).map(([surface, name]) => `${surface}: ${name}`) : [];
  $('#current-scenarios').textContent = current.length ? current.join(', ') : `"${session?.defaultScenario ?? 'default'}" (server default) everywhere`;
  // The session's current scenario per surface first; worlds of other scenarios (an earlier scenario, or one a request
  // chose with Prefer) stay in the session and are marked, so a switch never looks as if nothing changed.
  const currentKey = (surface) => `${surface}/${session.scenarios[surface] ?? session.defaultScenario}`;
  const worlds = Object.entries(session?.worlds ?? {}).sort(([a, x], [b, y]) => Number(b === currentKey(y.surface)) - Number(a === currentKey(x.surface)));
  const waiting = Object.keys(session?.scenarios ?? {})
    .map(currentKey)
    .filter((key) => !session.worlds[key])
    .map((key) => el('p', { class: 'empty', 'data-waiting-world': key }, `${key}: starts fresh with the session's next request to this surface.`));
  if (!worlds.length && !waiting.length) {
    $('#worlds').replaceChildren(el('p', { class: 'empty' }, 'No state: no surface has the scenario this session runs in.'));
    return;
  }
  $('#worlds').replaceChildren(
    ...waiting,
    ...worlds.map(([key, world]) => {
      const current = key === currentKey(world.surface);
      const enforced = Boolean(world.org?.mfaEnforced || world.policy?.required);
      const users = Object.values(world.users);
      const tokens = tokensByUser(world);
      const { shown, controls } = pageOf(
        `users:${key}`,
        `the users of ${key}`,
        users,
        (user) => userSearchText(user, tokens),
        () => renderWorlds(state.shownSession),
      );
      return el(
        'article',
        { class: `world ${current ? '' : 'other-scenario'}`, 'data-world': key, 'data-current': String(current) },
        el(
          'h4',
          {},
          key,
          ' ',
          el('span', { class: `badge ${enforced ? 'enforced' : ''}`, 'data-enforced': String(enforced) }, enforced ? 'MFA enforced' : 'MFA not enforced'),
          current ? '' : el('span', { class: 'badge', title: 'Requests that send Prefer: scenario=... still use it' }, 'not the current scenario'),
        ),
        el(
          'p',
          {},
          world.org ? [`Organisation ${world.org.name} (${world.org.id}), enforces MFA: `, yesNo(world.org.mfaEnforced), '. '] : 'No organisation. ',
          `Policy: MFA ${world.policy.enabled ? 'on' : 'off'}, required: `,
          // Enforced by the organisation, MFA is required of its users whatever the policy says (Flashback's isRequired).
          world.org?.mfaEnforced && !world.policy.required ? [yesNo(true), ' (by the organisation)'] : yesNo(world.policy.required),
          `, methods: ${world.policy.methods.join(', ') || 'none'}.`,
        ),
        controls,
        el(
          'table',
          {},
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['user', 'email', 'role', 'MFA', 'primary', 'factors', 'recovery codes', 'locked'].map((name) => el('th', {}, name)),
            ),
          ),
          el(
            'tbody',
            {},
            shown.length
              ? shown.map((user) =>
                  el(
                    'tr',
                    { 'data-user': user.id },
                    el('td', {}, el('code', {}, user.id), renderTokens(tokens.get(user.id))),
                    el('td', { title: [user.name, user.phone].filter(Boolean).join(', ') || undefined }, user.email),
                    el('td', {}, user.role),
                    el('td', {}, yesNo(user.mfaEnabled, 'on', 'off')),
                    el('td', {}, user.primaryMethod ?? ''),
                    el(
                      'td',
                      {},
                      user.factors.length || Object.keys(user.pending).length
                        ? [
                            ...user.factors.map((factor) =>
                              el(
                                'span',
                                { class: `factor ${factor.verified && factor.enabled ? 'active' : 'pending'}`, title: factor.id },
                                factor.kind,
                                factor.verified ? '' : ' (unverified)',
                                factor.enabled ? '' : ' (off)',
                              ),
                            ),
                            ...Object.keys(user.pending).map((kind) =>
                              el('span', { class: 'factor pending', 'data-pending-setup': kind }, kind, ' (setup started)'),
                            ),
                          ]
                        : 'none',
                    ),
                    el('td', {}, String(user.recoveryCodes.length)),
                    el(
                      'td',
                      {},
                      // Locked is the state to notice, not a good one: red, as an enforced badge is.
                      el('span', { class: user.locked ? 'locked' : 'no' }, user.locked ? 'yes' : 'no'),
                      // A scenario's lockout with lockedForSeconds ends on the session's clock: say when.
                      user.locked && user.lockedUntil ? el('span', { class: 'locked-until' }, ` until ${time(user.lockedUntil)} UTC`) : '',
                      ' ',
                      el(
                        'button',
                        {
                          type: 'button',
                          class: 'small',
                          'data-lock-user': user.id,
                          'data-focus-key': `lock ${key} ${user.id}`,
                          'aria-label': `${user.locked ? 'unlock' : 'lock'} ${user.id} (${world.surface})`,
                          onclick: () => setLocked(world.surface, user.id, !user.locked),
                        },
                        user.locked ? 'unlock' : 'lock',
                      ),
                    ),
                  ),
                )
              : el('tr', {}, el('td', { colspan: 8, class: 'empty' }, users.length ? 'No user matches the filter' : 'No users')),
          ),
        ),
      );
    }),
  );
}

/**
 * Lock or unlock a user in every world of one surface in this session, as PUT .../users/{id}/lock does, and say so.
 * The users table is drawn anew; loadSession keeps the keyboard on this user's button (now saying the opposite).
 */
async function setLocked(surface, userId, locked) {
  let done = false;
  await act(async () => {
    await admin('PUT', `/sessions/${encodeURIComponent(state.session)}/users/${encodeURIComponent(userId)}/lock`, { locked, surface });
    done = true;
  });
  if (done) showNotice(`${locked ? 'Locked' : 'Unlocked'} ${userId} on ${surface}.`);
}

// ---- scripted answers (runtime overrides) -------------------------------------------------------------------------

/** The operations of the chosen surface, and `*` (every operation) first. */
function renderOverrideOperations() {
  const operations = state.operations[$('#override-surface').value] ?? [];
  $('#override-operation').replaceChildren(
    el('option', { value: '*' }, '* (every operation)'),
    ...operations.map((operation) => el('option', { value: operation.operationId, title: `${operation.method} ${operation.path}` }, operation.operationId)),
  );
  renderOverrideStatuses();
}

/** The operations an override of the chosen operation answers for: one, or for `*` every one of the surface. */
function overriddenOperations() {
  const operations = state.operations[$('#override-surface').value] ?? [];
  const chosen = $('#override-operation').value;
  return operations.filter((operation) => chosen === '*' || operation.operationId === chosen);
}

/** What every one of `lists` holds, in the first one's order (what `*` may script: each operation must declare it). */
const inEvery = (lists) => (lists.length ? lists[0].filter((item) => lists.every((list) => list.includes(item))) : []);

/**
 * A fault or a latency given while the status is still the preselected one: the override keeps the answer (a QA who
 * wanted a slow body scripted 401s without noticing, the error preselected for the operation); both cleared again, the
 * preselected status is back. A status QA picked stays.
 */
function keepAnswerForDeliveryOnly() {
  if (state.overrideStatusPicked) return;
  const deliveryOnly = Boolean($('#override-fault').value || $('#override-latency').value);
  $('#override-status').value = deliveryOnly ? '' : state.overrideStatusPreselected;
  renderOverrideExamples();
}

/**
 * The statuses the chosen operation declares, the first error status preselected. For `*`, only those every operation
 * declares: the admin API refuses a `*` status some operation has no response for (the vendor would never send it).
 */
function renderOverrideStatuses() {
  const perOperation = overriddenOperations().map((operation) => operation.responses.map((response) => response.status));
  const statuses = [...new Set(inEvery(perOperation))].sort((a, b) => a - b);
  // An error is what QA usually scripts; an operation (or a `*`) with none gets its success, never "keep the answer",
  // which with no fault chosen would script nothing.
  const preselected = statuses.find((status) => status >= 400) ?? statuses[0];
  state.overrideStatusPicked = false;
  state.overrideStatusPreselected = preselected === undefined ? '' : String(preselected);
  $('#override-status').replaceChildren(
    el('option', { value: '' }, 'keep the answer (faults only)'),
    ...statuses.map((status) => el('option', { value: String(status), selected: status === preselected }, String(status))),
  );
  renderOverrideExamples();
}

/** The examples the chosen status has (for `*`, those every operation's response of that status has). */
function renderOverrideExamples() {
  const status = Number($('#override-status').value);
  const responses = overriddenOperations().map((operation) => operation.responses.filter((response) => response.status === status));
  const names = new Set(inEvery(responses.map((chosen) => chosen.flatMap((response) => response.examples))));
  // The spec's summary beside the name: `Error1016` alone told a QA nothing (a tour).
  const summaries = Object.assign({}, ...responses.flat().map((response) => response.summaries ?? {}));
  $('#override-example').replaceChildren(
    el('option', { value: '' }, 'the canonical one'),
    ...[...names].map((name) => el('option', { value: name }, summaries[name] ? `${name}: ${summaries[name]}` : name)),
  );
}

function renderOverrides(overrides) {
  fill(
    $('#overrides tbody'),
    overrides.map((override) => {
      const answer = [
        override.status !== undefined ? String(override.status) : '',
        override.example ? `"${override.example}"` : '',
        override.body !== undefined ? 'literal body' : '',
        override.latencyMs !== undefined ? `${override.latencyMs} ms late` : '',
        override.latency ? `${override.latency.min}-${override.latency.max} ms late` : '',
        // A fault on a share of requests only: "503" alone read as every request's.
        override.fault
          ? override.faultRate !== undefined && override.faultRate < 1
            ? `${override.fault} on ${Math.round(override.faultRate * 100)} % of requests`
            : override.fault
          : '',
        override.headers
          ? `headers ${Object.entries(override.headers)
              .map(([name, value]) => `${name}: ${value}`)
              .join(', ')}`
          : '',
        override.when ? `only when ${JSON.stringify(override.when)}` : '',
      ].filter(Boolean);
      const usedUp = override.times !== undefined && override.used >= override.times;
      // An `after` override lets that many fitting calls go by first: say how many are still to come.
      const waiting = override.after !== undefined && (override.passed ?? 0) < override.after;
      const uses = override.times === undefined ? `${override.used} (always)` : `${override.used} of ${override.times}`;
      return el(
        'tr',
        { 'data-override': override.id, class: usedUp ? 'used-up' : undefined },
        el('td', {}, el('code', {}, override.id)),
        el('td', {}, override.surface),
        el('td', {}, override.operationId),
        el('td', {}, answer.join(', ')),
        el('td', {}, waiting ? `waiting: ${override.passed ?? 0} of ${override.after} calls let go by` : uses),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'small danger',
              'data-remove-override': override.id,
              'data-focus-key': `remove-override ${override.id}`,
              'aria-label': `remove ${override.id} (${override.operationId})`,
              onclick: () => removeOverride(override.id),
            },
            'remove',
          ),
        ),
      );
    }),
    'No scripted answers: the scenario answers',
    6,
  );
}

async function addOverride() {
  const body = { surface: $('#override-surface').value, operationId: $('#override-operation').value };
  if ($('#override-status').value) body.status = Number($('#override-status').value);
  if ($('#override-example').value) body.example = $('#override-example').value;
  const when = $('#override-when').value.trim();
  if (when) {
    try {
      body.when = JSON.parse(when);
    } catch {
      showFieldError(
        $('#override-when'),
        `Only when is not JSON: write it as {"headers": {"Authorization": "Bearer <token>"}} or {"body": {"code": "000000"}}`,
      );
      return;
    }
  }
  if ($('#override-after').value) body.after = Number($('#override-after').value);
  if ($('#override-times').value) body.times = Number($('#override-times').value);
  if ($('#override-latency').value) body.latencyMs = Number($('#override-latency').value);
  if ($('#override-fault').value) body.fault = $('#override-fault').value;
  // Said in the form's words: the server's refusal names its API fields (status, example, body, latencyMs, fault).
  if (['status', 'example', 'latencyMs', 'fault'].every((field) => body[field] === undefined)) {
    showFieldError($('#override-status'), 'Status "keep the answer" scripts nothing by itself: pick a status to answer with, or give a Latency ms or a Fault.');
    return;
  }
  const added = await act(() => admin('POST', `/sessions/${encodeURIComponent(state.session)}/overrides`, body), showOverrideProblems);
  if (added) showNotice(`Added ${added.id}: ${added.operationId === '*' ? 'every operation' : added.operationId} of ${added.surface} answers as scripted.`);
}

/** Remove a scripted answer; the keyboard moves to the next answer's remove button (else the one before, else "Add"). */
function removeOverride(id) {
  const row = document.querySelector(`[data-override="${CSS.escape(id)}"]`);
  const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
  const next = neighbour?.querySelector('[data-remove-override]')?.dataset.focusKey;
  return act(async () => {
    await admin('DELETE', `/sessions/${encodeURIComponent(state.session)}/overrides/${encodeURIComponent(id)}`);
    state.focusAfterRedraw = next ?? 'add-override';
  }).then((removed) => removed && showNotice(`Removed ${id}.`));
}

/** A fault with `problems` (a refused override or session file) shows each at its JSON pointer, so it can be fixed. */
function showProblems(error) {
  showError(new Error(toProblemsText(error)));
}

/** The fault's message and each of its problems at its JSON pointer (those the message does not say already). */
function toProblemsText(error) {
  const problems = (error.problems ?? [])
    .map((problem) => `${problem.pointer || '/'}: ${problem.message ?? problem.reason}`)
    .filter((text, index) => !error.message.includes(text) && !error.message.includes(error.problems[index].message ?? error.problems[index].reason));
  return [error.message, ...problems].join('; ');
}

/** The override form's field for each field of the API's override, which a refusal's JSON pointer names. */
const OVERRIDE_FIELDS = {
  surface: '#override-surface',
  operationId: '#override-operation',
  status: '#override-status',
  example: '#override-example',
  when: '#override-when',
  after: '#override-after',
  times: '#override-times',
  latencyMs: '#override-latency',
  fault: '#override-fault',
};

/**
 * A refused override, said beside the form field its first problem points at (`/when/headers/Authorisation` is "Only
 * when"), as a field the page itself refuses is: the page's error box alone is a screen above the form at 320 px.
 */
function showOverrideProblems(error) {
  const field = OVERRIDE_FIELDS[error.problems?.[0]?.pointer?.split('/')[1]];
  if (field) showFieldError($(field), toProblemsText(error));
  else showProblems(error);
}

// ---- clock and session files -------------------------------------------------------------------------------------

function renderClock(clock) {
  state.clock = { nowMs: clock.nowMs, frozen: clock.frozen, fetchedAt: Date.now() };
  renderClockNow();
  const mode = clock.frozen ? 'frozen' : clock.offsetMs === 0 ? 'real time' : `${clock.offsetMs > 0 ? '+' : '−'}${formatDuration(Math.abs(clock.offsetMs))}`;
  $('#clock-mode').textContent = mode;
  $('#clock-mode').className = `badge ${clock.frozen ? 'frozen' : ''}`;
  document.body.dataset.clockFrozen = String(clock.frozen);
}

/**
 * Say what is wrong with one field, as showError says it, and beside the field too, which gets the focus and is marked
 * invalid: at 320 px or zoomed in, the page's error box is a screen or more above the field (an accessibility review).
 */
function showFieldError(field, message) {
  showError(new Error(message));
  const note = document.createElement('span');
  note.id = `${field.id}-error`;
  note.className = 'field-error';
  note.textContent = message;
  field.insertAdjacentElement('afterend', note);
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', note.id);
  field.addEventListener('input', clearFieldErrors, { once: true });
  field.focus();
}

/** The next error, a success or the field changed: a field's own error no longer holds. */
function clearFieldErrors() {
  for (const note of document.querySelectorAll('.field-error')) {
    const field = document.querySelector(`[aria-describedby="${note.id}"]`);
    field?.removeAttribute('aria-invalid');
    field?.removeAttribute('aria-describedby');
    note.remove();
  }
}

/** The session's time now: as read, when frozen; else moved on by the time since it was read (every second). */
function renderClockNow() {
  if (!state.clock) return;
  const { nowMs, frozen, fetchedAt } = state.clock;
  const shown = frozen ? nowMs : nowMs + (Date.now() - fetchedAt);
  $('#clock-now').textContent = new Date(shown)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** A clock's offset in the unit that reads best: `45 s`, `12 min`, `30 h`, `12 d`, `3 y 27 d` (not "+26939 h"). */
function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  const days = Math.round(seconds / 86_400);
  if (days < 730) return `${days} d`;
  return `${Math.floor(days / 365)} y ${days % 365} d`;
}

/**
 * Change this session's clock (PUT .../clock) or put it back on real time (DELETE), then show the result. A time to
 * jump to that the sandbox refuses is said beside its field.
 */
async function changeClock(body) {
  const onError = body?.at === undefined ? showError : (error) => showFieldError($('#clock-at'), error.message);
  const changed = await act(() => admin(body ? 'PUT' : 'DELETE', `/sessions/${encodeURIComponent(state.session)}/clock`, body), onError);
  if (changed) showNotice(`Session time: ${$('#clock-now').textContent} (${$('#clock-mode').textContent}).`);
}

/** Download the open session as a file (fetched with the admin token, which a plain link could not send). */
function exportSessionFile() {
  return act(async () => {
    const id = state.session;
    const file = await admin('GET', `/sessions/${encodeURIComponent(id)}/export`);
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const name = `mfa-sandbox-session-${id}.json`;
    const link = el('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    // A download shows in the browser's own bar, if anywhere: the page says what it saved and what the file is for.
    showNotice(`Exported session "${id}" as ${name} (to the browser's downloads): import it here, or in another sandbox, to replay it.`);
  });
}

/**
 * Replay a session file here: it replaces the open session's state (POST .../import). The file's outbox messages were
 * sent before, elsewhere: they are not announced as arriving.
 */
async function importSessionFile(file) {
  state.importing = true;
  try {
    return await importSessionFileNow(file);
  } finally {
    state.importing = false;
  }
}

function importSessionFileNow(file) {
  return act(async () => {
    const text = await file.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${file.name} is not JSON: is it a session file exported by mfa-sandbox?`);
    }
    const imported = await admin('POST', `/sessions/${encodeURIComponent(state.session)}/import`, parsed);
    showNotice(`Imported ${file.name}: ${imported.worlds.join(', ')} (clock: ${imported.clock}).`);
  }, showProblems);
}

function showNotice(text) {
  clearFieldErrors();
  const box = $('#notice');
  box.textContent = text;
  box.hidden = false;
  announce(text);
  $('#error').hidden = true; // an earlier failure is over once an action succeeds
}

function renderTotp() {
  // A frozen session clock stands still, and so do its codes: nothing counts down, no code is fetched anew.
  const frozen = state.clock?.frozen === true;
  const elapsed = frozen ? 0 : Math.floor((Date.now() - state.totpFetchedAt) / 1000);
  if (state.totp.some((entry) => entry.validForSeconds - elapsed <= 0) && state.session) {
    state.totpFetchedAt = Date.now(); // a code expired: fetch the next one (once)
    admin('GET', `/sessions/${encodeURIComponent(state.session)}/totp-codes`).then((totp) => {
      state.totp = totp;
      state.totpFetchedAt = Date.now();
      renderTotp();
    }, showError);
    return;
  }
  const { shown, controls } = pageOf(
    'totp',
    'the TOTP codes',
    state.totp,
    (entry) => `${entry.surface} ${entry.scenario} ${entry.userId} ${entry.name}`,
    renderTotp,
  );
  // Redrawn every second for the countdown: the pager is replaced only when it changes, so a click on it never
  // lands on a button that the next tick has just replaced.
  const pager = controls ? controls.outerHTML + controls.querySelector('input').value : '';
  if (pager !== state.totpPager) {
    state.totpPager = pager;
    keepingFilterFocus(() => $('#totp-pager').replaceChildren(controls));
  }
  // The rows are drawn anew only when a code, a device or the page changes; each second only the countdowns move, so a
  // code can be selected and copied and a screen reader keeps its place in the table.
  const rowsKey = JSON.stringify([
    frozen,
    shown.map((entry) => [entry.surface, entry.scenario, entry.userId, entry.name, entry.factorId, entry.status, entry.code]),
  ]);
  if (rowsKey === state.totpRowsKey) {
    // The same rows, in the same order; a refresh read the codes again, so their time left is taken anew too.
    const countdowns = $('#totp tbody').querySelectorAll('[data-valid-for]');
    shown.forEach((entry, index) => {
      const left = countdowns[index];
      if (!left) return;
      left.dataset.validFor = String(entry.validForSeconds);
      left.textContent = `${Math.max(entry.validForSeconds - elapsed, 0)} s`;
    });
    return;
  }
  state.totpRowsKey = rowsKey;
  const focused = document.activeElement?.dataset?.focusKey;
  fill(
    $('#totp tbody'),
    shown.map((entry) =>
      el(
        'tr',
        { 'data-totp-status': entry.status },
        el('td', {}, `${entry.surface} / ${entry.scenario}`),
        el('td', {}, el('code', {}, entry.userId)),
        el(
          'td',
          {},
          entry.name,
          entry.factorId ? [' ', el('small', {}, entry.factorId)] : '',
          entry.status === 'pending'
            ? el('span', { class: 'badge pending', title: 'setup started, not verified yet: send this code to verify it' }, 'pending setup')
            : '',
        ),
        el(
          'td',
          {},
          el('code', { class: 'otp' }, entry.code),
          ' ',
          el(
            'button',
            {
              type: 'button',
              class: 'small',
              'data-copy-code': entry.userId,
              'data-focus-key': `copy ${entry.surface} ${entry.scenario} ${entry.userId} ${entry.factorId ?? ''}`,
              'aria-label': `copy the code of ${entry.userId} (${entry.surface})`,
              onclick: (event) => copyCode(entry.code, event.currentTarget.previousElementSibling),
            },
            'copy',
          ),
        ),
        el(
          'td',
          {},
          el('span', { 'data-valid-for': entry.validForSeconds }, `${Math.max(entry.validForSeconds - elapsed, 0)} s`),
          frozen ? ' (clock frozen)' : '',
        ),
      ),
    ),
    'No TOTP device or setup',
    5,
  );
  if (focused?.startsWith('copy ')) document.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
}

/**
 * Copy a code to the clipboard. Where the page may not use it (served over http to another device's browser, not
 * from localhost), the code is selected instead, for Ctrl+C.
 */
async function copyCode(code, codeNode) {
  try {
    await navigator.clipboard.writeText(code);
    showNotice(`Copied ${code} to the clipboard.`);
  } catch {
    getSelection().selectAllChildren(codeNode);
    showNotice(`Selected ${code}: press Ctrl+C (⌘C) to copy it.`);
  }
}

function renderOutbox(outbox) {
  announceNewMessages(outbox);
  fill(
    $('#outbox tbody'),
    outbox
      .slice()
      .reverse()
      .map((message) =>
        el(
          'tr',
          {},
          el('td', {}, time(message.sentAt)),
          el('td', {}, message.surface),
          el('td', {}, message.channel),
          el('td', {}, message.to),
          el('td', { title: message.text }, message.subject),
          el(
            'td',
            {},
            // A link only when it is a web address: an imported session file may carry anything (`javascript:...`).
            message.link && /^https?:\/\//i.test(message.link)
              ? el(
                  'a',
                  {
                    href: message.link,
                    target: '_blank',
                    rel: 'noopener',
                    'aria-label': `open magic link sent to ${message.to} at ${time(message.sentAt)}`,
                    'data-focus-key': `magic-link ${message.link}`,
                  },
                  'open magic link',
                )
              : (message.link ?? ''),
            message.usedAt
              ? el(
                  'span',
                  { class: 'badge', 'data-used': message.usedAt, title: 'the link was followed, or the app signed in with its token' },
                  `used ${time(message.usedAt)}`,
                )
              : '',
            message.code ? el('code', { class: 'otp' }, message.code) : '',
          ),
        ),
      ),
    'Nothing sent yet',
    6,
  );
}

/**
 * Say that a message arrived in the open session's outbox (an e-mailed link, a texted code), as a live update shows it:
 * a QA waiting for it with a screen reader is told, not left to look again.
 */
function announceNewMessages(outbox) {
  const seen = state.outboxSeen;
  state.outboxSeen = { session: state.session, count: outbox.length };
  if (seen?.session !== state.session || state.importing || outbox.length <= seen.count) return;
  const newest = outbox.at(-1);
  const more = outbox.length - seen.count > 1 ? ` (${outbox.length - seen.count} new messages)` : '';
  announce(`New ${newest.channel} to ${newest.to}: ${newest.subject}${more}`);
}

/**
 * A key per journal entry that stays the same from one refresh to the next: its time, method and URL, and, for two
 * alike requests in the same millisecond (a client's retry), which of them it is, counted from the oldest.
 */
function toJournalKeys(journal) {
  const seen = new Map();
  return journal.map((entry) => {
    const base = `${entry.at} ${entry.method} ${entry.url}`;
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    return repeat === 0 ? base : `${base} #${repeat + 1}`;
  });
}

/** What one override miss says after the override's name: the condition missed, or why one that fitted did not answer. */
function toMissWords(miss) {
  // Headers, params and query are texts: quoted, so a doubled or trailing space shows; a body's values are JSON already.
  const shown = (text) => el('code', { class: 'verbatim' }, miss.pointer.startsWith('/when/body') ? text : JSON.stringify(text));
  if (miss.pointer === '/times') return [`: fitted, but used up (${miss.expected}, ${miss.received})`];
  if (miss.pointer === '/after') return [`: fitted, but let this call go by (${miss.expected}, ${miss.received})`];
  // Fitted, and set aside: by the request's own Prefer (it wins), or by a fault rate that drew no fault.
  if (miss.pointer === '/faultRate') return [`: fitted, but its fault rate drew none for this request (${miss.expected})`];
  if (!miss.pointer.startsWith('/when')) {
    return [": fitted, but the request's own ", el('code', {}, miss.received), ' replaced its ', el('code', {}, miss.pointer), ` (${miss.expected})`];
  }
  const had =
    miss.received === undefined
      ? `the request had ${miss.pointer === '/when/body' ? 'no body' : 'none'}`
      : el('span', {}, 'the request had ', shown(miss.received));
  return [': ', el('code', {}, miss.pointer), ' wanted ', shown(miss.expected), ', ', had];
}

/**
 * Which override answered the entry, and which ones were tried before it (or, when none answered, at all) and did
 * not fit, each with the first condition it missed: why a scripted answer came, or did not.
 */
function renderOverrideNotes(entry) {
  const notes = [];
  if (entry.override) notes.push(el('p', {}, 'Answered by override ', el('code', {}, entry.override), '.'));
  if (entry.overrideMisses?.length) {
    notes.push(
      el('p', {}, entry.override ? 'Tried before it, and did not answer:' : 'Overrides tried that did not answer:'),
      el('ul', { class: 'override-misses' }, ...entry.overrideMisses.map((miss) => el('li', {}, el('code', {}, miss.override), ...toMissWords(miss)))),
    );
  }
  return notes.length ? el('div', { class: 'override-notes' }, ...notes) : '';
}

/**
 * Why the sandbox answered as it did (the entry's `explanation`, as `Prefer: explain` gives it): the rule, what it
 * wanted, what the request had and what would pass; and the sandbox's own error code when the answer was its fault.
 */
function renderExplanation(entry) {
  const { explanation, sandboxError } = entry;
  if (!explanation && !sandboxError) return '';
  const facts = [];
  const fact = (name, value) => {
    if (value !== undefined)
      facts.push(el('p', { 'data-fact': name }, el('span', { class: 'fact' }, `${name}: `), el('code', { class: 'verbatim' }, String(value))));
  };
  if (explanation) {
    fact('where', explanation.pointer);
    fact('wanted', explanation.expected);
    fact('received', explanation.received);
    fact('would pass', explanation.wouldPass);
  }
  fact('sandbox error', sandboxError);
  return el(
    'div',
    { class: 'explanation' },
    explanation ? el('p', {}, el('strong', {}, 'Why: '), explanation.message, ' ', el('span', { class: 'badge' }, explanation.rule)) : '',
    ...facts,
  );
}

/** A fault that ended the connection: the client got no answer, so the status was never received. */
const NO_ANSWER_FAULTS = new Set(['drop-connection', 'connection-reset']);
/** Faults that broke the body on its way: the journal keeps the answer as made, which its client never read whole. */
const BROKEN_BODY_FAULTS = {
  'truncated-body': 'cut short on the way by the truncated-body fault',
  'malformed-body': 'sent as text that is not JSON by the malformed-body fault',
  'closed-mid-body': 'half of it sent, then the connection closed, by the closed-mid-body fault',
  'bad-gateway': "never sent: the bad-gateway fault's 502 page went in its place",
  'service-unavailable': "never sent: the service-unavailable fault's 503 page went in its place",
  'gateway-timeout': "never sent: the gateway-timeout fault's 504 page went in its place",
};
/** Faults where a gateway's page answered instead of the vendor: the status the client got. */
const GATEWAY_STATUSES = { 'bad-gateway': 502, 'service-unavailable': 503, 'gateway-timeout': 504 };
/** The status the client got (a gateway fault's, else the entry's own). */
const receivedStatusOf = (entry) => GATEWAY_STATUSES[entry.fault] ?? entry.status;

/** A journal entry's operation as the filter names it, with its surface (`flashback/getMFAStatus`): ids may repeat across surfaces. */
const operationKeyOf = (entry) => (entry.operationId ? `${entry.surface}/${entry.operationId}` : undefined);

/**
 * The journal filter's choices: an operation (the ones the journal holds, plus the one chosen, so a choice outlives a
 * refresh that no longer holds it, or a reload), and a status class. A session's journal keeps its newest 100
 * requests, so the filter works on what the console loaded.
 */
function renderJournalFilter(journal) {
  const select = $('#journal-operation');
  const chosen = state.journalFilter.operation;
  const operations = [...new Set([...journal.map(operationKeyOf).filter(Boolean), ...(chosen ? [chosen] : [])])].sort();
  // Unchanged options stay as they are: a live update must not close the list a QA has open.
  const listed = [...select.options].slice(1).map((option) => option.value);
  if (listed.join('\n') !== operations.join('\n')) {
    const label = (key) => key.replace('/', ' · ');
    select.replaceChildren(el('option', { value: '' }, 'any'), ...operations.map((operation) => el('option', { value: operation }, label(operation))));
  }
  select.value = chosen;
}

/** Whether `entry` is one the journal filter shows. */
function fitsJournalFilter(entry) {
  const { operation, status } = state.journalFilter;
  if (operation && operationKeyOf(entry) !== operation) return false;
  // An answer the client never got (its connection dropped or reset, or it left first) has no status: not 2xx. A slow
  // body's client that left had its status already.
  if ((entry.clientGone && entry.fault !== 'slow-body') || NO_ANSWER_FAULTS.has(entry.fault)) return !status || status === 'not-2';
  const statusClass = String(receivedStatusOf(entry))[0];
  if (status === 'not-2') return statusClass !== '2';
  return !status || statusClass === status;
}

function renderJournal(journal) {
  state.journal = journal;
  renderJournalFilter(journal);
  const rows = [];
  const keys = toJournalKeys(journal);
  const shown = journal.map((entry, index) => ({ entry, key: keys[index] })).filter(({ entry }) => fitsJournalFilter(entry));
  const filtered = shown.length < journal.length;
  $('#journal-shown').textContent = filtered ? `${shown.length} of ${journal.length} requests shown` : '';
  shown.reverse().forEach(({ entry, key }) => {
    const open = state.expanded.has(key);
    const toggle = () => {
      if (state.expanded.has(key)) state.expanded.delete(key);
      else state.expanded.add(key);
      renderJournal(journal);
    };
    rows.push(
      el(
        'tr',
        { class: `entry ${open ? 'open' : ''}`, onclick: toggle, title: 'show bodies' },
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'small expand',
              'data-journal-key': key,
              'aria-expanded': String(open),
              // To the millisecond: requests in one second had one name, told apart by their place alone.
              'aria-label': `bodies of ${entry.method} ${entry.url} at ${time(entry.at)}${entry.at ? entry.at.slice(19, 23) : ''}`,
              onclick: (event) => (event.stopPropagation(), toggle()),
            },
            open ? '▾' : '▸',
          ),
          ' ',
          time(entry.at),
        ),
        el('td', {}, el('code', {}, `${entry.method} ${entry.url}`)),
        el('td', {}, entry.operationId ?? ''),
        el('td', {}, entry.scenario ?? ''),
        el(
          'td',
          {},
          NO_ANSWER_FAULTS.has(entry.fault)
            ? el('span', { class: 'status unsent', title: `the connection was ended without an answer: the client never got ${entry.status}` }, entry.status)
            : GATEWAY_STATUSES[entry.fault]
              ? el(
                  'span',
                  { class: 'status s5', title: `a gateway answered ${GATEWAY_STATUSES[entry.fault]} in place of the operation's ${entry.status}` },
                  GATEWAY_STATUSES[entry.fault],
                )
              : el('span', { class: `status s${String(entry.status)[0]}` }, entry.status),
          entry.fault ? el('span', { class: 'badge fault' }, entry.fault) : '',
          // The client closed the connection during the answer's delay (it never got this status) or its slow body.
          entry.clientGone
            ? el(
                'span',
                {
                  class: 'badge fault',
                  title:
                    entry.fault === 'slow-body'
                      ? 'the client closed the connection before the whole body was sent'
                      : 'the client closed the connection before the delayed answer was sent',
                },
                'client gone',
              )
            : '',
        ),
        el('td', {}, String(Math.round(entry.durationMs))),
      ),
    );
    if (open) {
      rows.push(
        el(
          'tr',
          { class: 'bodies' },
          el(
            'td',
            { colspan: 6 },
            // Who the request acted as (its token's user) or on (Lerian's and GenAuth's addressed user).
            entry.user ? el('p', { class: 'entry-user' }, 'User: ', el('code', {}, entry.user)) : '',
            renderExplanation(entry),
            renderOverrideNotes(entry),
            el(
              'div',
              { class: 'bodies-pair' },
              el(
                'div',
                {},
                el('h4', {}, 'request body'),
                // Focusable: a long body scrolls inside its box, which the keyboard must reach (Safari does not on its own).
                el(
                  'pre',
                  { tabindex: '0', 'aria-label': 'request body' },
                  entry.requestBody === undefined ? '(none)' : JSON.stringify(entry.requestBody, null, 2),
                ),
              ),
              el(
                'div',
                {},
                el('h4', {}, BROKEN_BODY_FAULTS[entry.fault] ? `response body, as made (${BROKEN_BODY_FAULTS[entry.fault]})` : 'response body'),
                el(
                  'pre',
                  { tabindex: '0', 'aria-label': 'response body' },
                  entry.responseBody === undefined ? '(none)' : JSON.stringify(entry.responseBody, null, 2),
                ),
              ),
            ),
          ),
        ),
      );
    }
  });
  // Redrawn rows are new elements: a keyboard user's focus stays on the same entry's button across a redraw (a new
  // request arriving), not dropped to the page.
  const focusedKey = document.activeElement?.dataset?.journalKey;
  fill($('#journal tbody'), rows, journal.length ? 'No request fits the filter' : 'No requests yet', 6);
  if (focusedKey !== undefined) [...document.querySelectorAll('[data-journal-key]')].find((button) => button.dataset.journalKey === focusedKey)?.focus();
}

// ---- live updates ------------------------------------------------------------------------------------------------

/**
 * The open session's event stream (GET /__admin/sessions/<id>/events): a new outbox message or journal entry, or a
 * change QA made to the session (from anywhere), refreshes the view, so nothing polls. An EventSource cannot send the admin token, so with one the stream is read with fetch.
 */
const live = { close: () => {}, session: undefined };

function onSessionEvent() {
  refresh();
}

/** Why a session went, as its `session` event's `why` says (absent when another replica reset it). */
const FORGET_REASONS = {
  deleted: 'deleted',
  reset: 'forgotten by an admin reset of every session',
};

/**
 * A `session` event: QA changed the session (here, elsewhere, through another replica), or it was reset: deleted, or
 * forgotten by an admin reset of all (the sandbox forgets no session a console watches). Reading a reset session would make it anew, silently replacing what QA knew with
 * a fresh one: the view closes instead and says why, as after "Forget session".
 */
function onSessionChanged(data) {
  let news;
  try {
    news = JSON.parse(data);
  } catch {
    news = {};
  }
  if (news.reset !== true || news.session !== state.session) return refresh();
  closeSession();
  showNotice(
    `Session "${news.session}" was ${FORGET_REASONS[news.why] ?? 'forgotten (deleted or reset)'}: its next request starts it fresh. Open it again to see that.`,
  );
  return refresh();
}

/** Show no session: the view, its event stream and the page's ?session= go (the session itself is not touched). */
function closeSession() {
  state.session = undefined;
  followSession();
  history.replaceState(null, '', pageAddress());
}

/** Whether the open session's event stream is connected; while it is not (the sandbox went away), the page says so. */
function setLive(connected) {
  document.body.dataset.live = String(connected);
  $('#live-lost').hidden = connected || !live.session;
  // Back: an error that said the sandbox could not be reached is over.
  if (connected && state.errorUnreachable) showError(undefined);
}

function openEventSource(url) {
  const source = new EventSource(url);
  source.addEventListener('open', () => {
    // Back after the sandbox was away: what happened meanwhile is shown at once.
    if (document.body.dataset.live === 'false' && live.wasConnected) refresh();
    live.wasConnected = true;
    setLive(true);
  });
  source.addEventListener('error', () => setLive(false)); // it reconnects by itself
  source.addEventListener('outbox', onSessionEvent);
  source.addEventListener('journal', onSessionEvent);
  source.addEventListener('session', (event) => onSessionChanged(event.data));
  return () => source.close();
}

function openFetchedStream(path) {
  const controller = new AbortController();
  const read = async () => {
    const response = await fetch(`${ADMIN}${path}`, { headers: { authorization: `Bearer ${state.token}` }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
    setLive(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop();
      const changed = blocks.find((block) => /^event: session$/m.test(block));
      if (changed) onSessionChanged(/^data: (.*)$/m.exec(changed)?.[1] ?? '{}');
      else if (blocks.some((block) => /^event: (outbox|journal)$/m.test(block))) onSessionEvent();
    }
  };
  const loop = () =>
    read()
      .catch(() => {})
      .finally(() => {
        if (!controller.signal.aborted) setLive(false);
        if (!controller.signal.aborted) setTimeout(loop, 1000); // reconnect, as an EventSource would
      });
  loop();
  return () => controller.abort();
}

/** Follow the open session's events while "live updates" is on; called whenever the session or the switch changes. */
function followSession() {
  const wanted = $('#auto-refresh').checked && state.session ? state.session : undefined;
  if (wanted === live.session) return;
  live.close();
  live.session = wanted;
  live.close = () => {};
  live.wasConnected = false;
  document.body.dataset.live = 'false';
  $('#live-lost').hidden = true;
  if (!wanted) return;
  const path = `/sessions/${encodeURIComponent(wanted)}/events`;
  live.close = state.token ? openFetchedStream(path) : openEventSource(`${ADMIN}${path}`);
}

// ---- wiring ------------------------------------------------------------------------------------------------------

let running;
let queued;
/**
 * Reload and re-render. A refresh asked for while one runs (a scenario switch during the 2-second tick) is not
 * dropped: the running one may have read the state from before the change, so one more follows it.
 */
function refresh() {
  if (running) {
    queued ??= running.then(() => {
      queued = undefined;
      return refresh();
    });
    return queued;
  }
  running = reload().finally(() => {
    running = undefined;
  });
  return running;
}

async function reload() {
  let failed;
  // The session first: reading it creates it, so the list then includes it. The list is loaded even when the session
  // could not be, so another one can still be picked from it.
  for (const load of [loadSession, loadSessions]) {
    try {
      await load();
    } catch (error) {
      failed ??= error;
    }
  }
  if (failed) showError(failed, 'load');
  else if (state.errorSource === 'load') showError(undefined);
  document.body.dataset.loaded = 'true';
}

async function start() {
  // A form the browser refuses (a number out of its field's range) sends nothing, so act() never runs: without this,
  // the last action's error stayed on screen and seemed to be about this attempt.
  document.addEventListener(
    'invalid',
    () => {
      showError(undefined);
      $('#notice').hidden = true;
    },
    true,
  );
  $('#journal-status').value = state.journalFilter.status;
  for (const control of ['#journal-operation', '#journal-status']) {
    $(control).addEventListener('change', () => {
      state.journalFilter = { operation: $('#journal-operation').value, status: $('#journal-status').value };
      history.replaceState(null, '', pageAddress());
      if (state.journal) renderJournal(state.journal);
    });
  }
  window.addEventListener('popstate', () => followAddress());
  $('#open-session').addEventListener('submit', (event) => {
    event.preventDefault();
    void openTypedSession($('#session-input').value.trim());
  });
  window.addEventListener('focus', noteMovedBrowserSession);
  document.addEventListener('visibilitychange', () => document.hidden || noteMovedBrowserSession());
  $('#surface-select').addEventListener('change', () => {
    // A scenario chosen for another surface that this one lacks: the list falls back to its first, so say it did
    // (switching then moved the surface to a scenario nobody picked, with no word of it).
    const chosen = $('#scenario-select').value;
    renderScenarioOptions();
    const now = $('#scenario-select').value;
    if (chosen && now !== chosen)
      showNotice(`${$('#surface-select').value} has no scenario "${chosen}": "${now}" is chosen instead; pick one before switching.`);
  });
  $('#scenario-select').addEventListener('change', describeChosenScenario);
  $('#scenario-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const scenario = $('#scenario-select').value;
    const surface = $('#surface-select').value;
    const switched = await act(() => admin('PUT', `/sessions/${encodeURIComponent(state.session)}/scenario`, surface ? { scenario, surface } : { scenario }));
    if (switched) showNotice(`Switched ${surface || 'every surface that has it'} to scenario "${scenario}": it starts fresh.`);
  });
  $('#reset-session').addEventListener('click', forgetSession);
  $('#override-surface').addEventListener('change', renderOverrideOperations);
  $('#override-operation').addEventListener('change', renderOverrideStatuses);
  $('#override-status').addEventListener('change', () => {
    state.overrideStatusPicked = true;
    renderOverrideExamples();
  });
  $('#override-fault').addEventListener('change', keepAnswerForDeliveryOnly);
  $('#override-latency').addEventListener('input', keepAnswerForDeliveryOnly);
  $('#override-form').addEventListener('submit', (event) => {
    event.preventDefault();
    addOverride();
  });
  $('#clock-freeze').addEventListener('click', () => changeClock({ frozen: true }));
  $('#clock-resume').addEventListener('click', () => changeClock({ frozen: false }));
  $('#clock-reset').addEventListener('click', () => changeClock(undefined));
  for (const button of document.querySelectorAll('[data-advance-ms]')) {
    button.addEventListener('click', () => changeClock({ advanceMs: Number(button.dataset.advanceMs) }));
  }
  $('#clock-form').addEventListener('submit', (event) => {
    event.preventDefault();
    changeClock({ at: `${$('#clock-at').value}${$('#clock-at').value.length === 16 ? ':00' : ''}Z` });
  });
  $('#export-session').addEventListener('click', exportSessionFile);
  $('#import-session').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    event.target.value = '';
    if (file) await importSessionFile(file);
  });
  $('#token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    state.token = $('#admin-token').value;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    $('#token-form').hidden = true;
    await boot();
    // The form the keyboard was in has gone: on to the open session, else the box to open one (unless refused again).
    if ($('#token-form').hidden) (state.session ? $('#session') : $('#session-input')).focus();
  });
  // Live updates come from the session's event stream (followSession), not from polling.
  $('#auto-refresh').addEventListener('change', () => {
    followSession();
    // With live updates off, the view changes only when asked: the button asks without turning them on again.
    $('#refresh-now').hidden = $('#auto-refresh').checked;
    if ($('#auto-refresh').checked) refresh(); // what happened while it was off
  });
  $('#refresh-now').addEventListener('click', async () => {
    $('#notice').hidden = true; // an earlier action's word is not about what this shows
    await refresh();
    announce(state.session ? `Session "${state.session}" read again` : 'Sessions read again');
  });
  setInterval(() => {
    renderClockNow();
    renderTotp();
  }, 1000);
  // The open session's events keep its view current; the list of every session has no stream, so while live updates
  // are on it is read again now and then: sessions made elsewhere appear, request counts move on.
  setInterval(() => {
    if ($('#auto-refresh').checked && !document.hidden) loadSessions().catch(() => {});
  }, SESSION_LIST_EVERY_MS);
  await boot();
}

async function boot() {
  try {
    await loadCatalogue();
  } catch (error) {
    showError(error, 'load');
    return;
  }
  if (state.session !== null && state.session !== undefined && !SESSION_ID.test(state.session)) {
    showError(new Error(`?session=${state.session} names no session: ${SESSION_ID_RULE}.`));
    state.session = undefined;
  }
  // The address as the page reads it (a status filter it does not know, `?status=7`, is not kept in it).
  history.replaceState(null, '', pageAddress());
  // Read before the session is: reading it makes it.
  const named = state.session;
  const heldBefore = named ? await heldSessionIds() : undefined;
  followSession();
  await refresh();
  if (heldBefore && !heldBefore.includes(named)) noteNewSession(named, heldBefore);
}

/** The ids of the sessions the sandbox holds; undefined when the list cannot be read (nothing to say then). */
async function heldSessionIds() {
  try {
    return (await admin('GET', '/sessions')).map((session) => session.id);
  } catch {
    return undefined;
  }
}

/**
 * The page's address named a session the sandbox did not hold: reading it made it, so a typo in a shared link opened
 * an empty new session without a word. Say so, naming a held session a letter or two away. Said as soon as the view
 * is loaded (before any click of the QA), so it never replaces what an action says.
 */
function noteNewSession(id, held) {
  const near = held.filter((other) => editDistance(other, id) <= 2).slice(0, 3);
  const meant = near.length ? ` Did you mean ${near.map((other) => `"${other}"`).join(' or ')}? Pick it from the list.` : '';
  showNotice(`Session "${id}" is new: the sandbox held none of that name, so it started empty when this page opened it.${meant}`);
}

/** Levenshtein distance, for the one or two letters a mistyped session id is away from the meant one. */
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

start();
