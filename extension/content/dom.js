// @ts-check
// The DOM builder (`KolTrust.dom`) every drawing file uses: badges, the detail card, the report dialog, the post
// Report buttons. Everything we draw holds strings the page or the registry chose (names, post text, URLs), so
// there is one way to put them in: as text nodes and properties, never as markup — no innerHTML anywhere.
(() => {
  'use strict';

  /** Attributes set with setAttribute rather than as properties: ARIA, roles, and any hyphenated name.
   * @param {string} key */
  const asAttribute = (key) => key === 'role' || key.includes('-');

  /**
   * `<tag>` with `attrs` and `children`. Attributes: `class` is the class name; `dataset` and `style` take objects;
   * `role`, `aria-*` and other hyphenated names are attributes; anything else is set as a property (`type`,
   * `tabIndex`, `htmlFor`, `href`, `disabled`…). `null`, `undefined` and `false` values are left out. Children are
   * nodes or strings (placed as text), nested arrays are flattened, `null`/`undefined`/`false` are skipped.
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {KolTrustAttrs | null} [attrs]
   * @param {...KolTrustChild} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs ?? {})) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = String(value);
      else if (key === 'dataset' || key === 'style') Object.assign(el[key], value);
      else if (asAttribute(key)) el.setAttribute(key, String(value));
      else /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (el))[key] = value;
    }
    append(el, children);
    return el;
  }

  /** Appends `children` (see `h`) to `parent`: strings become text nodes, never markup.
   * @param {ParentNode} parent
   * @param {KolTrustChild[]} children */
  function append(parent, children) {
    for (const child of children) {
      if (child == null || child === false) continue;
      if (Array.isArray(child)) append(parent, child);
      else parent.append(child);
    }
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** A 16×16 line drawing of `paths` (SVG path data), hidden from assistive technology (the words beside it say
   * what it means); `size` sets its width and height attributes when given.
   * @param {readonly string[]} paths
   * @param {number} [size] */
  function icon(paths, size) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('aria-hidden', 'true');
    if (size) {
      svg.setAttribute('width', String(size));
      svg.setAttribute('height', String(size));
    }
    for (const d of paths) {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    return svg;
  }

  /** Adds a listener and returns what removes it (an open card or dialog keeps these to undo on close).
   * @param {EventTarget} target
   * @param {string} type
   * @param {(e: any) => void} fn
   * @param {AddEventListenerOptions | boolean} [options] */
  function listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    return () => target.removeEventListener(type, fn, options);
  }

  KolTrust.dom = { h, append, icon, listen };
})();
