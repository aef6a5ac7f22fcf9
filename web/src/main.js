// The ecociv web interface: a small single-page app over /api/v1/.
// Boot, router and the one delegated event listener. Every page is a module in
// pages/ exporting `name`, `title` (an i18n key) and `render(ctx)`, and optionally
// `actions` (handlers by data-action), `anyone` (reachable without the server listing it)
// and `under` (the listed page it belongs to, e.g. one indicator under the indicators).
// All text comes from i18n/zh.json and i18n/en.json (Chinese by default).
import { api, ApiError, expiry } from './api.js';
import { currentLang, setLang, t } from './i18n.js';
import { session, setSession } from './session.js';
import { renderShell, shellActions } from './shell.js';
import { disposeCharts } from './widgets/chart.js';
import { dialogActions } from './widgets/dialog.js';
import { errorText } from './widgets/errors.js';
import { esc } from './widgets/escape.js';
import { forgetTables, tableActions } from './widgets/table.js';
import './style.css';
import './print.css';

const modules = import.meta.glob('./pages/*.js', { eager: true });
const pages = new Map(Object.values(modules).map((m) => [m.name, m]));
const sharedActions = { ...shellActions, ...tableActions, ...dialogActions };
const app = document.getElementById('app');
let current = null; // the context of the page on screen

// A page this user may open: one the server lists for the role (or the listed page it
// belongs to), or one open to anyone.
const allowed = (m) => m.anyone || session.pages.includes(m.under ?? m.name);

// The page to show for a hash: a known page, else the user's first page; a visitor who is
// not logged in sees only the pages the server lists for them, and the login. A logged-in
// user whose role may not see the page lands on its first page, told why (`denied`).
function pageFor(name) {
  const first = session.pages.find((p) => pages.has(p)) ?? 'login';
  const page = pages.has(name) ? name : first;
  if (allowed(pages.get(page))) return { page };
  if (!session.user) return { page: 'login' };
  return { page: first, denied: true };
}

// Sends the user to the login, which brings them back to this address (page and filters).
function toLogin() {
  const here = location.hash.slice(2);
  return navigate(
    here && !here.startsWith('login') ? `login?next=${encodeURIComponent(here)}` : 'login',
  );
}

// The session ended mid-use (the server answered 401): forget the user at once (so that
// the other requests in flight do not do this again), ask the server what a visitor may
// see, and go to the login. The requests of one page that fail together share one trip.
let expiring = null;
function sessionExpired() {
  expiring ??= (async () => {
    setSession(null);
    setSession(await api('GET', '/api/v1/session').catch(() => null));
    toLogin();
  })().finally(() => {
    expiring = null;
  });
  return expiring;
}

// Goes to a page ('air' or 'air?id=X'); renders again when the hash is already there.
function navigate(target) {
  const hash = `#/${target}`;
  if (location.hash === hash) return route();
  location.hash = hash;
  return null;
}

// What a page's render and actions get: the query, a per-visit `view` for the page's own
// data, show(html) to put the page on screen, reload() and navigate().
function context(module, params, notice) {
  const ctx = {
    name: module.name,
    params,
    notice,
    view: {},
    get stale() {
      return ctx !== current;
    },
    show(html) {
      if (ctx.stale) return;
      disposeCharts();
      renderShell(app, pages, module.name, html, ctx.notice);
      forgetTables();
    },
    reload: () => route(),
    navigate,
  };
  return ctx;
}

// Renders the page of the current hash; resolves to its context.
async function route() {
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  const [name, query] = location.hash.slice(2).split('?');
  const { page, denied } = pageFor(name);
  const module = pages.get(page);
  // A page the role may not see: the address becomes the first page's, with a sentence.
  if (denied) history.replaceState(null, '', `#/${page}`);
  const ctx = context(
    module,
    new URLSearchParams(denied ? '' : query || ''),
    denied ? t('page_not_allowed') : '',
  );
  current = ctx;
  try {
    await module.render(ctx);
    if (!ctx.stale) document.body.dataset.page = module.name;
  } catch (err) {
    if (err.status === 401) {
      // Not logged in (the api client has already sent an expired session to the login).
      if (!location.hash.startsWith('#/login')) await sessionExpired();
      return ctx;
    }
    ctx.show(`<p class="error">${esc(errorText(err))}</p>`);
    if (!(err instanceof ApiError)) console.error(err); // a fault of the page itself
  }
  return ctx;
}

// The one listener for every button, link, field and form of the app: the element's
// data-action names a handler of the page on screen (or a shared one). Buttons and
// links act on click, fields on change, forms on submit.
function dispatch(event) {
  const el = event.target.closest?.('[data-action]');
  if (!el || !app.contains(el) || !current) return;
  const tag = el.tagName;
  const type =
    tag === 'FORM' ? 'submit' : ['SELECT', 'INPUT', 'TEXTAREA'].includes(tag) ? 'change' : 'click';
  if (type !== event.type) return;
  if (type !== 'change') event.preventDefault();
  const action = el.dataset.action;
  const handler = pages.get(current.name).actions?.[action] ?? sharedActions[action];
  if (!handler) return;
  // An error the handler did not show itself goes above the page (and to the console
  // when it is not the server's answer).
  Promise.resolve(handler(el, current, event)).catch((err) => {
    if (err.status === 401) return; // the session ended: the login is on its way
    const box = document.getElementById('app-error');
    if (box) box.textContent = errorText(err);
    if (!(err instanceof ApiError)) console.error(err);
  });
}

async function start() {
  setLang(currentLang());
  try {
    setSession(await api('GET', '/api/v1/session'));
  } catch {
    setSession(null); // offline: stay logged out
  }
  for (const type of ['click', 'change', 'submit']) app.addEventListener(type, dispatch);
  expiry.handler = sessionExpired;
  window.addEventListener('hashchange', route);
  route();
}

start();
