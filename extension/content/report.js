// KOL Trust report dialog (content script, loaded before posts.js and badges.js, which open it).
//
// One compact dialog for every entry point — the detail card's "Báo cáo / Report", the button beside a promotional
// post, the context menu and the popup's "Report this page". It sends what the page showed (the context) to the
// worker, which asks the Rust core for the draft: the profile, the link without tracking parameters, the detected
// cues, the suggested category and every string. The person edits; "Preview" asks the core for exactly what will be
// sent; only the second click, "Send report", hands that submission to the worker's outbox. Nothing leaves the
// device before it.
//
// Like the card it lives in a *closed* shadow root on a host with inline `!important` styles, fixed on <html>;
// every string taken from the page (post text, URLs, names) is placed with textContent, never as markup. Focus is
// trapped in the dialog; Esc closes it and focus returns to what opened it.
globalThis.KolTrustReport = (() => {
  'use strict';

  const MAX_TEXT = 5000; // characters of post text sent to the worker (the core clips to the same)
  const MAX_LINKS = 20;
  const MAX_URL = 2048;

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    .backdrop { position: fixed; inset: 0; background: rgba(16, 24, 40, .35); }
    .dialog { --accent: #1a5fb4; --ink: #1b2330; --muted: #5b6675; --line: #dde3ea; --bg: #fff; --tint: #eef3fb;
      --bad: #b3261e; position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%);
      width: min(440px, calc(100vw - 16px)); max-height: calc(100vh - 24px); overflow: auto; background: var(--bg);
      color: var(--ink); border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 12px;
      box-shadow: 0 16px 40px rgba(16, 24, 40, .28); font: 400 13px/1.45 system-ui, -apple-system, "Segoe UI",
      Roboto, sans-serif; text-align: start; }
    .dialog:focus { outline: none; }
    .top { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: var(--tint); }
    h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 700; }
    .close { all: unset; cursor: pointer; width: 28px; height: 28px; border-radius: 6px; text-align: center;
      font-size: 20px; line-height: 28px; color: var(--muted); }
    .body { padding: 10px 14px 14px; }
    section { margin: 0 0 10px; }
    h3, .label { display: block; margin: 0 0 4px; font-size: 11px; letter-spacing: .05em; text-transform: uppercase;
      color: var(--muted); font-weight: 700; }
    .name { font-weight: 700; overflow-wrap: anywhere; }
    .subject, .mono { overflow-wrap: anywhere; }
    .mono { font: 12px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
    .state { display: inline-block; margin-top: 2px; padding: 0 6px; border-radius: 8px; border: 1px solid var(--line);
      font-size: 12px; font-weight: 600; }
    .state.sanctioned { color: #8a1111; border-color: #d33b3b; }
    .state.lookalike { color: #8a0f4d; border-color: #c2185b; }
    .state.certified { color: #0b5d27; border-color: #2e9d55; }
    .problem, .errors { color: var(--bad); font-weight: 600; margin: 4px 0; }
    .errors { padding-inline-start: 18px; }
    ul.cues { margin: 4px 0 0; padding-inline-start: 18px; }
    .summary { margin: 0; font-weight: 600; }
    .excerpt { margin: 0; padding: 4px 8px; border-inline-start: 3px solid var(--line); color: var(--muted);
      white-space: pre-wrap; overflow-wrap: anywhere; }
    select, textarea, input[type="text"] { width: 100%; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--line);
      background: var(--bg); color: var(--ink); font: inherit; }
    textarea { min-height: 60px; resize: vertical; }
    .check { display: flex; gap: 8px; align-items: flex-start; margin: 6px 0; }
    .check input { margin-top: 3px; }
    .shot { display: block; max-width: 100%; max-height: 120px; margin-top: 4px; border: 1px solid var(--line);
      border-radius: 6px; }
    .hint { color: var(--muted); font-size: 12px; margin: 4px 0; }
    .hint.bad { color: var(--bad); }
    dl.sent { display: grid; grid-template-columns: 32% 1fr; gap: 4px 10px; margin: 6px 0; padding: 8px;
      border-radius: 8px; background: var(--tint); }
    dl.sent dt { color: var(--muted); }
    dl.sent dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .actions { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; margin-top: 10px; }
    button.action { font: 600 13px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 8px 14px;
      border-radius: 7px; border: 1px solid var(--line); background: var(--bg); color: var(--ink); cursor: pointer; }
    button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    button:disabled { opacity: .55; cursor: not-allowed; }
    button:focus-visible, .close:focus-visible, select:focus-visible, textarea:focus-visible, input:focus-visible {
      outline: 2px solid #1a73e8; outline-offset: 1px; }
    .done { margin: 6px 0; padding: 10px; border-radius: 8px; background: #e7f6ec; color: #0b5d27; font-weight: 600; }
    .done.failed { background: #fdeaea; color: var(--bad); }
    @media (prefers-color-scheme: dark) {
      .dialog { --accent: #8ab4f8; --ink: #e6e9ee; --muted: #a3acb9; --line: #3a4250; --bg: #1c2129; --tint: #232b36;
        --bad: #ff8a80; }
      button.primary { color: #10151c; }
      .state.sanctioned { color: #ffb4b4; } .state.lookalike { color: #ffb3d4; } .state.certified { color: #a6e8bd; }
      .done { background: #12301c; color: #a6e8bd; } .done.failed { background: #3a1414; }
    }`;

  const HOST_STYLE =
    'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; ' +
    'display: block !important; opacity: 1 !important; transform: none !important; margin: 0 !important; ' +
    'pointer-events: auto !important;';

  /** The open dialog: { host, panel, opener, cleanup[] }; null when none is open. */
  let current = null;
  let generation = 0;

  /** Asks the worker; a failure comes back as `{ ok: false, error }`, so the dialog can say what went wrong. */
  const { send } = globalThis.KolTrustWorker;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  const cap = (s, n = MAX_URL) => (typeof s === 'string' && s ? s.slice(0, n) : undefined);

  /** What a post element shows: its text, its links, its permalink and author link (per-site selectors). */
  function postContext(post, site) {
    const first = (sels) => sels.map((s) => post.querySelector(s)).find(Boolean) ?? null;
    const textEl = first(site.posts.text);
    return {
      profileUrl: cap(first(site.posts.author)?.href),
      postUrl: cap(first(site.posts.permalink)?.href),
      text: ((textEl ?? post).innerText ?? '').slice(0, MAX_TEXT),
      links: [...(textEl ?? post).querySelectorAll('a[href]')].slice(0, MAX_LINKS).map((a) => a.href.slice(0, MAX_URL)),
    };
  }

  function close(returnFocus = true) {
    generation++;
    if (!current) return;
    const c = current;
    current = null;
    for (const undo of c.cleanup) undo();
    c.host.remove();
    if (returnFocus && c.opener?.isConnected) c.opener.focus({ preventScroll: true });
  }

  function listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    return () => target.removeEventListener(type, fn, options);
  }

  /** The elements Tab can reach inside the dialog, in order. */
  function focusables(panel) {
    return [...panel.querySelectorAll('button, select, textarea, input, [tabindex="0"]')].filter(
      (e) => !e.disabled && !e.hidden && e.offsetParent !== null,
    );
  }

  function profileSection(d) {
    const L = d.labels;
    const sec = el('section', 'profile');
    sec.append(el('h3', null, L.profile));
    const p = d.profile;
    if (!p) {
      sec.append(el('p', 'problem', L.no_profile));
      return sec;
    }
    if (p.name) sec.append(el('div', 'name', p.name));
    sec.append(el('div', 'subject', p.subject), el('span', `state ${p.state}`, p.state_label));
    return sec;
  }

  function cuesSection(d) {
    const L = d.labels;
    const sec = el('section', 'cues-section');
    sec.append(el('h3', null, L.cues));
    const cues = d.promotion.cues;
    if (!cues.length) {
      sec.append(el('p', 'hint', L.no_cues));
      return sec;
    }
    sec.append(el('p', 'summary', d.promotion.summary));
    const list = el('ul', 'cues');
    for (const c of cues) list.append(el('li', null, `${c.label}: ${c.text}`));
    sec.append(list);
    return sec;
  }

  /** Draws the dialog for `draft`; `context` is kept to ask for the preview. */
  function draw(draft, context) {
    const L = draft.labels;
    const host = document.createElement('kol-trust-report');
    host.setAttribute('style', HOST_STYLE);
    const shadow = host.attachShadow({ mode: 'closed' });
    const backdrop = el('div', 'backdrop');
    const panel = el('div', 'dialog');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    panel.setAttribute('aria-labelledby', 'kt-report-title');
    panel.setAttribute('lang', draft.lang);
    panel.tabIndex = -1;

    const top = el('div', 'top');
    const title = el('h2', null, L.title);
    title.id = 'kt-report-title';
    const closeBtn = el('button', 'close', '×');
    closeBtn.type = 'button';
    closeBtn.setAttribute('aria-label', L.close);
    closeBtn.title = L.close;
    top.append(title, closeBtn);

    const body = el('div', 'body');
    const form = el('div', 'form');
    form.append(profileSection(draft));
    if (draft.link) {
      const sec = el('section', 'link');
      sec.append(el('h3', null, L.link), el('div', 'mono link-value', draft.link));
      form.append(sec);
    }
    if (draft.excerpt) {
      // The post's own words, quoted as text: markup in a post stays visible characters, never elements.
      const sec = el('section', 'excerpt-section');
      sec.append(el('h3', null, L.excerpt), el('p', 'excerpt', draft.excerpt));
      form.append(sec);
    }
    form.append(cuesSection(draft));

    const field = (label, control, id) => {
      const sec = el('section');
      const lab = el('label', 'label', label);
      lab.htmlFor = id;
      control.id = id;
      sec.append(lab, control);
      form.append(sec);
      return control;
    };
    const category = el('select', 'category');
    for (const c of draft.categories) {
      const o = el('option', null, c.suggested ? `${c.label} (${L.suggested})` : c.label);
      o.value = c.value;
      o.selected = c.value === draft.category;
      category.append(o);
    }
    field(L.category, category, 'kt-category');
    const note = el('textarea', 'note');
    note.maxLength = 2000;
    note.placeholder = L.note_placeholder;
    field(L.note, note, 'kt-note');

    const check = (cls, label, id) => {
      const row = el('div', 'check');
      const box = el('input', cls);
      box.type = 'checkbox';
      box.id = id;
      const lab = el('label', null, label);
      lab.htmlFor = id;
      row.append(box, lab);
      form.append(row);
      return box;
    };
    const shotBox = check('screenshot', L.screenshot, 'kt-shot');
    const shotStatus = el('p', 'hint shot-status');
    shotStatus.hidden = true;
    const shotImg = el('img', 'shot');
    shotImg.alt = L.screenshot;
    shotImg.hidden = true;
    form.append(shotStatus, shotImg);
    const consent = check('consent', L.consent, 'kt-consent');
    const contact = el('input', 'contact');
    contact.type = 'text';
    contact.maxLength = 200;
    contact.autocomplete = 'email';
    contact.disabled = true;
    field(L.contact, contact, 'kt-contact');
    form.append(el('p', 'hint', L.nothing_sent));

    const previewBox = el('div', 'preview-box');
    const actions = el('div', 'actions');
    const button = (cls, text) => {
      const b = el('button', `action ${cls}`, text);
      b.type = 'button';
      return b;
    };
    const previewBtn = button('preview primary', L.preview);
    const editBtn = button('edit', L.edit);
    const submitBtn = button('submit primary', L.submit);
    previewBtn.disabled = !draft.profile;
    editBtn.hidden = true;
    submitBtn.hidden = true;
    actions.append(editBtn, previewBtn, submitBtn);
    const result = el('div', 'result');
    result.setAttribute('role', 'status');
    body.append(form, previewBox, actions, result);
    panel.append(top, body);
    shadow.append(el('style', null, STYLE), backdrop, panel);

    const state = { screenshot: null, submission: null, id: crypto.randomUUID() };

    /** Any edit after a preview invalidates it: the next click is a preview again, never a send. */
    const invalidate = () => {
      state.submission = null;
      previewBox.replaceChildren();
      submitBtn.hidden = true;
      editBtn.hidden = true;
      previewBtn.hidden = false;
    };
    for (const c of [category, note, contact]) c.addEventListener('input', invalidate);
    consent.addEventListener('change', () => {
      contact.disabled = !consent.checked;
      invalidate();
    });
    shotBox.addEventListener('change', async () => {
      invalidate();
      state.screenshot = null;
      shotImg.hidden = true;
      shotImg.removeAttribute('src');
      if (!shotBox.checked) {
        shotStatus.hidden = true;
        return;
      }
      shotStatus.hidden = false;
      shotStatus.className = 'hint shot-status';
      shotStatus.textContent = L.screenshot_taking;
      // The page as the person sees it, without this dialog over it.
      host.style.setProperty('visibility', 'hidden', 'important');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const reply = await send({ type: 'captureScreenshot' });
      host.style.setProperty('visibility', 'visible', 'important');
      if (!shotBox.checked) return;
      if (reply.ok) {
        state.screenshot = reply.screenshot;
        shotImg.src = reply.screenshot; // our own capture, never a page-provided URL
        shotImg.hidden = false;
        shotStatus.hidden = true;
      } else {
        shotBox.checked = false;
        shotStatus.className = 'hint bad shot-status';
        shotStatus.textContent = L.screenshot_failed;
      }
    });

    const edits = () => ({
      id: state.id,
      created: Date.now(),
      category: category.value,
      note: note.value,
      screenshot: state.screenshot,
      contact: consent.checked ? contact.value : '',
      consent: consent.checked,
    });

    previewBtn.addEventListener('click', async () => {
      const reply = await send({ type: 'reportPreview', context, edits: edits() });
      if (!reply.ok) return showResult(`${L.failed}: ${reply.error}`, true);
      const p = reply.preview;
      previewBox.replaceChildren();
      previewBox.append(el('h3', null, L.preview_heading));
      const dl = el('dl', 'sent');
      for (const item of p.items) dl.append(el('dt', null, item.label), el('dd', null, item.value));
      previewBox.append(dl);
      if (p.errors.length) {
        const errs = el('ul', 'errors');
        errs.setAttribute('role', 'alert');
        for (const e of p.errors) errs.append(el('li', null, e.message));
        previewBox.append(errs);
      }
      state.submission = p.submission ?? null;
      previewBtn.hidden = !!state.submission;
      editBtn.hidden = !state.submission;
      submitBtn.hidden = !state.submission;
      (state.submission ? submitBtn : previewBtn).focus();
    });
    editBtn.addEventListener('click', () => {
      invalidate();
      note.focus();
    });
    submitBtn.addEventListener('click', async () => {
      if (!state.submission) return;
      submitBtn.disabled = editBtn.disabled = true;
      submitBtn.textContent = L.sending;
      const reply = await send({ type: 'submitReport', complaint: state.submission });
      if (reply.ok) {
        form.hidden = true;
        previewBox.hidden = true;
        actions.hidden = true;
        const msg = reply.state === 'delivered' ? L.delivered : L.queued;
        showResult(reply.receipt ? `${msg} ${L.receipt}: ${reply.receipt}` : msg, false);
        closeBtn.focus();
      } else {
        submitBtn.disabled = editBtn.disabled = false;
        submitBtn.textContent = L.submit;
        const why = reply.errors?.map((e) => e.message).join(' ') || reply.error || '';
        showResult(`${L.failed}: ${why}`, true);
      }
    });

    function showResult(text, failed) {
      result.replaceChildren(el('p', failed ? 'done failed' : 'done', text));
    }

    return { host, panel, closeBtn, backdrop };
  }

  /** Opens the dialog for `context` (see `complaint::draft::ReportContext`; the page URL is added here). `opener`
   * gets the focus back when the dialog closes. */
  async function open(context, opener = document.activeElement) {
    close(false);
    const mine = ++generation;
    const full = { ...context, pageUrl: cap(location.href) };
    const reply = await send({ type: 'reportDraft', context: full });
    if (!reply.ok || mine !== generation) return;
    const drawn = draw(reply.draft, full);
    current = { ...drawn, opener, cleanup: [] };
    document.documentElement.append(drawn.host);
    const onKey = (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(true);
      } else if (e.key === 'Tab') {
        const list = focusables(drawn.panel);
        const i = list.indexOf(drawn.panel.getRootNode().activeElement);
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

  // The worker opens the dialog for the context menu and the popup's "Report this page".
  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id !== chrome.runtime.id || msg?.type !== 'openReport') return false;
    const ctx = msg.context ?? {};
    const page = globalThis.KolTrustPage?.signals();
    open({ profileUrl: cap(ctx.profileUrl), signals: page });
    return false;
  });

  return { open, close, postContext, isOpen: () => current !== null };
})();
