// A rejected row of an import in the page's language, from the code and arguments the server
// sends beside the reader's English sentence (problems, error_problem: {where, line, code,
// args}); the sentence itself is the command line's.
import { keyByZh, t, tOr } from '../i18n.js';

const fill = (text, args) =>
  text.replace(/\{(\w+)\}/g, (all, k) => (args[k] == null ? all : String(args[k])));

// A water item as the server names it (its id "nh3n" or its Chinese name "氨氮") in the page's
// language; anything else (a name the file gave) as it is.
function itemName(item) {
  const byId = tOr(`witem_${item}`, '');
  if (byId) return byId;
  const key = keyByZh('witem_', item);
  return key ? t(key) : item;
}

// The reason alone ("bad number 'abc' in field so2").
export function problemReason(p) {
  const args = { ...(p.args ?? {}) };
  if (args.item) args.item = itemName(args.item);
  return fill(tOr(`rowp_${p.code}`, args.text ?? p.code), args);
}

// Where and why: "line 3: …", with the sheet or file when it is not `file` (the uploaded name).
export function problemText(p, file) {
  const where = p.where && p.where !== file ? p.where : '';
  const key = p.line
    ? where
      ? 'rowp_at_where_line'
      : 'rowp_at_line'
    : where
      ? 'rowp_at_where'
      : '';
  const reason = problemReason(p);
  return key ? fill(t(key), { where, line: p.line, reason }) : reason;
}
