// @ts-check
// The one way the portal builds DOM: elements with attributes and text children. Text always becomes a Text node
// (never parsed as markup), so registry data and anything a person typed can never inject HTML.

/** A child of `h`: text, a node, nothing, or a (nested) list of them. @typedef {any} Child */

/** `h('a', {href, class, onclick}, 'text', child…)`: `null`/`false` props and children are skipped.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]} */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  const field = /** @type {any} */ (el); // `value` and `checked` exist on the form controls that receive them
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') field.value = v;
    else if (k === 'checked') field.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** A `dt`/`dd` pair for a description list, or nothing when the value is empty.
 * @param {string} label @param {Child} value */
export function fact(label, value) {
  if (value === null || value === undefined || value === '') return [];
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** A link only to an `https:` address (registry source links); anything else stays plain text.
 * @param {string} url @param {string} [text] */
export function safeLink(url, text) {
  try {
    if (new URL(url).protocol === 'https:') return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text ?? url);
  } catch {
    // not a URL: shown as text below
  }
  return h('span', {}, url);
}
