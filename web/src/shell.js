// The page frame: the header (title, navigation, user, language, logout) and <main>.
import { api } from './api.js';
import { t, tOr, toggleLang } from './i18n.js';
import { session, setSession } from './session.js';
import { openDialog } from './widgets/dialog.js';
import { errorText } from './widgets/errors.js';
import { esc } from './widgets/escape.js';
import { formValues, say } from './widgets/form.js';
import { keepState, restoreState } from './widgets/keep.js';

// The navigation: the page modules the server lets this user see, in the server's order.
function nav(pages, current) {
  return session.pages
    .filter((name) => pages.has(name))
    .map((name) => {
      const active = name === current ? ' class="active"' : '';
      return `<a href="#/${name}"${active} data-page="${name}">${t(pages.get(name).title)}</a>`;
    })
    .join('');
}

function who() {
  const u = session.user;
  if (!u) return `<a href="#/login" class="login-link">${t('login')}</a>`;
  return `<span class="who">${esc(u.name)} (${esc(tOr('role_' + u.role, u.role))}${u.unit ? ' · ' + esc(u.unit) : ''})</span>`;
}

// `notice`: a sentence above the page (e.g. why the address asked for was not opened).
export function renderShell(root, pages, current, content, notice = '') {
  const logout = session.user
    ? `<button id="own-password" data-action="password-dialog">${t('change_password')}</button>` +
      `<button id="logout" data-action="logout">${t('logout')}</button>`
    : '';
  root.innerHTML =
    `<header><h1>${t('app')}</h1><nav>${nav(pages, current)}</nav><span class="spacer"></span>` +
    `${who()}<button id="lang" data-action="lang">${t('lang')}</button>${logout}</header>` +
    `<main><p class="error" id="app-error" role="alert"></p>` +
    (notice ? `<p class="notice" id="app-notice" role="status">${esc(notice)}</p>` : '') +
    `${content}</main>`;
  // On a narrow screen the navigation scrolls sideways: keep the current page in view.
  root
    .querySelector('header nav a.active')
    ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

// The header's buttons (handled through the delegated listener like every other action).
export const shellActions = {
  // The page again in the other language, with its open panel and typed text kept.
  lang: async (el, ctx) => {
    const kept = keepState(ctx);
    toggleLang();
    await restoreState(await ctx.reload(), kept);
  },
  // Every role changes its own password here (the server ends its other sessions).
  'password-dialog': (el, ctx) => {
    ctx.view.reopen = {
      what: '#password-dialog',
      again: (next) => shellActions['password-dialog'](el, next),
    };
    return openDialog(
      'password-dialog',
      t('change_password'),
      `<form class="controls" id="own-password-form" data-action="own-password">` +
        `<input name="old" type="password" autocomplete="current-password" placeholder="${t('old_password')}" required>` +
        `<input name="new" type="password" autocomplete="new-password" placeholder="${t('new_password')}" required>` +
        `<button>${t('change_password')}</button></form><p id="own-pw-msg" class="error"></p>`,
    );
  },
  'own-password': async (form) => {
    const f = formValues(form);
    try {
      await api('POST', '/api/v1/session/password', { old_password: f.old, new_password: f.new });
      form.reset();
      say('own-pw-msg', t('saved'), 'ok');
    } catch (err) {
      say('own-pw-msg', errorText(err), 'error');
    }
  },
  logout: async (el, ctx) => {
    await api('DELETE', '/api/v1/session');
    // Ask the server what a visitor who is not logged in may see.
    setSession(await api('GET', '/api/v1/session'));
    return ctx.navigate(session.pages[0] ?? 'login');
  },
};
