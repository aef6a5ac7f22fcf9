// Administration: users (their role, unit and region), the units' stations and sections,
// published pages, password.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { session } from '../session.js';
import { closeDialog, openDialog } from '../widgets/dialog.js';
import { sayError } from '../widgets/errors.js';
import { esc } from '../widgets/escape.js';
import { formValues, options, say } from '../widgets/form.js';
import { regionLabel, regionOptions as regionOptionsOf } from '../widgets/regions.js';
import { table } from '../widgets/table.js';

export const name = 'admin';
export const title = 'nav_admin';

const ROLES = ['analyst', 'reporter', 'leader', 'auditor', 'admin'];
const PAGE_KINDS = ['air-summary', 'water-summary', 'indicators-summary'];
const datalist = (id, values) =>
  `<datalist id="${id}">${values.map((v) => `<option value="${esc(v)}"></option>`).join('')}</datalist>`;
// The caller's subtree (tree order): the regions the administrator may give.
let regionList = [];
const regionOf = (code) => regionLabel(regionList, code);
const regionOptions = (selected) => regionOptionsOf(regionList, selected);
const panel = (heading, body) => `<section class="panel"><h3>${heading}</h3>${body}</section>`;

// Disable or enable a user, and reset its password (not one's own: that is the header's).
function manage(x) {
  if (x.name === session.user?.name) return '';
  const name = esc(x.name);
  return (
    `<button class="user-disable" data-action="disable-user" data-name="${name}" data-disabled="${x.disabled ? '' : '1'}">` +
    `${x.disabled ? t('user_enable') : t('user_disable')}</button> ` +
    `<button class="user-reset" data-action="reset-dialog" data-name="${name}">${t('reset_password')}</button> ` +
    `<button class="user-region" data-action="region-dialog" data-name="${name}" data-region="${esc(x.region)}">${t('user_region_set')}</button>`
  );
}

function users(u) {
  return panel(
    t('users'),
    table(
      'users-table',
      [
        { key: 'name', label: t('name') },
        { key: 'role', label: t('role'), html: (x) => esc(t('role_' + x.role)) },
        { key: 'unit', label: t('unit') },
        { key: 'region', label: t('region'), html: (x) => esc(regionOf(x.region)) },
        {
          key: 'disabled',
          label: t('status'),
          html: (x) =>
            x.disabled ? `<span class="bad">${t('user_disabled')}</span>` : t('user_active'),
        },
        { key: 'manage', label: '', html: manage },
      ],
      u.users,
    ) +
      `<p id="user-msg" class="error"></p>` +
      `<form id="add-user" class="controls" data-action="add-user"><input name="name" placeholder="${t('name')}">` +
      `<select name="role">${options(ROLES.map((r) => [r, t('role_' + r)]))}</select>` +
      `<input name="unit" placeholder="${t('unit')}">` +
      // A store of one city has the root alone: no choice to offer.
      (regionList.length > 1
        ? `<select name="region" aria-label="${t('region')}">${regionOptions(regionList[0].code)}</select>`
        : '') +
      `<input name="password" type="password" placeholder="${t('password')}" autocomplete="new-password">` +
      `<button>${t('add_user')}</button><span id="add-msg"></span></form>`,
  );
}

function assets(a) {
  const remove = (x) =>
    `<button class="asset-remove" data-action="remove-asset" data-unit="${esc(x.unit)}" ` +
    `data-kind="${esc(x.kind)}" data-code="${esc(x.code)}">${t('remove')}</button>`;
  const kinds = options([
    ['station', t('asset_station')],
    ['section', t('asset_section')],
  ]);
  return panel(
    t('unit_assets'),
    `<p class="note">${t('unit_assets_note')}</p>` +
      table(
        'assets-table',
        [
          { key: 'unit', label: t('unit') },
          { key: 'kind', label: t('asset_kind'), html: (x) => esc(t('asset_' + x.kind)) },
          { key: 'code', label: t('code') },
          { key: 'remove', label: '', html: remove },
        ],
        a.assets,
      ) +
      `<form id="assign-asset" class="controls" data-action="assign-asset">` +
      `<input name="unit" list="unit-names" placeholder="${t('unit')}" required>` +
      `<select name="kind">${kinds}</select>` +
      `<input name="code" list="asset-codes" placeholder="${t('code')}" required><button>${t('assign')}</button>` +
      `<span id="asset-msg" class="error"></span></form>` +
      datalist(
        'unit-names',
        a.units.map((x) => x.name),
      ) +
      datalist('asset-codes', [...a.stations, ...a.sections]),
  );
}

function published(p) {
  return panel(
    t('pages'),
    `<ul>${p.pages.map((x) => `<li>${esc(x.slug)}: ${esc(x.title)} (${esc(tOr('page_kind_' + x.kind, x.kind))})</li>`).join('')}</ul>` +
      `<form id="publish" class="controls" data-action="publish"><input name="slug" placeholder="slug">` +
      `<input name="title" placeholder="${t('name')}">` +
      `<select name="kind">${options(PAGE_KINDS.map((k) => [k, t('page_kind_' + k)]))}</select>` +
      `<button>${t('publish')}</button></form>`,
  );
}

function password() {
  return panel(
    t('change_password'),
    `<form id="password" class="controls" data-action="password">` +
      `<input name="old" type="password" placeholder="${t('old_password')}" autocomplete="current-password">` +
      `<input name="new" type="password" placeholder="${t('new_password')}" autocomplete="new-password">` +
      `<button>${t('change_password')}</button><span id="pw-msg"></span></form>`,
  );
}

export async function render(ctx) {
  const [u, p, a, r] = await Promise.all([
    api('GET', '/api/v1/users'),
    api('GET', '/api/v1/pages'),
    api('GET', '/api/v1/units/assets'),
    api('GET', '/api/v1/regions'),
  ]);
  regionList = r.regions;
  ctx.show(users(u) + assets(a) + published(p) + password());
}

// A form's request, then the page again; a failure goes to the form's message.
const submit = (send, msg) => async (form, ctx) => {
  try {
    await send(formValues(form));
    await ctx.reload();
  } catch (err) {
    if (msg) sayError(msg, err);
    else throw err;
  }
};

export const actions = {
  'add-user': submit(
    (f) =>
      api('POST', '/api/v1/users', {
        name: f.name,
        role: f.role,
        unit: f.unit,
        password: f.password,
        ...(f.region ? { region: f.region } : {}),
      }),
    'add-msg',
  ),
  publish: submit((f) =>
    api('PUT', `/api/v1/pages/${encodeURIComponent(f.slug)}`, {
      title: f.title,
      kind: f.kind,
      published: true,
    }),
  ),
  'assign-asset': submit(
    (f) => api('POST', '/api/v1/units/assets', { unit: f.unit, kind: f.kind, code: f.code }),
    'asset-msg',
  ),
  password: submit(
    (f) => api('POST', '/api/v1/session/password', { old_password: f.old, new_password: f.new }),
    'pw-msg',
  ),
  'disable-user': async (b, ctx) => {
    try {
      await api('POST', '/api/v1/users/disable', {
        name: b.dataset.name,
        disabled: b.dataset.disabled === '1',
      });
      await ctx.reload();
    } catch (err) {
      sayError('user-msg', err);
    }
  },
  'reset-dialog': (b) =>
    openDialog(
      'reset-password',
      `${t('reset_password')} · ${b.dataset.name}`,
      `<form class="controls" data-action="reset-password" data-name="${esc(b.dataset.name)}">` +
        `<input name="password" type="password" autocomplete="new-password" placeholder="${t('new_password')}" required>` +
        `<button>${t('reset_password')}</button></form><p class="note">${t('reset_password_note')}</p>` +
        `<p id="reset-msg" class="error"></p>`,
    ),
  'reset-password': async (form, ctx) => {
    try {
      await api('POST', '/api/v1/users/password', {
        name: form.dataset.name,
        password: formValues(form).password,
      });
      closeDialog();
      await ctx.reload();
      say('user-msg', `${t('saved')}: ${form.dataset.name}`, 'ok');
    } catch (err) {
      sayError('reset-msg', err);
    }
  },
  // The regions the administrator may give: its own and those below it.
  'region-dialog': (b) =>
    openDialog(
      'user-region',
      `${t('user_region_set')} · ${b.dataset.name}`,
      `<form class="controls" data-action="set-region" data-name="${esc(b.dataset.name)}">` +
        `<select name="region">${regionOptions(b.dataset.region)}</select>` +
        `<button>${t('user_region_set')}</button></form><p class="note">${t('user_region_note')}</p>` +
        `<p id="region-msg" class="error"></p>`,
    ),
  'set-region': async (form, ctx) => {
    try {
      await api('POST', '/api/v1/users/region', {
        name: form.dataset.name,
        region: formValues(form).region,
      });
      closeDialog();
      await ctx.reload();
      say('user-msg', `${t('saved')}: ${form.dataset.name}`, 'ok');
    } catch (err) {
      sayError('region-msg', err);
    }
  },
  'remove-asset': async (b, ctx) => {
    try {
      const { unit, kind, code } = b.dataset;
      await api('POST', '/api/v1/units/assets/remove', { unit, kind, code });
      await ctx.reload();
    } catch (err) {
      sayError('asset-msg', err);
    }
  },
};
