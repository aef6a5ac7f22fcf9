// What a failed request says on the page: a sentence in the interface's language chosen by
// the server's error code (never the code itself), then the detail, which names the field,
// subject or state at fault: worded here from the server's reason code and arguments
// (errd_<reason>) when it sends them, else the server's own sentence. A form may give a
// context ('run', 'value', ...) whose sentences for a code say more than the general ones
// (err_run_FAILED_PRECONDITION).
import { ApiError } from '../api.js';
import { t, tOr } from '../i18n.js';
import { say } from './form.js';

// The keys of a state named in a refusal, by the reason's first word.
const STATES = {
  warning: 'wstate_',
  plan: 'plan_state_',
  value: 'state_',
  run: 'run_',
  document: 'doc_state_',
  finding: 'finding_',
};

function reasonText(reason, args, sentence) {
  const prefix = STATES[reason.split('_')[0]];
  const filled = { ...args };
  if (prefix && args.state) filled.state = tOr(prefix + args.state, args.state);
  // A request's field by its label when the interface has one ('year' → 年度), else its name.
  const label = args.field ? tOr(args.field, '') : '';
  if (label && label.length <= 10 && !label.includes('{')) filled.field = label;
  const text = tOr(`errd_${reason}`, sentence);
  return text.replace(/\{(\w+)\}/g, (all, k) => (filled[k] == null ? all : String(filled[k])));
}

export function errorText(err, context) {
  if (!(err instanceof ApiError)) return `${t('err_client')}${t('err_sep')}${err?.message ?? ''}`;
  const code = err.code || `HTTP_${err.status}`;
  const specific = context ? tOr(`err_${context}_${code}`, '') : '';
  const head = specific || tOr(`err_${code}`, t('err_unknown'));
  // A body that was not JSON leaves the status number as the message: no detail then.
  const detail = err.reason
    ? reasonText(err.reason, err.args ?? {}, err.message)
    : err.message && err.message !== String(err.status)
      ? err.message
      : '';
  return detail ? `${head}${t('err_sep')}${detail}` : head;
}

// Puts the error's sentence into the element with this id, marked as an error.
export const sayError = (id, err, context) => say(id, errorText(err, context), 'error');

// Puts a success message into the element with this id.
export const sayOk = (id, message) => say(id, message, 'ok');
