// The ecociv web interface: a small single-page app over /api/v1/.
// Boot, router and the one delegated event listener. Every page is a module in
// pages/ exporting `name`, `title` (an i18n key) and `render(ctx)`, and optionally
// `actions` (handlers by data-action) and `anyone` (reachable without the server listing it).
// All text comes from i18n/zh.json and i18n/en.json (Chinese by default).
import { api, ApiError } from './api.js';
import { currentLang, setLang } from './i18n.js';
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

// The page to show for a hash: a known page, else the user's first page; a visitor
// who is not logged in sees only the pages the server lists for them, and the login.
function pageFor(name) {
  const first = session.pages.find((p) => pages.has(p)) ?? 'login';
  const page = pages.has(name) ? name : first;
  if (!session.user && !session.pages.includes(page) && !pages.get(page).anyone) return 'login';
  return page;
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
function context(module, params) {
  const ctx = {
    name: module.name,
    params,
    view: {},
    get stale() {
      return ctx !== current;
    },
    show(html) {
      if (ctx.stale) return;
      disposeCharts();
      renderShell(app, pages, module.name, html);
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
  const module = pages.get(pageFor(name));
  const ctx = context(module, new URLSearchParams(query || ''));
  current = ctx;
  try {
    await module.render(ctx);
    if (!ctx.stale) document.body.dataset.page = module.name;
  } catch (err) {
    if (err.status === 401) {
      setSession(await api('GET', '/api/v1/session').catch(() => null));
      // The login brings the user back here.
      const here = location.hash.slice(2);
      navigate(
        here && !here.startsWith('login') ? `login?next=${encodeURIComponent(here)}` : 'login',
      );
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
  window.addEventListener('hashchange', route);
  route();
}

start();
