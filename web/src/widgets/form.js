// Small helpers for forms and messages.
import { esc } from './escape.js';

// A form's fields as an object of strings (a file field gives its File).
export const formValues = (form) => Object.fromEntries(new FormData(form).entries());

// <option>s of a <select>. items: values, or [value, label] pairs; current is selected.
export const options = (items, current) =>
  items
    .map((item) => {
      const [value, label] = Array.isArray(item) ? item : [item, item];
      const selected = value === current ? ' selected' : '';
      return `<option value="${esc(value)}"${selected}>${esc(label)}</option>`;
    })
    .join('');

// Puts a message (or an Error's message) into the element with this id.
export function say(id, message, className) {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = message instanceof Error ? message.message : (message ?? '');
  if (className) el.className = className;
}

// The trimmed value of the first element matching the selector ('' when there is none).
export const valueOf = (selector) => document.querySelector(selector)?.value.trim() ?? '';
