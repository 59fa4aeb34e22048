// mfa-sandbox docs: "try it out" in the session the browser is in. A page opened after a `/s/<session>/` URL or the QA
// console carries the mfa-sandbox-session cookie, so its requests land in that session; the curl line Swagger UI shows
// has no cookie, and pasted in a terminal it landed in `default`. Swagger UI's requestInterceptor calls
// window.mfaSandboxDocsRequest(request), which names the cookie's session in X-Mock-Session (and its scenario in
// Prefer) on a request that names none itself: the request and its curl line then agree.
//
// Plain script, no imports: the docs route prepends `window.MFA_SANDBOX_SESSION_COOKIE = "<cookie name>"`.
(function installDocsSession(global) {
  'use strict';

  /** The session and scenario the browser's session cookie names (`qa-1` or `qa-1/mfa-enabled`), or undefined. */
  function cookieSession() {
    const name = global.MFA_SANDBOX_SESSION_COOKIE;
    for (const pair of global.document.cookie.split(';')) {
      const equals = pair.indexOf('=');
      if (equals < 0 || pair.slice(0, equals).trim() !== name) continue;
      const value = pair.slice(equals + 1).trim();
      const slash = value.indexOf('/');
      const decode = (text) => {
        try {
          return decodeURIComponent(text);
        } catch {
          return text;
        }
      };
      return slash < 0 ? { session: decode(value), scenario: undefined } : { session: decode(value.slice(0, slash)), scenario: decode(value.slice(slash + 1)) };
    }
    return undefined;
  }

  const hasHeader = (headers, wanted) => Object.keys(headers).some((name) => name.toLowerCase() === wanted);

  global.mfaSandboxDocsRequest = function mfaSandboxDocsRequest(request) {
    const chosen = cookieSession();
    // A URL through the session-prefix server names its session itself.
    if (!chosen || !chosen.session || new URL(request.url, global.location.href).pathname.includes('/s/')) return request;
    request.headers = request.headers || {};
    if (!hasHeader(request.headers, 'x-mock-session')) request.headers['X-Mock-Session'] = chosen.session;
    if (chosen.scenario && !hasHeader(request.headers, 'prefer')) request.headers.Prefer = `scenario=${chosen.scenario}`;
    return request;
  };

  /**
   * Say at the top of the page which session "try it out" sends to, with a link to it in the QA console: nothing on
   * the page said so (only the curl line after Execute did), and a browser that had lost its cookie sent a QA's
   * requests to `default`, whose answers then contradicted the console. Read again when the tab is back in front:
   * another tab of the console may have moved the cookie.
   */
  function showSessionBanner() {
    const doc = global.document;
    const chosen = cookieSession();
    const path = global.location.pathname;
    const consoleUrl = `${path.slice(0, Math.max(0, path.lastIndexOf('/docs/')))}/__console/${chosen && chosen.session ? `?session=${encodeURIComponent(chosen.session)}` : ''}`;
    let banner = doc.getElementById('mfa-sandbox-session');
    if (!banner) {
      banner = doc.createElement('p');
      banner.id = 'mfa-sandbox-session';
      banner.setAttribute('role', 'status');
      doc.body.prepend(banner);
    }
    const link = doc.createElement('a');
    link.href = consoleUrl;
    link.textContent = chosen && chosen.session ? 'open it in the QA console' : 'choose one in the QA console';
    const said =
      chosen && chosen.session
        ? `"Try it out" sends to session "${chosen.session}"${chosen.scenario ? ` (scenario ${chosen.scenario})` : ''}: `
        : '"Try it out" sends to session "default": this browser has chosen no session; ';
    banner.replaceChildren(doc.createTextNode(said), link, doc.createTextNode('.'));
  }
  if (global.document.readyState === 'loading') global.document.addEventListener('DOMContentLoaded', showSessionBanner);
  else showSessionBanner();
  global.addEventListener('focus', showSessionBanner);
})(window);
