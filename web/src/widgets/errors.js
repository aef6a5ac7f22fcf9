// What a failed request says on the page: a sentence in the interface's language chosen by
// the server's error code (never the code itself), then the server's own detail, which names
// the field, subject or state at fault. A form may give a context ('run', 'value', ...) whose
// sentences for a code say more than the general ones (err_run_FAILED_PRECONDITION).
import { ApiError } from '../api.js';
import { t, tOr } from '../i18n.js';
import { say } from './form.js';

export function errorText(err, context) {
  if (!(err instanceof ApiError)) return `${t('err_client')}${t('err_sep')}${err?.message ?? ''}`;
  const code = err.code || `HTTP_${err.status}`;
  const specific = context ? tOr(`err_${context}_${code}`, '') : '';
  const head = specific || tOr(`err_${code}`, t('err_unknown'));
  // A body that was not JSON leaves the status number as the message: no detail then.
  const detail = err.message && err.message !== String(err.status) ? err.message : '';
  return detail ? `${head}${t('err_sep')}${detail}` : head;
}

// Puts the error's sentence into the element with this id, marked as an error.
export const sayError = (id, err, context) => say(id, errorText(err, context), 'error');

// Puts a success message into the element with this id.
export const sayOk = (id, message) => say(id, message, 'ok');
