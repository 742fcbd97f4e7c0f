// @ts-check
// The detail card (`KolTrust.card`): what a badge opens. The worker asks the Rust core for that one account's card
// (every string localized there) and this file only places text, one builder per section: header, notice,
// identity (or, for an unregistered or lookalike account, what that means), certification, sanctions, complaints,
// history and the vetting panel (vetting mode), freshness and actions.
//
// Like the badges, the card lives in a closed shadow root (ui.js `mount`); its host is a fixed overlay on <html>,
// so the page's own layout never moves. Keyboard: Enter/Space on a badge opens (badges.js), Esc closes and focus
// returns to the badge; a click outside closes.
//
// Vetting mode (options page) adds the vetting panel: copy or download the record the core wrote (text, CSV, JSON)
// and a private note per profile, kept in chrome.storage.local and never sent anywhere.
(() => {
  'use strict';

  const { h, listen } = KolTrust.dom;

  const NOTE_SAVE_DELAY = 400; // ms of quiet typing before a note is written
  const GAP = 6; // px between badge and card
  const MARGIN = 8; // px the card keeps from every edge of the viewport
  const MIN_ROOM = 200; // px: less room than this beside the badge, and the card covers the badge rather than shrink

  // State colours come from the core's palette through `--state-*` (ui.js); neutral ones from the base style. Text on
  // a state's colour is always that state's `ink` on its `bg` (≥ 4.5:1 in both schemes, the core's palette test);
  // its `line` is only ever a border, a rule or the score meter, never text.
  //
  // The card always fits the viewport (`position`): its height is capped, its content scrolls inside it (the card
  // is focused on opening, so the keyboard scrolls it too) under a header that stays on top with the close button.
  const sheet = KolTrust.ui.lazySheet(`
    .card { width: min(380px, calc(100vw - ${2 * MARGIN}px)); max-height: min(70vh, 640px); overflow: auto;
      overscroll-behavior: contain; scroll-padding-top: 52px;
      background: var(--kt-bg); color: var(--kt-ink); border: 1px solid var(--kt-rule);
      border-top: 4px solid var(--state-line); border-radius: 12px;
      box-shadow: 0 12px 32px rgba(16, 24, 40, .22), 0 2px 6px rgba(16, 24, 40, .12);
      font: 400 13px/1.45 var(--kt-font); text-align: start; }
    .card:focus { outline: none; }
    .card:focus-visible { outline: 2px solid var(--kt-focus); outline-offset: 2px; }
    .top { position: sticky; top: 0; z-index: 1; display: flex; align-items: center; gap: 8px; padding: 10px 12px;
      background: var(--state-bg); }
    .state { display: inline-flex; align-items: center; gap: 6px; font-weight: 700; color: var(--state-ink); flex: 1; }
    .icon { display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 50%;
      background: var(--state-ink); color: var(--state-bg); font-size: 13px; line-height: 1; }
    .mark { margin-inline-start: 6px; padding: 0 4px; border-radius: 4px; outline: 1px dotted currentColor; }
    .icon svg { fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
    .close { all: unset; cursor: pointer; width: 28px; height: 28px; border-radius: 6px; text-align: center;
      font-size: 20px; line-height: 28px; color: var(--state-ink); }
    .close:hover { background: var(--kt-hover); }
    .body { padding: 12px 14px 4px; }
    .notice { margin: 0 0 10px; padding: 6px 8px; border-radius: 6px; background: var(--kt-strong);
      color: var(--kt-strong-ink); font-size: 11.5px; font-weight: 600; }
    .name { margin: 0; font-size: 17px; line-height: 1.3; font-weight: 700; overflow-wrap: anywhere; }
    .regid { margin: 2px 0 0; color: var(--kt-muted); font-size: 12px; }
    .regid code, .mono { font: 600 12px/1.4 var(--kt-mono); color: var(--kt-ink); }
    .subject { margin: 2px 0 0; color: var(--kt-muted); font-size: 12px; overflow-wrap: anywhere; }
    .message { margin: 10px 0 0; }
    .lookalike .message { padding: 8px 10px; border-radius: 6px; background: var(--state-bg); color: var(--state-ink);
      border-inline-start: 3px solid var(--state-line); }
    section { margin-top: 12px; padding-top: 10px; border-top: 1px solid var(--kt-rule); }
    h3 { margin: 0 0 6px; font-size: 11px; letter-spacing: .06em; text-transform: uppercase; color: var(--kt-muted); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
    dt { color: var(--kt-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .meter { display: inline-block; width: 80px; height: 6px; margin-inline-start: 6px; border-radius: 3px;
      background: var(--kt-rule); vertical-align: middle; overflow: hidden; }
    .meter > span { display: block; height: 100%; background: var(--state-line); }
    .valid { font-weight: 600; }
    .invalid { font-weight: 600; color: var(--kt-warn); }
    .sanction { margin: 0 0 8px; padding: 8px 10px; border-radius: 8px; border: 1px solid var(--kt-rule); }
    .sanction.active { border-color: var(--kt-sanctioned-line); background: var(--kt-sanctioned-bg);
      color: var(--kt-sanctioned-ink); }
    .sanction .what { margin: 0 0 4px; font-weight: 700; }
    .sanction .summary { margin: 0 0 6px; }
    .source-line { margin: 6px 0 0; }
    .none { margin: 0; color: var(--kt-muted); }
    a { color: var(--kt-link); }
    .complaints { margin: 0; }
    .foot { padding: 8px 14px 12px; }
    .freshness { margin: 10px 0 0; color: var(--kt-muted); font-size: 11.5px; }
    .freshness.stale { color: var(--kt-warn); font-weight: 700; }
    .confirmed { margin: 2px 0 0; color: var(--kt-muted); font-size: 11.5px; }
    .actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; align-items: center; }
    button { font: 600 12.5px/1 var(--kt-font); padding: 7px 12px; border-radius: 7px;
      border: 1px solid var(--kt-rule); background: var(--kt-bg); color: var(--kt-ink); cursor: pointer; }
    button:hover:not(:disabled) { background: var(--state-bg); }
    button:disabled { cursor: not-allowed; opacity: .6; }
    .vetting textarea { width: 100%; min-height: 64px; margin-top: 4px; padding: 6px 8px; border-radius: 6px;
      border: 1px solid var(--kt-rule); background: var(--kt-bg); color: var(--kt-ink); font: inherit; resize: vertical; }
    .vetting label { display: block; margin-top: 10px; font-weight: 600; }
    .status { min-height: 1.4em; margin: 4px 0 0; color: var(--kt-good); font-size: 12px; }
    @media (prefers-reduced-motion: no-preference) { .card { animation: in .12s ease-out; } }
    @keyframes in { from { opacity: 0; transform: translateY(-4px); } }`);

  /** The open card; null when none is open.
   * @type {null | { host: HTMLElement, panel: HTMLElement, close: HTMLElement, report: HTMLElement,
   *   flushNote: () => void, badgeHost: Element, badge: HTMLElement, cleanup: (() => void)[] }} */
  let current = null;
  /** Increases on every open/close, so a late answer for a card no longer wanted is dropped. */
  let generation = 0;

  /** A definition list; values are strings (placed as text) or nodes built here. Empty values are skipped.
   * @param {[string, string | Node | null | undefined][]} pairs */
  function definitions(pairs) {
    return h(
      'dl',
      null,
      pairs.filter(([, v]) => v != null && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    );
  }

  /** A link to a public source: http(s) only, a new tab, no referrer or opener handed to it.
   * @param {string} url @param {string} label */
  function sourceLink(url, label) {
    let ok = false;
    try {
      ok = ['https:', 'http:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return h('span', { class: 'mono' }, url);
    return h('a', { class: 'source', href: url, target: '_blank', rel: 'noopener noreferrer' }, label);
  }

  // ---- sections, one builder each --------------------------------------------------------------------------

  /** The coloured top: the state's icon and words, the person's secret mark on genuine cards, the close button.
   * @param {KolTrustCardView} card */
  function header(card) {
    const mark = KolTrust.ui.secretMark();
    const close = h('button', { class: 'close', type: 'button', title: card.labels.close, 'aria-label': card.labels.close }, '×');
    const top = h(
      'div',
      { class: 'top' },
      h(
        'span',
        { class: 'state' },
        KolTrust.ui.stateIcon(card.state, card.icon),
        h('span', { class: 'state-label' }, card.state_label),
        mark && h('span', { class: 'mark', 'aria-hidden': 'true' }, mark),
      ),
      close,
    );
    return { top, close };
  }

  /** "Sample data" and the like, above everything else. @param {KolTrustCardView} card */
  const notice = (card) => card.notice && h('p', { class: 'notice', role: 'note' }, card.notice);

  /** A registered account: name, registry id, the account shown, aliases (vetting). @param {KolTrustCardView} card */
  function identity(card) {
    const r = /** @type {KolTrustCardRecord} */ (card.record);
    const L = card.labels;
    return [
      h('h2', { class: 'name', id: 'kt-card-title' }, r.name),
      h('p', { class: 'regid' }, `${L.registry_id}: `, h('code', { class: 'regid-value' }, r.registry_id)),
      h('p', { class: 'subject' }, card.subject),
      card.vetting && r.aliases.length > 0 && h('p', { class: 'subject' }, `${L.aliases}: ${r.aliases.join(', ')}`),
    ];
  }

  /** An unregistered or lookalike account: what that means, and whom a lookalike imitates.
   * @param {KolTrustCardView} card */
  function unlisted(card) {
    const of = card.imitated;
    return [
      h('h2', { class: 'name', id: 'kt-card-title' }, card.subject),
      h('p', { class: 'message' }, card.message),
      of &&
        h(
          'section',
          { class: 'imitated' },
          h('h3', null, card.labels.imitated),
          h(
            'p',
            { class: 'imitated-who' },
            h('strong', null, of.name),
            ' · ',
            h('code', { class: 'regid-value' }, of.registry_id),
            ' · ',
            h('span', { class: 'mono' }, of.subject),
          ),
          h('p', { class: 'subject' }, `${of.icon} ${of.state_label}`),
        ),
    ];
  }

  /** Level, score (with a meter), certificate number (vetting), validity. @param {KolTrustCardView} card */
  function certification(card) {
    const L = card.labels;
    const c = /** @type {KolTrustCardRecord} */ (card.record).certification;
    if (!c) return h('section', { class: 'certification' }, h('h3', null, L.certification), h('p', { class: 'none' }, L.not_certified));
    const fill = h('span', { style: { width: `${Math.max(0, Math.min(100, c.score))}%` } });
    const score = h('span', { class: 'score' }, h('strong', null, `${c.score}/100`), h('span', { class: 'meter', 'aria-hidden': 'true' }, fill));
    return h(
      'section',
      { class: 'certification' },
      h('h3', null, L.certification),
      definitions([
        [L.level, c.level_label],
        [L.score, score],
        [L.certificate_no, card.vetting ? c.number : null],
        [L.validity, h('span', { class: c.valid ? 'valid' : 'invalid' }, c.validity_label)],
      ]),
    );
  }

  /** One sanction: what, why, who decided, when, the fine, its public source.
   * @param {KolTrustSanctionView} s @param {string} status @param {KolTrustCardView} card */
  function sanction(s, status, card) {
    const L = card.labels;
    return h(
      'div',
      { class: `sanction ${status}` },
      h('p', { class: 'what' }, `${s.kind_label} — ${s.reason_label}`),
      s.summary && h('p', { class: 'summary' }, s.summary),
      definitions([
        [L.authority, s.authority],
        [L.decision, s.decision],
        [L.issued, card.vetting ? s.issued : null],
        [L.period, s.period_label],
        [L.fine, s.fine_label],
      ]),
      h('p', { class: 'source-line' }, sourceLink(s.source_url, `${L.source} ↗`)),
    );
  }

  /** Sanctions in effect, upcoming (vetting) and past, or "none". @param {KolTrustCardView} card */
  function sanctions(card) {
    const L = card.labels;
    const r = /** @type {KolTrustCardRecord} */ (card.record);
    /** @type {[string, string, KolTrustSanctionView[]][]} */
    const groups = [
      ['active', L.active_sanctions, r.active_sanctions],
      ['upcoming', L.upcoming_sanctions, card.vetting ? r.upcoming_sanctions : []],
      ['past', L.past_sanctions, r.past_sanctions],
    ];
    const shown = groups.filter(([, , list]) => list.length > 0);
    return h(
      'section',
      { class: 'sanctions' },
      shown.length === 0 && [h('h3', null, L.active_sanctions), h('p', { class: 'none' }, L.no_sanctions)],
      shown.map(([status, heading, list]) => [h('h3', null, `${heading} (${list.length})`), list.map((s) => sanction(s, status, card))]),
    );
  }

  /** The complaints line (counts with their context: complaints are not verdicts). @param {KolTrustCardView} card */
  const complaints = (card) =>
    h('section', { class: 'complaints-section' }, h('h3', null, card.labels.complaints), h('p', { class: 'complaints' }, card.complaints_line));

  /** Vetting mode's full history: every account, categories, last update. @param {KolTrustCardView} card */
  function history(card) {
    const L = card.labels;
    const r = /** @type {KolTrustCardRecord} */ (card.record);
    return h(
      'section',
      { class: 'history' },
      h('h3', null, L.accounts),
      definitions([
        ...r.accounts.map((a) => /** @type {[string, string]} */ ([a.platform_name, `${a.account_id} (${a.id_type})`])),
        [L.categories, r.categories.join(', ')],
        [L.updated, r.updated],
      ]),
    );
  }

  /** The vetting panel: exports of the core's record, and the private note kept under `noteKey`.
   * @param {KolTrustCardView} card @param {ShadowRoot} shadow @param {string} noteKey */
  function vettingPanel(card, shadow, noteKey) {
    const L = card.labels;
    const v = /** @type {NonNullable<KolTrustCardView['vetting']>} */ (card.vetting);
    const status = h('p', { class: 'status', role: 'status' });
    /** @param {string} cls @param {string} text @param {() => void} onClick */
    const button = (cls, text, onClick) => {
      const b = h('button', { class: cls, type: 'button' }, text);
      b.addEventListener('click', (e) => e.isTrusted && onClick());
      return b;
    };
    /** @param {string} content @param {string} type @param {string} ext */
    const download = (content, type, ext) => {
      const url = URL.createObjectURL(new Blob([content], { type }));
      const a = h('a', { href: url, download: `${v.file_base}.${ext}`, hidden: true });
      shadow.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    };
    const exports = h(
      'div',
      { class: 'actions' },
      button('copy', L.copy_text, () =>
        navigator.clipboard.writeText(v.text).then(
          () => (status.textContent = L.copied),
          () => (status.textContent = L.copy_failed),
        ),
      ),
      // A byte-order mark lets spreadsheet software read the Vietnamese text as UTF-8.
      button('csv', L.export_csv, () => download(`\ufeff${v.csv}`, 'text/csv;charset=utf-8', 'csv')),
      button('json', L.export_json, () => download(v.json, 'application/json', 'json')),
    );
    const note = h('textarea', { class: 'note', id: 'kt-note', placeholder: L.note_placeholder });
    /** @type {ReturnType<typeof setTimeout> | null} */
    let timer = null;
    const save = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      chrome.storage.local.set({ [noteKey]: note.value }).then(() => (status.textContent = L.note_saved));
    };
    note.addEventListener('input', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, NOTE_SAVE_DELAY);
    });
    chrome.storage.local.get(noteKey).then((got) => {
      if (typeof got[noteKey] === 'string' && !note.value) note.value = got[noteKey];
      note.dataset.loaded = 'true';
    });
    const sec = h('section', { class: 'vetting' }, h('h3', null, L.vetting), exports, h('label', { htmlFor: 'kt-note' }, L.note), note, status);
    // Typing is not lost when the card closes before the delay is over.
    return { sec, flush: () => timer && save() };
  }

  /** The Report button, how fresh the registry is, and who confirmed the data. @param {KolTrustCardView} card */
  function footer(card) {
    const L = card.labels;
    const report = h('button', { class: 'report', type: 'button' }, L.report);
    const foot = h(
      'div',
      { class: 'foot' },
      h('div', { class: 'actions' }, report),
      h('p', { class: `freshness${card.freshness.stale ? ' stale' : ''}` }, `${L.data_source}: ${card.freshness.label}`),
      h('p', { class: 'confirmed' }, L.confirmed_by),
    );
    return { foot, report };
  }

  /** The whole card of `account`, in a new host not yet in the page.
   * @param {KolTrustCardView} card @param {KolTrustAccount} account */
  function draw(card, account) {
    const { host, shadow } = KolTrust.ui.mount('kol-trust-card', 'popover', [sheet()]);
    const { top, close } = header(card);
    let flushNote = () => {};
    let vetting = null;
    if (card.vetting) {
      const v = vettingPanel(card, shadow, `note:${account.platform}:${account.id_type}:${account.account_id}`);
      vetting = v.sec;
      flushNote = v.flush;
    }
    const body = h(
      'div',
      { class: 'body' },
      notice(card),
      card.record ? [identity(card), certification(card), sanctions(card), complaints(card), card.vetting && history(card)] : unlisted(card),
      vetting,
    );
    const { foot, report } = footer(card);
    const panel = h(
      'div',
      { class: `card ${card.state}`, role: 'dialog', 'aria-labelledby': 'kt-card-title', lang: card.lang, tabIndex: -1, dataset: { kind: card.kind } },
      top,
      body,
      foot,
    );
    shadow.append(panel);
    return { host, panel, close, report, flushNote };
  }

  /** The part of the window a fixed overlay can use: the layout viewport without its scrollbars (in quirks mode
   * `documentElement.client*` is the whole page, so the window's size stands in there). */
  function viewport() {
    const d = document.documentElement;
    const standards = document.compatMode === 'CSS1Compat';
    return { width: standards ? d.clientWidth : innerWidth, height: standards ? d.clientHeight : innerHeight };
  }

  /** Places the card beside the badge, inside the viewport whole: below the badge when it fits there, else above;
   * when it fits on neither side, on the side with more room and no taller than that room (its content scrolls);
   * with too little room on both, over the badge, no taller than the viewport. Never past the left or right edge. */
  function position() {
    if (!current) return;
    if (!current.badgeHost.isConnected) return closeCard(false);
    const { panel, host } = current;
    const view = viewport();
    // The badge floats from a zero-size host (badges.js): place the card from the badge itself.
    const r = current.badge.getBoundingClientRect();
    const below = view.height - MARGIN - (r.bottom + GAP);
    const above = r.top - GAP - MARGIN;
    // Measured at the stylesheet's own cap, but never taller than the viewport; the reading position is kept.
    const scrolled = panel.scrollTop;
    panel.style.maxWidth = `${Math.max(0, view.width - 2 * MARGIN)}px`;
    panel.style.maxHeight = `min(70vh, 640px, ${Math.max(0, view.height - 2 * MARGIN)}px)`;
    let height = panel.offsetHeight;
    let top;
    if (height <= below) top = r.bottom + GAP;
    else if (height <= above) top = r.top - GAP - height;
    else if (Math.max(above, below) >= MIN_ROOM) {
      panel.style.maxHeight = `${Math.floor(Math.max(above, below))}px`;
      height = panel.offsetHeight;
      top = below >= above ? r.bottom + GAP : r.top - GAP - height;
    } else top = r.bottom + GAP;
    top = Math.max(MARGIN, Math.min(top, view.height - MARGIN - height));
    panel.scrollTop = scrolled;
    const left = Math.max(MARGIN, Math.min(r.left, view.width - panel.offsetWidth - MARGIN));
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
  }

  function closeCard(returnFocus = true) {
    generation++;
    if (!current) return;
    const c = current;
    current = null;
    c.flushNote();
    for (const undo of c.cleanup) undo();
    c.host.remove();
    if (returnFocus && c.badge.isConnected) c.badge.focus({ preventScroll: true });
  }

  /** Opens the card of `account` next to `host` (a badge host); `badge` is the focusable element in its shadow.
   * Opening the badge whose card is open closes it (a toggle).
   * @param {{ host: Element, badge: HTMLElement, account: KolTrustAccount }} opened */
  async function open({ host, badge, account }) {
    if (current?.badge === badge) return closeCard(true);
    closeCard(false);
    const mine = ++generation;
    const [reply] = await Promise.all([KolTrust.worker.ask({ type: 'card', ...account }), KolTrust.ui.loadPalette()]);
    if (!reply?.card || mine !== generation) return;
    // The answer is the core's `cards::DetailCard`; messages.d.ts leaves its fields open (globals.d.ts spells them).
    const drawn = draw(/** @type {KolTrustCardView} */ (/** @type {unknown} */ (reply.card)), account);
    current = { ...drawn, badgeHost: host, badge, cleanup: [] };
    document.documentElement.append(drawn.host);
    position();
    /** @param {KeyboardEvent} e */
    const onKey = (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeCard(true);
      }
      // Keys typed in the card are ours: the page's keyboard shortcuts must not fire while someone types a note.
      e.stopPropagation();
    };
    const reposition = () => requestAnimationFrame(position);
    current.cleanup.push(
      listen(drawn.panel, 'keydown', onKey),
      listen(drawn.panel, 'keyup', (e) => e.stopPropagation()),
      listen(drawn.panel, 'keypress', (e) => e.stopPropagation()),
      listen(drawn.close, 'click', () => closeCard(true)),
      // Report: the same dialog as everywhere, about this account; the post around the badge goes with it when the
      // core finds that post is this account's own.
      listen(drawn.report, 'click', (e) => {
        if (!e.isTrusted) return;
        const site = KolTrust.sites.forHost(location.hostname);
        const post = site.posts && host.closest(site.posts.item);
        const ctx = post && site.posts ? KolTrust.report.postContext(post, site.posts) : {};
        closeCard(false);
        KolTrust.report.open({ ...ctx, account, displayName: account.name }, badge);
      }),
      // Esc also closes while focus is still on the badge or elsewhere in the page.
      listen(document, 'keydown', (e) => e.key === 'Escape' && closeCard(true), true),
      listen(
        document,
        'pointerdown',
        (e) => {
          const path = e.composedPath();
          if (!path.includes(drawn.host) && !path.includes(host)) closeCard(false);
        },
        true,
      ),
      listen(window, 'scroll', reposition, { capture: true, passive: true }),
      listen(window, 'resize', reposition, { passive: true }),
      listen(window, 'popstate', () => closeCard(false)),
    );
    drawn.panel.focus({ preventScroll: true });
  }

  KolTrust.card = { open, close: closeCard };
})();
