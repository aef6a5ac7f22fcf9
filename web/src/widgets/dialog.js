// A modal dialog inside the app root (so its buttons and forms reach the delegated
// listener). Replaced by the next one, gone with the page; a [data-action=dialog-close]
// button closes it.
import { t } from '../i18n.js';
import { esc } from './escape.js';

export function openDialog(id, title, body) {
  closeDialog();
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog';
  dialog.id = id;
  dialog.innerHTML =
    `<div class="dialog-head"><h3>${esc(title)}</h3>` +
    `<button type="button" class="dialog-close" data-action="dialog-close" aria-label="${t('close')}">×</button>` +
    `</div>${body}`;
  document.getElementById('app').append(dialog);
  dialog.showModal();
  return dialog;
}

export function closeDialog() {
  const open = document.querySelector('#app dialog.dialog');
  if (!open) return;
  open.close();
  open.remove();
}

export const dialogActions = { 'dialog-close': () => closeDialog() };
