// @ts-check
// The report dialog (`KolTrust.report`): one compact dialog for every entry point — the detail card's "Báo cáo /
// Report", the button beside a promotional post (posts.js), the context menu and the popup's "Report this page". It
// sends what the page showed (the context) to the worker, which asks the Rust core for the draft: the profile, the
// link without tracking parameters, the detected cues, the suggested category and every string. The person edits;
// "Preview" asks the core for exactly what will be sent; only the second click, "Send report", hands that
// submission to the worker's outbox. Nothing leaves the device before it.
//
// One builder per section: header, profile, link, excerpt, cues, category, note, screenshot, contact, preview,
// actions. Like the card it lives in a closed shadow root (ui.js `mount`), fixed over the page; every string taken
// from the page (post text, URLs, names) is placed as text, never as markup. Focus is trapped in the dialog; Esc
// closes it and focus returns to what opened it.
(() => {
  'use strict';

  const { h, append, listen } = KolTrust.dom;

  const MAX_TEXT = 5000; // characters of post text sent to the worker (the core clips to the same)
  const MAX_LINKS = 20;
  const MAX_URL = 2048;

  // Neutral colours from the base style (the dialog's accent is the link colour), state colours from the palette:
  // text on a state's colour is always that state's `ink` on its `bg` (≥ 4.5:1 in both schemes, the core's palette
  // test), its `line` only ever a border.
  //
  // The dialog fits any viewport: at most its height less a margin, its content scrolling inside (it is focused on
  // opening, so the keyboard scrolls it too), while the title with its close button stays on top and the actions
  // (Preview, Edit, Send) stay at the bottom edge — reachable on a short window without scrolling to them.
  // `scroll-padding` keeps what Tab focuses clear of both.
  const sheet = KolTrust.ui.lazySheet(`
    :host { --accent: var(--kt-link); --tint: var(--kt-tint); }
    .backdrop { position: fixed; inset: 0; background: rgba(16, 24, 40, .35); }
    .dialog { position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%);
      width: min(440px, calc(100% - 16px)); max-height: calc(100% - 16px); overflow: auto; overscroll-behavior: contain;
      scroll-padding: 56px 0 64px; background: var(--kt-bg);
      color: var(--kt-ink); border: 1px solid var(--kt-rule); border-top: 4px solid var(--accent); border-radius: 12px;
      box-shadow: 0 16px 40px rgba(16, 24, 40, .28); font: 400 13px/1.45 var(--kt-font); text-align: start; }
    .dialog:focus { outline: none; }
    .top { position: sticky; top: 0; z-index: 1; display: flex; align-items: center; gap: 8px; padding: 10px 12px;
      background: var(--tint); }
    h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 700; }
    .close { all: unset; cursor: pointer; width: 28px; height: 28px; border-radius: 6px; text-align: center;
      font-size: 20px; line-height: 28px; color: var(--kt-muted); }
    .body { padding: 10px 14px 0; }
    section { margin: 0 0 10px; }
    h3, .label { display: block; margin: 0 0 4px; font-size: 11px; letter-spacing: .05em; text-transform: uppercase;
      color: var(--kt-muted); font-weight: 700; }
    .name { font-weight: 700; overflow-wrap: anywhere; }
    .subject, .mono { overflow-wrap: anywhere; }
    .mono { font: 12px/1.4 var(--kt-mono); }
    .state { display: inline-block; margin-top: 2px; padding: 0 6px; border-radius: 8px; border: 1px solid var(--state-line);
      background: var(--state-bg); color: var(--state-ink); font-size: 12px; font-weight: 600; }
    .problem, .errors { color: var(--kt-bad); font-weight: 600; margin: 4px 0; }
    .errors { padding-inline-start: 18px; }
    ul.cues { margin: 4px 0 0; padding-inline-start: 18px; }
    .summary { margin: 0; font-weight: 600; }
    .live { margin: 0 0 2px; font-weight: 600; }
    .excerpt { margin: 0; padding: 4px 8px; border-inline-start: 3px solid var(--kt-rule); color: var(--kt-muted);
      white-space: pre-wrap; overflow-wrap: anywhere; }
    select, textarea, input[type="text"] { width: 100%; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--kt-rule);
      background: var(--kt-bg); color: var(--kt-ink); font: inherit; }
    textarea { min-height: 60px; resize: vertical; }
    .check { display: flex; gap: 8px; align-items: flex-start; margin: 6px 0; }
    .check input { margin-top: 3px; }
    .shot { display: block; max-width: 100%; max-height: 120px; margin-top: 4px; border: 1px solid var(--kt-rule);
      border-radius: 6px; }
    .hint { color: var(--kt-muted); font-size: 12px; margin: 4px 0; }
    .hint.bad { color: var(--kt-bad); }
    dl.sent { display: grid; grid-template-columns: 32% 1fr; gap: 4px 10px; margin: 6px 0; padding: 8px;
      border-radius: 8px; background: var(--tint); }
    dl.sent dt { color: var(--kt-muted); }
    dl.sent dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .actions { position: sticky; bottom: 0; z-index: 1; display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap;
      margin: 10px -14px 0; padding: 10px 14px; background: var(--kt-bg); border-top: 1px solid var(--kt-rule); }
    button.action { font: 600 13px/1 var(--kt-font); padding: 8px 14px; border-radius: 7px;
      border: 1px solid var(--kt-rule); background: var(--kt-bg); color: var(--kt-ink); cursor: pointer; }
    button.primary { background: var(--accent); border-color: var(--accent); color: var(--kt-bg); }
    button:disabled { opacity: .55; cursor: not-allowed; }
    .done { margin: 6px 0 14px; padding: 10px; border-radius: 8px; background: var(--kt-certified-bg);
      color: var(--kt-certified-ink); font-weight: 600; }
    .done.failed { background: var(--kt-sanctioned-bg); color: var(--kt-sanctioned-ink); }`);

  /** The open dialog; null when none is open.
   * @type {null | { host: HTMLElement, panel: HTMLElement, closeBtn: HTMLElement, backdrop: HTMLElement,
   *   opener: Element | null, cleanup: (() => void)[] }} */
  let current = null;
  let generation = 0;

  /** `s` cut to `n` characters; undefined for anything but a non-empty string.
   * @param {unknown} s */
  const cap = (s, n = MAX_URL) => (typeof s === 'string' && s ? s.slice(0, n) : undefined);

  /** What a post element shows: its text, its links, its permalink and author link (the site's post selectors).
   * @param {Element} post @param {KolTrustPostSelectors} posts */
  function postContext(post, posts) {
    /** @param {string[]} sels */
    const first = (sels) => sels.map((s) => post.querySelector(s)).find(Boolean) ?? null;
    const textEl = /** @type {HTMLElement} */ (first(posts.text) ?? post);
    return {
      profileUrl: cap(/** @type {HTMLAnchorElement | null} */ (first(posts.author))?.href),
      postUrl: cap(/** @type {HTMLAnchorElement | null} */ (first(posts.permalink))?.href),
      text: (textEl.innerText ?? '').slice(0, MAX_TEXT),
      links: [...textEl.querySelectorAll('a[href]')].slice(0, MAX_LINKS).map((a) => /** @type {HTMLAnchorElement} */ (a).href.slice(0, MAX_URL)),
    };
  }

  function close(returnFocus = true) {
    generation++;
    if (!current) return;
    const c = current;
    current = null;
    for (const undo of c.cleanup) undo();
    c.host.remove();
    if (returnFocus && c.opener instanceof HTMLElement && c.opener.isConnected) c.opener.focus({ preventScroll: true });
  }

  /** The elements Tab can reach inside the dialog, in order. @param {HTMLElement} panel */
  function focusables(panel) {
    return [.../** @type {NodeListOf<HTMLElement>} */ (panel.querySelectorAll('button, select, textarea, input, [tabindex="0"]'))].filter(
      (e) => !(/** @type {HTMLButtonElement} */ (e).disabled) && !e.hidden && e.offsetParent !== null,
    );
  }

  // ---- sections, one builder each --------------------------------------------------------------------------

  /** The title and the close button. @param {KolTrustDraft} d */
  function header(d) {
    const closeBtn = h('button', { class: 'close', type: 'button', title: d.labels.close, 'aria-label': d.labels.close }, '×');
    return { top: h('div', { class: 'top' }, h('h2', { id: 'kt-report-title' }, d.labels.title), closeBtn), closeBtn };
  }

  /** Whom the report is about and their registry status, or why there is nobody to report. @param {KolTrustDraft} d */
  function profile(d) {
    const L = d.labels;
    const p = d.profile;
    return h(
      'section',
      { class: 'profile' },
      h('h3', null, L.profile),
      p
        ? [p.name && h('div', { class: 'name' }, p.name), h('div', { class: 'subject' }, p.subject), h('span', { class: `state ${p.state}` }, p.state_label)]
        : h('p', { class: 'problem' }, L.no_profile),
    );
  }

  /** The link without tracking parameters, and, for a live room, that the report is about a live stream.
   * @param {KolTrustDraft} d */
  const link = (d) =>
    d.link &&
    h(
      'section',
      { class: 'link' },
      h('h3', null, d.labels.link),
      d.live && h('p', { class: 'live' }, d.live),
      h('div', { class: 'mono link-value' }, d.link),
    );

  /** The post's own words, quoted as text: markup in a post stays visible characters, never elements.
   * @param {KolTrustDraft} d */
  const excerpt = (d) =>
    d.excerpt && h('section', { class: 'excerpt-section' }, h('h3', null, d.labels.excerpt), h('p', { class: 'excerpt' }, d.excerpt));

  /** What the core detected (shop links, codes, risk cues), or that it found none. @param {KolTrustDraft} d */
  function cues(d) {
    const L = d.labels;
    const list = d.promotion.cues;
    return h(
      'section',
      { class: 'cues-section' },
      h('h3', null, L.cues),
      list.length === 0
        ? h('p', { class: 'hint' }, L.no_cues)
        : [h('p', { class: 'summary' }, d.promotion.summary), h('ul', { class: 'cues' }, list.map((c) => h('li', null, `${c.label}: ${c.text}`)))],
    );
  }

  /** A labelled form field. @param {string} label @param {HTMLElement} control @param {string} id */
  const field = (label, control, id) => {
    control.id = id;
    return h('section', null, h('label', { class: 'label', htmlFor: id }, label), control);
  };

  /** A checkbox with its label. @param {string} cls @param {string} label @param {string} id */
  function checkbox(cls, label, id) {
    const box = h('input', { class: cls, type: 'checkbox', id });
    return { row: h('div', { class: 'check' }, box, h('label', { htmlFor: id }, label)), box };
  }

  /** The categories, the core's suggestion selected and marked. @param {KolTrustDraft} d */
  function category(d) {
    const L = d.labels;
    const select = h(
      'select',
      { class: 'category' },
      d.categories.map((c) => h('option', { value: c.value, selected: c.value === d.category }, c.suggested ? `${c.label} (${L.suggested})` : c.label)),
    );
    return { sec: field(L.category, select, 'kt-category'), select };
  }

  /** The person's own words. @param {KolTrustDraft} d */
  function note(d) {
    const textarea = h('textarea', { class: 'note', maxLength: 2000, placeholder: d.labels.note_placeholder });
    // An impersonation report comes with whom the account imitates and how; the person may edit it.
    textarea.value = d.note;
    return { sec: field(d.labels.note, textarea, 'kt-note'), textarea };
  }

  /** The screenshot box, what it is doing, and the captured image (our own capture, hidden until there is one).
   * @param {KolTrustDraft} d */
  function screenshot(d) {
    const { row, box } = checkbox('screenshot', d.labels.screenshot, 'kt-shot');
    const status = h('p', { class: 'hint shot-status', hidden: true });
    const img = h('img', { class: 'shot', alt: d.labels.screenshot, hidden: true });
    return { nodes: [row, status, img], box, status, img };
  }

  /** Contact details, only with the consent box checked. @param {KolTrustDraft} d */
  function contact(d) {
    const { row, box } = checkbox('consent', d.labels.consent, 'kt-consent');
    const input = h('input', { class: 'contact', type: 'text', maxLength: 200, autocomplete: 'email', disabled: true });
    return { nodes: [row, field(d.labels.contact, input, 'kt-contact')], consent: box, input };
  }

  /** Exactly what will be sent (the core's preview), and why it cannot be sent yet.
   * @param {KolTrustDraft} d @param {KolTrustPreview} p */
  function preview(d, p) {
    return [
      h('h3', null, d.labels.preview_heading),
      h('dl', { class: 'sent' }, p.items.map((item) => [h('dt', null, item.label), h('dd', null, item.value)])),
      // The alert is the wrapper: a list keeps its list role (and its items their list), the wrapper is announced.
      p.errors.length > 0 && h('div', { class: 'errors-alert', role: 'alert' }, h('ul', { class: 'errors' }, p.errors.map((e) => h('li', null, e.message)))),
    ];
  }

  /** Preview, then Edit or Send: the send button only ever follows a preview. @param {KolTrustDraft} d */
  function actions(d) {
    const L = d.labels;
    /** @param {string} cls @param {string} text @param {boolean} hidden */
    const button = (cls, text, hidden) => h('button', { class: `action ${cls}`, type: 'button', hidden }, text);
    const previewBtn = button('preview primary', L.preview, false);
    previewBtn.disabled = !d.profile;
    const editBtn = button('edit', L.edit, true);
    const submitBtn = button('submit primary', L.submit, true);
    return { bar: h('div', { class: 'actions' }, editBtn, previewBtn, submitBtn), previewBtn, editBtn, submitBtn };
  }

  /** Draws the dialog for `draft` and wires its steps; `context` is kept to ask for the preview.
   * @param {KolTrustDraft} draft @param {KolTrustReportContext} context */
  function draw(draft, context) {
    const L = draft.labels;
    const { host, shadow } = KolTrust.ui.mount('kol-trust-report', 'modal', [sheet()]);
    const { top, closeBtn } = header(draft);
    const cat = category(draft);
    const noteField = note(draft);
    const shot = screenshot(draft);
    const who = contact(draft);
    const form = h(
      'div',
      { class: 'form' },
      profile(draft),
      link(draft),
      excerpt(draft),
      cues(draft),
      cat.sec,
      noteField.sec,
      shot.nodes,
      who.nodes,
      h('p', { class: 'hint' }, L.nothing_sent),
    );
    const previewBox = h('div', { class: 'preview-box' });
    const { bar, previewBtn, editBtn, submitBtn } = actions(draft);
    const result = h('div', { class: 'result', role: 'status' });
    const backdrop = h('div', { class: 'backdrop' });
    const panel = h(
      'div',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'kt-report-title', lang: draft.lang, tabIndex: -1 },
      top,
      h('div', { class: 'body' }, form, previewBox, result, bar),
    );
    shadow.append(backdrop, panel);

    /** @type {{ screenshot: string | null, submission: import('../types/messages').ComplaintSubmission | null, id: string }} */
    const state = { screenshot: null, submission: null, id: crypto.randomUUID() };
    /** @param {string} text @param {boolean} failed */
    const showResult = (text, failed) => result.replaceChildren(h('p', { class: failed ? 'done failed' : 'done' }, text));

    /** Any edit after a preview invalidates it: the next click is a preview again, never a send. */
    const invalidate = () => {
      state.submission = null;
      previewBox.replaceChildren();
      submitBtn.hidden = true;
      editBtn.hidden = true;
      previewBtn.hidden = false;
    };
    for (const c of [cat.select, noteField.textarea, who.input]) c.addEventListener('input', invalidate);
    who.consent.addEventListener('change', () => {
      who.input.disabled = !who.consent.checked;
      invalidate();
    });
    shot.box.addEventListener('change', async () => {
      invalidate();
      state.screenshot = null;
      shot.img.hidden = true;
      shot.img.removeAttribute('src');
      if (!shot.box.checked) {
        shot.status.hidden = true;
        return;
      }
      shot.status.hidden = false;
      shot.status.className = 'hint shot-status';
      shot.status.textContent = L.screenshot_taking;
      // The page as the person sees it, without this dialog over it.
      host.style.setProperty('visibility', 'hidden', 'important');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const reply = await KolTrust.worker.send({ type: 'captureScreenshot' });
      host.style.setProperty('visibility', 'visible', 'important');
      if (!shot.box.checked) return;
      if (reply.ok) {
        state.screenshot = reply.screenshot;
        shot.img.src = reply.screenshot; // our own capture, never a page-provided URL
        shot.img.hidden = false;
        shot.status.hidden = true;
      } else {
        shot.box.checked = false;
        shot.status.className = 'hint bad shot-status';
        shot.status.textContent = L.screenshot_failed;
      }
    });

    const edits = () => ({
      id: state.id,
      created: Date.now(),
      category: cat.select.value,
      note: noteField.textarea.value,
      screenshot: state.screenshot,
      contact: who.consent.checked ? who.input.value : '',
      consent: who.consent.checked,
    });

    previewBtn.addEventListener('click', async () => {
      const reply = await KolTrust.worker.send({ type: 'reportPreview', context, edits: edits() });
      if (!reply.ok) return showResult(`${L.failed}: ${reply.error}`, true);
      /** @type {KolTrustPreview} */
      const p = reply.preview;
      previewBox.replaceChildren();
      append(previewBox, preview(draft, p));
      state.submission = p.submission ?? null;
      previewBtn.hidden = !!state.submission;
      editBtn.hidden = !state.submission;
      submitBtn.hidden = !state.submission;
      (state.submission ? submitBtn : previewBtn).focus();
      // What will be sent (or what is missing) comes into view above the actions, on a dialog too short for all.
      previewBox.scrollIntoView({ block: 'nearest' });
    });
    editBtn.addEventListener('click', () => {
      invalidate();
      noteField.textarea.focus();
    });
    submitBtn.addEventListener('click', async () => {
      if (!state.submission) return;
      submitBtn.disabled = editBtn.disabled = true;
      submitBtn.textContent = L.sending;
      const reply = await KolTrust.worker.send({ type: 'submitReport', complaint: state.submission });
      if (reply.ok) {
        form.hidden = true;
        previewBox.hidden = true;
        bar.hidden = true;
        const msg = reply.state === 'delivered' ? L.delivered : L.queued;
        showResult(reply.receipt ? `${msg} ${L.receipt}: ${reply.receipt}` : msg, false);
        closeBtn.focus();
      } else {
        submitBtn.disabled = editBtn.disabled = false;
        submitBtn.textContent = L.submit;
        // Refused by the core's rules (each rule broken, in words), or not answered at all.
        const why = 'errors' in reply ? reply.errors.map((e) => e.message).join(' ') : reply.error;
        showResult(`${L.failed}: ${why}`, true);
      }
    });

    return { host, panel, closeBtn, backdrop };
  }

  /** Opens the dialog for `context` (see `complaint::draft::ReportContext`; the page URL is added here). `opener`
   * gets the focus back when the dialog closes.
   * @param {KolTrustReportContext} context @param {Element | null} [opener] */
  async function open(context, opener = document.activeElement) {
    close(false);
    const mine = ++generation;
    const full = { ...context, pageUrl: cap(location.href) };
    const [reply] = await Promise.all([KolTrust.worker.send({ type: 'reportDraft', context: full }), KolTrust.ui.loadPalette()]);
    if (!reply.ok || mine !== generation) return;
    const drawn = draw(/** @type {KolTrustDraft} */ (reply.draft), full);
    current = { ...drawn, opener, cleanup: [] };
    document.documentElement.append(drawn.host);
    /** @param {KeyboardEvent} e */
    const onKey = (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(true);
      } else if (e.key === 'Tab') {
        const list = focusables(drawn.panel);
        const i = list.indexOf(/** @type {HTMLElement} */ (/** @type {ShadowRoot} */ (drawn.panel.getRootNode()).activeElement));
        if (list.length && (e.shiftKey ? i <= 0 : i === list.length - 1)) {
          e.preventDefault();
          list[e.shiftKey ? list.length - 1 : 0].focus();
        }
      }
      // Keys typed in the dialog are ours: the page's shortcuts must not fire while someone types a note.
      e.stopPropagation();
    };
    current.cleanup.push(
      listen(drawn.panel, 'keydown', onKey),
      listen(drawn.panel, 'keyup', (e) => e.stopPropagation()),
      listen(drawn.panel, 'keypress', (e) => e.stopPropagation()),
      listen(drawn.closeBtn, 'click', () => close(true)),
      listen(drawn.backdrop, 'click', () => close(true)),
      // Focus that wanders out (a page script, a click on the page behind) comes back into the dialog.
      listen(document, 'focusin', (e) => e.target !== drawn.host && drawn.panel.focus({ preventScroll: true }), true),
      listen(document, 'keydown', (e) => e.key === 'Escape' && close(true), true),
    );
    drawn.panel.focus({ preventScroll: true });
  }

  /** Opens the dialog when the worker asks: the context menu and the popup's "Report this page" (main.js, at boot). */
  function start() {
    chrome.runtime.onMessage.addListener((msg, sender) => {
      if (sender.id !== chrome.runtime.id || msg?.type !== 'openReport') return false;
      const ctx = msg.context ?? {};
      // On a content page the words the page shows as its title (a product's name, a live stream's title) are
      // what the report is about: the core looks for promotion cues in them as in a post.
      const site = KolTrust.sites.forHost(location.hostname);
      const title = site.owner?.title.map((q) => document.querySelector(q)).find(Boolean);
      open({ profileUrl: cap(ctx.profileUrl), signals: KolTrust.badges.pageSignals(), text: cap(title?.textContent?.trim(), 2000) ?? '' });
      return false;
    });
  }

  KolTrust.report = { open, close, postContext, start, isOpen: () => current !== null };
})();
