// What Swagger UI's own markup leaves out for keyboard and screen-reader users (found by an accessibility review with
// axe-core): names for its selects, the deep links inside an operation's summary button made text (a button holding
// links is two controls in one), the Authorize window marked as a modal dialog with a named close button that gives
// the keyboard back to Authorize, and the keyboard kept where Execute was once Swagger UI replaces that button with
// "Execute" and "Clear". Mended after each render.
(() => {
  const SELECT_NAMES = [
    ['#servers', 'Server'],
    ['.examples-select-element', 'Example'],
    ['.response-control-media-type select, select.content-type', 'Media type'],
  ];

  function mend() {
    for (const [selector, name] of SELECT_NAMES) {
      for (const select of document.querySelectorAll(selector)) if (!select.hasAttribute('aria-label')) select.setAttribute('aria-label', name);
    }
    // The path's deep link inside the summary button: text only (the address bar follows the open operation anyway).
    for (const link of document.querySelectorAll('.opblock-summary-control a[href]')) link.removeAttribute('href');
    for (const field of document.querySelectorAll('.parameters input[placeholder]:not([aria-label]), .parameters select:not([aria-label])')) {
      // Named by the parameter's row (X-Mock-Session, Prefer), not by a placeholder that is gone once something is typed.
      const name = field.closest('tr')?.getAttribute('data-param-name');
      if (name) field.setAttribute('aria-label', name);
    }
    // A long example scrolls inside its box, which the keyboard must reach.
    for (const code of document.querySelectorAll('.highlight-code > .microlight:not([tabindex])')) code.setAttribute('tabindex', '0');
    const modal = document.querySelector('.modal-ux');
    keepKeyboardWithAuthorize(modal);
    // The window's X: an icon alone, which a screen reader read as "button".
    for (const close of document.querySelectorAll('.modal-ux .close-modal:not([aria-label])')) close.setAttribute('aria-label', 'Close');
    // "Authorize" named "Apply credentials": a voice user saying what the button shows reached nothing (WCAG 2.5.3).
    for (const button of document.querySelectorAll('.modal-ux button[aria-label]')) {
      const text = button.textContent.trim().toLowerCase();
      if (text !== '' && !button.getAttribute('aria-label').toLowerCase().includes(text)) button.removeAttribute('aria-label');
    }
    if (modal && !modal.hasAttribute('role')) {
      modal.setAttribute('role', 'dialog');
      modal.setAttribute('aria-modal', 'true');
      const title = modal.querySelector('.modal-ux-header h3');
      if (title) {
        title.id ||= 'docs-dialog-title';
        modal.setAttribute('aria-labelledby', title.id);
      }
    }
  }

  /** The control that opened the Authorize window, to give the keyboard back to when it closes. */
  let opener = null;
  let wasOpen = false;
  /** What makeBackgroundInert made inert, given back when the window closes. */
  const inerted = [];

  /**
   * Swagger UI drops the keyboard to the page's start twice around its Authorize window: when the window closes
   * (Escape, Close, the X), and when Authorize or Logout inside it re-renders the window. The first goes back to the
   * control that opened it, the second to the window's own first button.
   */
  function keepKeyboardWithAuthorize(modal) {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (modal && !wasOpen) {
      opener = document.activeElement !== document.body ? document.activeElement : null;
      makeBackgroundInert(modal);
    }
    if (modal && lost) modal.querySelector('.auth-btn-wrapper button, .close-modal')?.focus();
    if (!modal && wasOpen) {
      for (const element of inerted.splice(0)) element.inert = false;
      if (lost) (opener?.isConnected ? opener : document.querySelector('.btn.authorize'))?.focus();
    }
    wasOpen = modal !== null;
  }

  /** The page behind the window, made inert while it is open: what a modal dialog is (its Tab trap stays for older browsers). */
  function makeBackgroundInert(modal) {
    for (let node = modal.closest('.dialog-ux') ?? modal; node.parentElement && node !== document.body; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling === node || sibling.inert) continue;
        sibling.inert = true;
        inerted.push(sibling);
      }
    }
  }

  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      mend();
    });
  }).observe(document.body, { childList: true, subtree: true });

  // Swagger UI re-renders Execute as the request goes out and again as the answer comes in, and the keyboard fell to the
  // page's start: it is put back on Execute (the one there now) until the answer is shown, unless the user moved it.
  const REFOCUS_WAIT_MS = 30_000;
  document.addEventListener(
    'click',
    (event) => {
      const execute = event.target instanceof Element ? event.target.closest('.btn.execute') : null;
      const operation = execute?.closest('.opblock');
      if (!operation) return;
      const until = performance.now() + REFOCUS_WAIT_MS;
      const refocus = () =>
        requestAnimationFrame(() => {
          const active = document.activeElement;
          const onExecute = active instanceof Element && active.matches('.btn.execute');
          if (!onExecute && active && active !== document.body) return; // moved by the user
          if (!onExecute) operation.querySelector('.btn.execute:not([disabled])')?.focus();
          const answered = operation.querySelector('.live-responses-table') !== null;
          if (!(answered && document.activeElement?.matches('.btn.execute')) && performance.now() < until) refocus();
        });
      refocus();
    },
    true,
  );

  // Swagger UI's Authorize window does not keep the keyboard: Tab went on to the page behind it.
  document.addEventListener('keydown', (event) => {
    const modal = document.querySelector('.modal-ux[aria-modal="true"]');
    if (event.key !== 'Tab' || !modal) return;
    const focusable = [...modal.querySelectorAll('button, input, select, textarea, a[href]')].filter((element) => !element.disabled);
    if (focusable.length === 0) return;
    const [first, last] = [focusable[0], focusable[focusable.length - 1]];
    if (!modal.contains(document.activeElement)) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
})();
