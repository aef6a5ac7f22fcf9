// What a page keeps when it is drawn again in the other language: the text typed into its
// fields and the panel or dialog it had open. A page's action that opens a panel or a dialog
// records how to open it again (`ctx.view.reopen = { what: '#panel-id', again: (next) => ... }`),
// kept while that element is on the page and shown; the fields are found by id, or by their
// form's id and their name (passwords and files are not kept).
const FIELDS =
  'main input, main textarea, main select, dialog input, dialog textarea, dialog select';
const SKIPPED = new Set(['file', 'password', 'hidden', 'submit', 'button']);

function keyOf(el) {
  if (el.id) return `#${CSS.escape(el.id)}`;
  const form = el.form?.id || el.closest('[id]')?.id;
  return form && el.name ? `#${CSS.escape(form)} [name="${CSS.escape(el.name)}"]` : null;
}

// The page's state before it is drawn again.
export function keepState(ctx) {
  const fields = [];
  for (const el of document.querySelectorAll(FIELDS)) {
    if (SKIPPED.has(el.type)) continue;
    const key = keyOf(el);
    if (key)
      fields.push([key, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]);
  }
  const open = ctx.view.reopen;
  const shown = open && document.querySelector(open.what);
  return { fields, reopen: shown && !shown.hidden ? open.again : null };
}

// Opens again what was open, then puts the typed text back (into the panel's fields too).
export async function restoreState(next, kept) {
  if (!next || next.stale) return;
  if (kept.reopen) await kept.reopen(next);
  for (const [key, value] of kept.fields) {
    const el = document.querySelector(key);
    if (!el || SKIPPED.has(el.type)) continue;
    if (typeof value === 'boolean') el.checked = value;
    else el.value = value;
  }
}
