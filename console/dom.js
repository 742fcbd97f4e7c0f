// @ts-check
// The console's one DOM builder: every value — above all every value from a complaint — goes in as text
// (text nodes, `textContent`, attributes), never as HTML. No page builds markup from strings.

/** @typedef {string | number | Node | null | undefined | false} Child */

/**
 * `h('a', {href: '#/x', class: 'y', on: {click: f}}, 'text', node…)`: an element with attributes, listeners and
 * children; strings become text nodes, `null`/`false` are skipped.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') {
      for (const [type, fn] of Object.entries(v)) el.addEventListener(type, fn);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {(Child | Child[])[]} children */
export function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A `<dl>` of label/value pairs (values as text or nodes); pairs whose value is empty are left out.
 * @param {[string, Child | Child[]][]} pairs */
export function dl(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs
      .filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false)
      .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, ...(Array.isArray(v) ? v : [v])))),
  );
}

/** A table with a caption, headers and rows, inside a horizontally scrolling region for narrow screens.
 * @param {string} caption @param {string[]} heads @param {(Child | Child[])[][]} rows */
export function table(caption, heads, rows) {
  const t = h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, heads.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, ...(Array.isArray(c) ? c : [c])))))),
  );
  return h('div', { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: 0 }, t);
}

/** A labelled form control: `<label for>` + the control (+ an optional hint).
 * @param {string} id @param {string} label @param {HTMLElement} control @param {string} [hint] */
export function field(id, label, control, hint) {
  control.id = id;
  if (!control.getAttribute('name')) control.setAttribute('name', id);
  const parts = [h('label', { for: id }, label), control];
  if (hint) {
    control.setAttribute('aria-describedby', `${id}-hint`);
    parts.push(h('small', { id: `${id}-hint`, class: 'hint' }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A `<select>` with `[value, label]` options and one selected.
 * @param {[string, string][]} options @param {string} [selected] @param {Record<string, any>} [attrs] */
export function select(options, selected = '', attrs = {}) {
  return h(
    'select',
    attrs,
    options.map(([v, l]) => h('option', { value: v, selected: v === selected }, l)),
  );
}

/** Local date and time of Unix milliseconds, in Vietnam's time zone (the programme's).
 * @param {number} ms @param {string} lang */
export function when(ms, lang) {
  return new Date(ms).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

/** Replaces `el`'s content with `children` (skipping `null`/`false`). @param {Element} el @param {...(Child | Child[])} children */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}
