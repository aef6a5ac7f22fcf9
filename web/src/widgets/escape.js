// HTML escaping for text put into markup.
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

// Attributes from an object: {'data-id': 3, class: 'x'} -> ' data-id="3" class="x"'.
// Empty, null and false values are left out.
export const attrs = (o) =>
  Object.entries(o ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== false && v !== '')
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
