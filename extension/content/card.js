// KOL Trust detail card (content script, loaded before badges.js, which calls `KolTrustCard.open`).
//
// A badge opens the card of its account: the worker asks the Rust core for that one account's card (every string
// localized there) and this file only places text. Like the badges, the card lives in a *closed* shadow root on a
// host whose inline `!important` styles beat the page's CSS; the host is a fixed overlay on <html>, so the page's
// own layout never moves. Keyboard: Enter/Space on a badge opens (badges.js), Esc closes and focus returns to the
// badge; a click outside closes.
//
// Vetting mode (options page) adds the vetting panel: copy or download the record the core wrote (text, CSV, JSON)
// and a private note per profile, kept in chrome.storage.local and never sent anywhere.
globalThis.KolTrustCard = (() => {
  'use strict';

  const NOTE_SAVE_DELAY = 400; // ms of quiet typing before a note is written
  const GAP = 6; // px between badge and card

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .card { --accent: #52606d; --tint: #eef2f7; --ink: #1b2330; --muted: #5b6675; --line: #dde3ea; --bg: #fff;
      width: min(380px, calc(100vw - 16px)); max-height: min(70vh, 640px); overflow: auto; background: var(--bg);
      color: var(--ink); border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 12px;
      box-shadow: 0 12px 32px rgba(16, 24, 40, .22), 0 2px 6px rgba(16, 24, 40, .12);
      font: 400 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start; }
    .card:focus { outline: none; }
    .card:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
    .sanctioned { --accent: #c62828; --tint: #fdeaea; }
    .certified { --accent: #2e7d32; --tint: #e7f6ec; }
    .expired { --accent: #b7791f; --tint: #fff4e0; }
    .registered { --accent: #52606d; --tint: #eef2f7; }
    .lookalike { --accent: #c2185b; --tint: #fff0f6; }
    .unknown { --accent: #8a8f98; --tint: #f4f4f5; }
    .top { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: var(--tint); }
    .state { display: inline-flex; align-items: center; gap: 6px; font-weight: 700; color: var(--accent); flex: 1; }
    .icon { display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 50%;
      background: var(--accent); color: #fff; font-size: 13px; line-height: 1; }
    .mark { margin-inline-start: 6px; padding: 0 4px; border-radius: 4px; outline: 1px dotted currentColor; }
    .icon svg { fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
    .close { all: unset; cursor: pointer; width: 28px; height: 28px; border-radius: 6px; text-align: center;
      font-size: 20px; line-height: 28px; color: var(--muted); }
    .close:hover { background: rgba(0, 0, 0, .06); }
    .close:focus-visible, button:focus-visible, a:focus-visible, textarea:focus-visible {
      outline: 2px solid #1a73e8; outline-offset: 1px; }
    .body { padding: 12px 14px 4px; }
    .notice { margin: 0 0 10px; padding: 6px 8px; border-radius: 6px; background: #263445; color: #fff;
      font-size: 11.5px; font-weight: 600; }
    .name { margin: 0; font-size: 17px; line-height: 1.3; font-weight: 700; overflow-wrap: anywhere; }
    .regid { margin: 2px 0 0; color: var(--muted); font-size: 12px; }
    .regid code, .mono { font: 600 12px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, monospace; color: var(--ink); }
    .subject { margin: 2px 0 0; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
    .message { margin: 10px 0 0; }
    .lookalike .message { padding: 8px 10px; border-radius: 6px; background: var(--tint); color: #7a0e45;
      border-inline-start: 3px solid var(--accent); }
    section { margin-top: 12px; padding-top: 10px; border-top: 1px solid var(--line); }
    h3 { margin: 0 0 6px; font-size: 11px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
    dt { color: var(--muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .meter { display: inline-block; width: 80px; height: 6px; margin-inline-start: 6px; border-radius: 3px;
      background: var(--line); vertical-align: middle; overflow: hidden; }
    .meter > span { display: block; height: 100%; background: var(--accent); }
    .valid { font-weight: 600; }
    .invalid { font-weight: 600; color: #8a5a00; }
    .sanction { margin: 0 0 8px; padding: 8px 10px; border-radius: 8px; border: 1px solid var(--line); }
    .sanction.active { border-color: #e3a3a3; background: #fff7f7; }
    .sanction .what { margin: 0 0 4px; font-weight: 700; }
    .sanction .summary { margin: 0 0 6px; }
    .none { margin: 0; color: var(--muted); }
    a { color: #1a5fb4; }
    .complaints { margin: 0; }
    .foot { padding: 8px 14px 12px; }
    .freshness { margin: 10px 0 0; color: var(--muted); font-size: 11.5px; }
    .freshness.stale { color: #8a5a00; font-weight: 700; }
    .confirmed { margin: 2px 0 0; color: var(--muted); font-size: 11.5px; }
    .actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; align-items: center; }
    button { font: 600 12.5px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 7px 12px;
      border-radius: 7px; border: 1px solid var(--line); background: var(--bg); color: var(--ink); cursor: pointer; }
    button:hover:not(:disabled) { background: var(--tint); }
    button:disabled { cursor: not-allowed; opacity: .6; }
    .vetting textarea { width: 100%; min-height: 64px; margin-top: 4px; padding: 6px 8px; border-radius: 6px;
      border: 1px solid var(--line); background: var(--bg); color: var(--ink); font: inherit; resize: vertical; }
    .vetting label { display: block; margin-top: 10px; font-weight: 600; }
    .status { min-height: 1.4em; margin: 4px 0 0; color: #2e7d32; font-size: 12px; }
    @media (prefers-color-scheme: dark) {
      .card { --ink: #e6e9ee; --muted: #a3acb9; --line: #3a4250; --bg: #1c2129; }
      .sanctioned { --accent: #ef6b6b; --tint: #3a1414; }
      .certified { --accent: #5cc27a; --tint: #12301c; }
      .expired { --accent: #e0a43a; --tint: #35280a; }
      .registered { --accent: #9aabbf; --tint: #1f2935; }
      .lookalike { --accent: #f06ba8; --tint: #3a1027; }
      .unknown { --accent: #9aa0a8; --tint: #262a30; }
      .icon { color: #111; }
      .lookalike .message { color: #ffc6de; }
      .sanction.active { border-color: #7a3030; background: #2a1616; }
      .invalid, .freshness.stale { color: #f0c060; }
      a { color: #8ab4f8; }
      .status { color: #7fd69a; }
      .close:hover { background: rgba(255, 255, 255, .08); }
    }
    @media (prefers-reduced-motion: no-preference) { .card { animation: in .12s ease-out; } }
    @keyframes in { from { opacity: 0; transform: translateY(-4px); } }`;

  const HOST_STYLE =
    'all: initial !important; position: fixed !important; z-index: 2147483647 !important; display: block !important; ' +
    'visibility: visible !important; opacity: 1 !important; transform: none !important; margin: 0 !important; ' +
    'width: auto !important; height: auto !important; pointer-events: auto !important;';

  /** The open card: { host, shadow, panel, badgeHost, badge, cleanup[] }; null when none is open. */
  let current = null;
  /** Increases on every open/close, so a late answer for a card no longer wanted is dropped. */
  let generation = 0;

  const { ask } = globalThis.KolTrustWorker;

  /** `tag` with a class and text; text only ever goes in through textContent. */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /** A definition list; values are strings (placed as text) or nodes built here. Empty values are skipped. */
  function definitions(pairs) {
    const dl = el('dl');
    for (const [k, v] of pairs) {
      if (v == null || v === '') continue;
      const dd = el('dd');
      dd.append(v);
      dl.append(el('dt', null, k), dd);
    }
    return dl;
  }

  /** A link to a public source: http(s) only, a new tab, no referrer or opener handed to it. */
  function sourceLink(url, label) {
    let ok = false;
    try {
      ok = ['https:', 'http:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return el('span', 'mono', url);
    const a = el('a', 'source', label);
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function sanctionItem(s, status, L, vetting) {
    const item = el('div', `sanction ${status}`);
    item.append(el('p', 'what', `${s.kind_label} — ${s.reason_label}`));
    if (s.summary) item.append(el('p', 'summary', s.summary));
    item.append(
      definitions([
        [L.authority, s.authority],
        [L.decision, s.decision],
        [L.issued, vetting ? s.issued : null],
        [L.period, s.period_label],
        [L.fine, s.fine_label],
      ]),
    );
    const p = el('p', 'source-line');
    p.style.margin = '6px 0 0';
    p.append(sourceLink(s.source_url, `${L.source} ↗`));
    item.append(p);
    return item;
  }

  function sanctionsSection(r, L, vetting) {
    const sec = el('section', 'sanctions');
    const groups = [
      ['active', L.active_sanctions, r.active_sanctions],
      ['upcoming', L.upcoming_sanctions, vetting ? r.upcoming_sanctions : []],
      ['past', L.past_sanctions, r.past_sanctions],
    ];
    let any = false;
    for (const [status, heading, list] of groups) {
      if (!list.length) continue;
      any = true;
      const h = el('h3', null, `${heading} (${list.length})`);
      sec.append(h, ...list.map((s) => sanctionItem(s, status, L, vetting)));
    }
    if (!any) sec.append(el('h3', null, L.active_sanctions), el('p', 'none', L.no_sanctions));
    return sec;
  }

  function certificationSection(r, L, vetting) {
    const sec = el('section', 'certification');
    sec.append(el('h3', null, L.certification));
    const c = r.certification;
    if (!c) {
      sec.append(el('p', 'none', L.not_certified));
      return sec;
    }
    const score = el('span', 'score');
    score.append(el('strong', null, `${c.score}/100`));
    const meter = el('span', 'meter');
    meter.setAttribute('aria-hidden', 'true');
    const fill = el('span');
    fill.style.width = `${Math.max(0, Math.min(100, c.score))}%`;
    meter.append(fill);
    score.append(meter);
    sec.append(
      definitions([
        [L.level, c.level_label],
        [L.score, score],
        [L.certificate_no, vetting ? c.number : null],
        [L.validity, el('span', c.valid ? 'valid' : 'invalid', c.validity_label)],
      ]),
    );
    return sec;
  }

  function recordBody(card, body) {
    const r = card.record;
    const L = card.labels;
    const vetting = !!card.vetting;
    const name = el('h2', 'name', r.name);
    name.id = 'kt-card-title';
    const regid = el('p', 'regid', `${L.registry_id}: `);
    regid.append(el('code', 'regid-value', r.registry_id));
    body.append(name, regid, el('p', 'subject', card.subject));
    if (vetting && r.aliases.length) body.append(el('p', 'subject', `${L.aliases}: ${r.aliases.join(', ')}`));
    body.append(certificationSection(r, L, vetting), sanctionsSection(r, L, vetting));
    const complaints = el('section', 'complaints-section');
    complaints.append(el('h3', null, L.complaints), el('p', 'complaints', card.complaints_line));
    body.append(complaints);
    if (vetting) {
      const more = el('section', 'history');
      more.append(
        el('h3', null, L.accounts),
        definitions([
          ...r.accounts.map((a) => [a.platform_name, `${a.account_id} (${a.id_type})`]),
          [L.categories, r.categories.join(', ')],
          [L.updated, r.updated],
        ]),
      );
      body.append(more);
    }
  }

  function otherBody(card, body) {
    const title = el('h2', 'name', card.subject);
    title.id = 'kt-card-title';
    body.append(title, el('p', 'message', card.message));
    const of = card.imitated;
    if (of) {
      const sec = el('section', 'imitated');
      const regid = el('code', 'regid-value', of.registry_id);
      const who = el('p', 'imitated-who');
      who.append(el('strong', null, of.name), ' · ', regid, ' · ', el('span', 'mono', of.account_id));
      sec.append(el('h3', null, card.labels.imitated), who, el('p', 'subject', `${of.icon} ${of.state_label}`));
      body.append(sec);
    }
  }

  /** The vetting panel: exports of the core's record, and the private note. */
  function vettingPanel(card, shadow, noteKey) {
    const L = card.labels;
    const v = card.vetting;
    const sec = el('section', 'vetting');
    const status = el('p', 'status');
    status.setAttribute('role', 'status');
    const button = (cls, text, onClick) => {
      const b = el('button', cls, text);
      b.type = 'button';
      b.addEventListener('click', (e) => e.isTrusted && onClick());
      return b;
    };
    const download = (content, type, ext) => {
      const url = URL.createObjectURL(new Blob([content], { type }));
      const a = el('a');
      a.href = url;
      a.download = `${v.file_base}.${ext}`;
      a.hidden = true;
      shadow.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    };
    const actions = el('div', 'actions');
    actions.append(
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
    const label = el('label', null, L.note);
    const note = el('textarea', 'note');
    note.placeholder = L.note_placeholder;
    note.id = 'kt-note';
    label.htmlFor = 'kt-note';
    let timer = null;
    const save = () => {
      clearTimeout(timer);
      timer = null;
      chrome.storage.local.set({ [noteKey]: note.value }).then(() => (status.textContent = L.note_saved));
    };
    note.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(save, NOTE_SAVE_DELAY);
    });
    chrome.storage.local.get(noteKey).then((got) => {
      if (typeof got[noteKey] === 'string' && !note.value) note.value = got[noteKey];
      note.dataset.loaded = 'true';
    });
    sec.append(el('h3', null, L.vetting), actions, label, note, status);
    // Typing is not lost when the card closes before the delay is over.
    return { sec, flush: () => timer && save() };
  }

  /** Strokes of each state's icon (16×16), drawn rather than typed: symbol glyphs such as ⓘ and ⌛ are missing
   * from many systems' fonts. The core's glyph stays as the fallback; the state label carries the meaning. */
  const ICONS = {
    sanctioned: ['M8 3.5v5.5', 'M8 12.2v.3'],
    certified: ['M4 8.5l2.6 2.6L12 5.5'],
    expired: ['M5 3.5h6M5 12.5h6', 'M6 3.5c0 2.5 4 2.5 4 4.5s-4 2-4 4.5M10 3.5c0 2.5-4 2.5-4 4.5s4 2 4 4.5'],
    registered: ['M8 7.2V12', 'M8 4.3v.3'],
    lookalike: ['M3.5 6.3c1.5-1.2 3-1.2 4.5 0s3 1.2 4.5 0', 'M3.5 10.3c1.5-1.2 3-1.2 4.5 0s3 1.2 4.5 0'],
    unknown: ['M6 6.2a2 2 0 1 1 2.8 1.8C8.2 8.3 8 8.7 8 9.4', 'M8 12.2v.3'],
  };

  function stateIcon(state, glyph) {
    const icon = el('span', 'icon');
    icon.setAttribute('aria-hidden', 'true');
    const paths = ICONS[state];
    if (!paths) {
      icon.textContent = glyph;
      return icon;
    }
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '14');
    svg.setAttribute('height', '14');
    for (const d of paths) {
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    icon.append(svg);
    return icon;
  }

  function draw(card, account) {
    const L = card.labels;
    const host = document.createElement('kol-trust-card');
    host.setAttribute('style', `${HOST_STYLE} top: 0 !important; left: -10000px !important;`);
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = el('style', null, STYLE);
    const panel = el('div', `card ${card.state}`);
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'kt-card-title');
    panel.setAttribute('lang', card.lang);
    panel.tabIndex = -1;
    panel.dataset.kind = card.kind;

    const top = el('div', 'top');
    const state = el('span', 'state');
    const icon = stateIcon(card.state, card.icon);
    state.append(icon, el('span', 'state-label', card.state_label));
    if (secretMark) {
      const mark = el('span', 'mark', secretMark);
      mark.setAttribute('aria-hidden', 'true');
      state.append(mark);
    }
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', L.close);
    close.title = L.close;
    top.append(state, close);

    const body = el('div', 'body');
    if (card.notice) {
      const n = el('p', 'notice', card.notice);
      n.setAttribute('role', 'note');
      body.append(n);
    }
    if (card.record) recordBody(card, body);
    else otherBody(card, body);

    let flushNote = () => {};
    if (card.vetting) {
      const key = `note:${account.platform}:${account.id_type}:${account.account_id}`;
      const v = vettingPanel(card, shadow, key);
      body.append(v.sec);
      flushNote = v.flush;
    }

    const foot = el('div', 'foot');
    const actions = el('div', 'actions');
    const report = el('button', 'report', L.report);
    report.type = 'button';
    actions.append(report);
    foot.append(
      actions,
      el('p', `freshness${card.freshness.stale ? ' stale' : ''}`, `${L.data_source}: ${card.freshness.label}`),
      el('p', 'confirmed', L.confirmed_by),
    );
    panel.append(top, body, foot);
    shadow.append(style, panel);
    return { host, shadow, panel, close, report, flushNote };
  }

  /** Places the card below the badge (above it when there is no room), inside the viewport. */
  function position() {
    if (!current) return;
    if (!current.badgeHost.isConnected) return closeCard(false);
    // The badge floats from a zero-size host (badges.js): place the card from the badge itself.
    const r = current.badge.getBoundingClientRect();
    const w = current.panel.offsetWidth;
    const h = current.panel.offsetHeight;
    let top = r.bottom + GAP;
    if (top + h > innerHeight - 8 && r.top - GAP - h >= 8) top = r.top - GAP - h;
    const left = Math.max(8, Math.min(r.left, innerWidth - w - 8));
    current.host.setAttribute('style', `${HOST_STYLE} top: ${Math.round(top)}px !important; left: ${Math.round(left)}px !important;`);
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

  function listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    return () => target.removeEventListener(type, fn, options);
  }

  /** Opens the card of `account` next to `host` (a badge host); `badge` is the focusable element in its shadow.
   * Opening the badge whose card is open closes it (a toggle). */
  async function open({ host, badge, account }) {
    if (current?.badge === badge) return closeCard(true);
    closeCard(false);
    const mine = ++generation;
    const reply = await ask({ type: 'card', ...account });
    if (!reply || mine !== generation) return;
    const drawn = draw(reply.card, account);
    current = { ...drawn, badgeHost: host, badge, cleanup: [] };
    document.documentElement.append(drawn.host);
    position();
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
        const site = globalThis.KolTrustSites.forHost(location.hostname);
        const post = site.posts && host.closest(site.posts.item);
        const ctx = post ? globalThis.KolTrustReport.postContext(post, site) : {};
        closeCard(false);
        globalThis.KolTrustReport.open({ ...ctx, account }, badge);
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

  // The person's secret mark (options page) is shown on genuine cards as on genuine badges.
  let secretMark = '';
  chrome.storage.local.get('secretMark').then(({ secretMark: m }) => (secretMark = String(m ?? '').slice(0, 8)));
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.secretMark) secretMark = String(changes.secretMark.newValue ?? '').slice(0, 8);
  });

  return { open, close: closeCard, stateIcon };
})();
