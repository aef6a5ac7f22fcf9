// The login form; after login, the page the visitor had opened (a deep link opened while
// logged out, or the page whose session ended: `login?next=…`), else the first page the
// server lists for the user.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { session, setSession } from '../session.js';
import { errorText } from '../widgets/errors.js';
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

// Where to go after the login: the address's own page when it is not the login (the router
// showed the login in its place), else `next`; '' when neither.
function returnTo(ctx) {
  const here = location.hash.slice(2);
  const target = here && !here.startsWith('login') ? here : (ctx.params.get('next') ?? '');
  const page = target.split('?')[0];
  return page && page !== 'login' && page !== 'public' ? target : '';
}

export const actions = {
  login: async (form, ctx) => {
    const f = formValues(form);
    try {
      setSession(await api('POST', '/api/v1/session', { name: f.name, password: f.password }));
      ctx.navigate(returnTo(ctx) || (session.pages[0] ?? 'login'));
    } catch (err) {
      // A wrong name or password is said in the page's language; a throttled login (429) or
      // another failure with the sentence of its code.
      say('login-error', err.status === 401 ? t('login_failed') : errorText(err));
    }
  },
};
