// @ts-check
// How everything we draw enters a page (`KolTrust.ui`): the one host helper, the shared stylesheets and the drawn
// state icons. Badges, the detail card, the report dialog and the post Report buttons each live on a custom element
// (the *host*) in the page, with all their content in a *closed* shadow root the page can neither read nor restyle:
//  - the host's own styles are inline and `!important`, which beats any page stylesheet rule, even `!important` ones,
//    so no page can move, hide or resize it;
//  - every shadow root adopts the same parsed stylesheets — the base style (neutral colours, fonts, focus ring,
//    the state classes), the core's palette — then its own: parsing CSS once per badge was most of the cost of
//    drawing a long feed, and one definition per colour keeps the surfaces alike.
(() => {
  'use strict';

  // Floating hosts (badges, post buttons) take no room (zero size, no margins): what we draw floats above the page
  // from them (floating.js), so the page's own content never moves. They only anchor the position and are not
  // themselves clickable.
  const FLOAT =
    'all: initial !important; display: inline-block !important; visibility: visible !important; ' +
    'opacity: 1 !important; position: relative !important; transform: none !important; ' +
    'width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; ' +
    'border: 0 !important; overflow: visible !important; vertical-align: baseline !important; ' +
    'z-index: 2147483000 !important; pointer-events: none !important;';
  /** @type {Record<KolTrustHostKind, string>} */
  const HOST_STYLES = {
    float: FLOAT,
    // Where an inline host would still take room — a flex or grid item (gaps, distribution), or alone on a line
    // after a block-level link (a line box of its own) — it leaves the flow altogether (placement.js `takesRoom`).
    'float-out': FLOAT.replace('position: relative', 'position: absolute'),
    // The detail card: fixed on <html>, off screen until card.js has measured and placed it beside its badge.
    popover:
      'all: initial !important; position: fixed !important; z-index: 2147483647 !important; display: block !important; ' +
      'visibility: visible !important; opacity: 1 !important; transform: none !important; margin: 0 !important; ' +
      'width: auto !important; height: auto !important; pointer-events: auto !important; ' +
      'top: 0 !important; left: -10000px !important;',
    // The report dialog: the whole viewport (its backdrop catches clicks outside the dialog).
    modal:
      'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; ' +
      'display: block !important; opacity: 1 !important; transform: none !important; margin: 0 !important; ' +
      'pointer-events: auto !important;',
  };

  const STATES = ['sanctioned', 'lookalike', 'certified', 'expired', 'registered', 'unknown'];

  // The base style of every shadow root. Colours that are not a state's are defined here once (ink, muted text,
  // rules, backgrounds, links, the focus ring, warnings), light and dark; a state's colours come from the core's
  // palette (`--kt-<state>-bg|ink|line`), and the class named after a state (`.certified`…) points the local
  // `--state-bg`, `--state-ink`, `--state-line` at them, so each surface says "the state's colour" once.
  const BASE = `
    :host { all: initial;
      --kt-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      --kt-mono: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
      --kt-ink: #1b2330; --kt-muted: #5b6675; --kt-rule: #dde3ea; --kt-bg: #fff; --kt-link: #1a5fb4;
      --kt-focus: #1a73e8; --kt-warn: #8a5a00; --kt-good: #2e7d32; --kt-bad: #b3261e; --kt-strong: #263445;
      --kt-strong-ink: #fff; --kt-hover: rgba(0, 0, 0, .06); --kt-tint: #eef3fb;
      --state-bg: var(--kt-registered-bg); --state-ink: var(--kt-registered-ink); --state-line: var(--kt-registered-line); }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    /* :host raises it above a surface's own \`all: unset\` controls; a surface sets --kt-focus-offset to move it. */
    :host :focus-visible { outline: 2px solid var(--kt-focus); outline-offset: var(--kt-focus-offset, 1px); }
    ${STATES.map((s) => `.${s} { --state-bg: var(--kt-${s}-bg); --state-ink: var(--kt-${s}-ink); --state-line: var(--kt-${s}-line); }`).join('\n    ')}
    @media (prefers-color-scheme: dark) {
      :host { --kt-ink: #e6e9ee; --kt-muted: #a3acb9; --kt-rule: #3a4250; --kt-bg: #1c2129; --kt-link: #8ab4f8;
        --kt-warn: #f0c060; --kt-good: #7fd69a; --kt-bad: #ff8a80; --kt-hover: rgba(255, 255, 255, .08);
        --kt-tint: #232b36; }
    }`;

  /** A stylesheet parsed on first use and then shared by every shadow root that adopts it (pages that never show
   * a card never parse the card's CSS).
   * @param {string} css
   * @returns {() => CSSStyleSheet} */
  function lazySheet(css) {
    /** @type {CSSStyleSheet | null} */
    let sheet = null;
    return () => {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      return sheet;
    };
  }

  const base = lazySheet(BASE);
  /** The core's state colours; empty until the worker's answer fills it, which restyles every root adopting it. */
  const palette = new CSSStyleSheet();
  /** @type {Promise<void> | null} */
  let paletteLoad = null;

  /** Asks the worker for the core's palette, once per page (main.js starts it at boot); drawing awaits the returned
   * promise, which settles as soon as the worker answers — the lookups that drawing needs wait for the same core —
   * and also when the ask fails (then only the colours are missing, never the words or icons). */
  function loadPalette() {
    paletteLoad ??= KolTrust.worker.send({ type: 'palette' }).then((reply) => {
      if (reply.ok && typeof reply.css === 'string') palette.replaceSync(reply.css);
    });
    return paletteLoad;
  }

  /** A new host `<tag>` of `kind` (its `!important` inline styles) with a closed shadow root adopting the base
   * style, the palette, then `sheets`. The caller inserts the host where it belongs.
   * @param {string} tag
   * @param {KolTrustHostKind} kind
   * @param {CSSStyleSheet[]} sheets */
  function mount(tag, kind, sheets) {
    const host = document.createElement(tag);
    host.setAttribute('style', HOST_STYLES[kind]);
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.adoptedStyleSheets = [base(), palette, ...sheets];
    return { host, shadow };
  }

  /** Strokes of each state's icon (16×16), drawn rather than typed: symbol glyphs such as ⓘ and ⌛ are missing
   * from many systems' fonts. The core's glyph stays as the fallback; the state label carries the meaning.
   * @type {Record<string, string[]>} */
  const ICONS = {
    sanctioned: ['M8 3.5v5.5', 'M8 12.2v.3'],
    certified: ['M4 8.5l2.6 2.6L12 5.5'],
    expired: ['M5 3.5h6M5 12.5h6', 'M6 3.5c0 2.5 4 2.5 4 4.5s-4 2-4 4.5M10 3.5c0 2.5-4 2.5-4 4.5s4 2 4 4.5'],
    registered: ['M8 7.2V12', 'M8 4.3v.3'],
    lookalike: ['M3.5 6.3c1.5-1.2 3-1.2 4.5 0s3 1.2 4.5 0', 'M3.5 10.3c1.5-1.2 3-1.2 4.5 0s3 1.2 4.5 0'],
    unknown: ['M6 6.2a2 2 0 1 1 2.8 1.8C8.2 8.3 8 8.7 8 9.4', 'M8 12.2v.3'],
  };

  /** The drawn icon of `state` in a `.icon` span (badges and the card), or the core's `glyph` for a state drawn
   * nowhere yet.
   * @param {string} state
   * @param {string} glyph */
  function stateIcon(state, glyph) {
    const { h, icon } = KolTrust.dom;
    const paths = ICONS[state];
    return h('span', { class: 'icon', 'aria-hidden': 'true' }, paths ? icon(paths, 14) : glyph);
  }

  /** The person's secret mark (options page), shown on genuine badges and cards: a page cannot read it (extension
   * storage, closed shadow roots), so a badge a page draws to imitate ours cannot show it. badges.js follows the
   * stored value. */
  let mark = '';
  /** @param {unknown} value */
  const setSecretMark = (value) => {
    mark = String(value ?? '').slice(0, 8);
  };

  KolTrust.ui = { mount, lazySheet, loadPalette, stateIcon, secretMark: () => mark, setSecretMark };
})();
