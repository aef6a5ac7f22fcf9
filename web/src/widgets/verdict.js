// An indicator's target and the reason of its verdict in the page's language, from the codes
// the server sends beside its texts (target_base + target_rule, reason_code + reason_args):
// the server's own texts are the command line's, partly Chinese.
import { keyByZh, t, tOr } from '../i18n.js';

const fill = (text, args) =>
  text.replace(/\{(\w+)\}/g, (all, k) => (args[k] == null ? all : String(args[k])));

// The target: the catalogue's or plan's figure and the rule of the direction ("≥95, and not
// lower than last year (2024)"); `year` is the year judged.
export function targetText(x, year) {
  if (!x.target_rule) return x.target ?? '';
  const rule = fill(t('vtarget_' + x.target_rule), { year: year - 1 });
  if (!x.target_base) return rule;
  return fill(t(x.target_rule.startsWith('or_') ? 'vtarget_or' : 'vtarget_and'), {
    base: x.target_base,
    rule,
  });
}

// Why the verdict is what it is; '' when there is nothing to say.
export function reasonText(x) {
  if (!x.reason_code) return '';
  const a = x.reason_args ?? {};
  const args = {
    ...a,
    level: a.level ? tOr('vlevel_' + a.level, a.level) : '',
    status: a.status ? tOr('state_' + a.status, a.status) : '',
  };
  const text = fill(tOr('vreason_' + x.reason_code, x.reason ?? ''), args);
  return a.review_reason ? `${text}${t('err_sep')}${a.review_reason}` : text;
}

// A catalogue's domain (stored in Chinese, "生态空间") in the page's language.
export function domainText(d) {
  const key = keyByZh('domain_', d);
  return key ? t(key) : d;
}
