// The login form; after login, the first page the server lists for the user.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { session, setSession } from '../session.js';
import { formValues, say } from '../widgets/form.js';

export const name = 'login';
export const title = 'login';
export const anyone = true;

export function render(ctx) {
  ctx.show(
    `<form class="login" id="login-form" data-action="login"><h2>${t('login')}</h2>` +
      `<label>${t('user')}<input name="name" autocomplete="username" required></label>` +
      `<label>${t('password')}<input name="password" type="password" autocomplete="current-password" required></label>` +
      `<button type="submit">${t('login')}</button><p class="error" id="login-error"></p></form>`,
  );
}

export const actions = {
  login: async (form, ctx) => {
    const f = formValues(form);
    try {
      setSession(await api('POST', '/api/v1/session', { name: f.name, password: f.password }));
      ctx.navigate(session.pages[0] ?? 'login');
    } catch (err) {
      say('login-error', `${t('login_failed')}: ${err.message}`);
    }
  },
};
