// @ts-check
// Badges (`KolTrust.badges`): finding candidates on the page and drawing the core's answer beside them. Plain JS:
// page CSPs may forbid WASM here, so the core runs in the service worker and this file only finds and draws:
//  - links: collects text links (`a[href]`), sends them to the worker in one deduplicated batch per animation frame,
//    and draws the answer beside each link;
//  - the page: reads the page-level signals (location, canonical, og:url, app links, JSON-LD, per-site stable ids,
//    the links of the site's owner block), asks the worker whose page this is, and draws that profile's badge in the
//    site's profile header — or, on a content page, at its owner's name, and at its title when the core calls the
//    page prominent (the content of a sanctioned account);
//  - re-does both after SPA navigation and when the person changes an option.
// Badges live inside closed shadow roots (ui.js `mount`) so the page can neither read nor restyle them, and every
// string drawn comes from the worker and is set as text, never as markup. Each badge is a button (click, Enter or
// Space) that opens the account's detail card (card.js).
(() => {
  'use strict';

  const { h } = KolTrust.dom;

  const MAX_URL = 2048; // page-provided strings are capped before they cross to the worker
  const MAX_URLS = 20;
  /** Longest stretch of work per task when scanning or drawing a long page (the budget is 50 ms per task). */
  const SLICE_MS = 8;
  /** Badges inserted per slice: each insertion costs style and layout work after the script has run. */
  const DRAWS_PER_SLICE = 60;
  /** The URL the document was served for: inline page data describes it, and only it. */
  const initialHref = location.href;

  /** What we know of this site; set by `start`. @type {KolTrustSite} */
  let site;
  /** anchor → the href it was last checked with; lets SPA frameworks that reuse anchors get re-checked.
   * @type {WeakMap<HTMLAnchorElement, string>} */
  let checked = new WeakMap();
  /** anchor → its badge host element, and back.
   * @type {WeakMap<HTMLAnchorElement, HTMLElement>} */
  const badges = new WeakMap();
  /** @type {WeakMap<Element, HTMLAnchorElement>} */
  const anchorOf = new WeakMap();
  /** anchor → its last badge view, to redraw a badge the page removed; and how often it was removed.
   * @type {WeakMap<HTMLAnchorElement, KolTrustBadgeView>} */
  const views = new WeakMap();
  /** @type {WeakMap<HTMLAnchorElement, number>} */
  const removals = new WeakMap();
  /** @type {Set<HTMLAnchorElement>} */
  const pending = new Set();
  let scheduled = false;
  /** Whether this page's first batch has been scheduled (it does not wait for a frame). */
  let firstBatchSent = false;
  let lastSignalsKey = '';
  /** The page answer and the spots it is drawn at: the profile header on a profile page; on a content page the
   * owner's name, and the page's title too when the core calls the page prominent (a sanctioned seller's product).
   * @typedef {{ spot: 'header' | 'owner' | 'title', selectors: string[], host: HTMLElement | null, element: Element | null }} Spot
   * @type {{ answer: KolTrustBadgeView | null, account: KolTrustAccount | null, spots: Spot[] }} */
  let header = { answer: null, account: null, spots: [] };

  // State colours come from the core's palette through `--state-*` (ui.js); the float rules from floating.js.
  const sheet = KolTrust.ui.lazySheet(`
    .badge { display: inline-flex; align-items: center; gap: 3px; padding: 1px 6px; pointer-events: auto;
      border-radius: 9px; font: 600 11px/16px var(--kt-font); white-space: nowrap; cursor: pointer;
      border: 1px solid var(--state-line); background: var(--state-bg); color: var(--state-ink);
      box-shadow: 0 1px 2px rgba(0, 0, 0, .16); --kt-focus-offset: 2px; }
    .badge.unknown { border-style: dashed; font-weight: 500; }
    .badge.lookalike { border-style: dashed; }
    .header .badge { font-size: 13px; line-height: 20px; padding: 1px 8px; }
    /* Compact (no free room beside the name, see placement.js): the drawn icon in a disc; the words show on hover
       and keyboard focus, and are always the badge's accessible name. */
    .compact .badge:not(:hover):not(:focus-visible) { padding: 1px; gap: 1px; }
    .compact .badge:not(:hover):not(:focus-visible) :is(.icon, .icon svg) { width: 10px; height: 10px; }
    .compact .badge:not(:hover):not(:focus-visible) :is(.label, .demo) { display: none; }
    .icon { display: inline-grid; place-items: center; width: 12px; height: 12px; }
    .icon svg { width: 12px; height: 12px; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round;
      stroke-linejoin: round; }
    .mark { font-weight: 700; padding: 0 2px; border-radius: 3px; outline: 1px dotted currentColor; }
    .demo { font-weight: 700; font-size: 9px; letter-spacing: .04em; padding: 0 3px; border-radius: 3px;
      background: var(--kt-strong); color: var(--kt-strong-ink); }`);

  /** host → the account its badge is for ({platform, id_type, account_id}): what its card is asked for.
   * @type {WeakMap<Element, KolTrustAccount>} */
  const accounts = new WeakMap();

  /** Opens the card of `host`'s account. Only trusted events (the person's own click or key) open it: a page
   * cannot reach into the closed shadow root to dispatch events at the badge, and synthetic ones are ignored.
   * @param {HTMLElement} host @param {HTMLElement} badge */
  function opener(host, badge) {
    /** @param {Event} e */
    const open = (e) => {
      if (!e.isTrusted) return;
      e.preventDefault();
      e.stopPropagation();
      const account = accounts.get(host);
      if (account) KolTrust.card.open({ host, badge, account });
    };
    badge.addEventListener('click', open);
    badge.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') open(e);
    });
  }

  /** A badge host of `kind` ('link' or 'header') with its closed shadow root; returns the host and a render
   * function for it (which also places it beside its anchor). `size` is the badge's look: a profile header's
   * large name gets the larger badge; a content page's owner name and title, set in body-sized text, get the link
   * badge's size, which fits their line in full where the larger one would shrink to a disc.
   * @param {'link' | 'header'} kind @param {boolean} outOfFlow @param {'link' | 'header'} [size] */
  function createBadge(kind, outOfFlow, size = kind) {
    const { host, shadow } = KolTrust.ui.mount('kol-trust-badge', outOfFlow ? 'float-out' : 'float', [KolTrust.floating.sheet(), sheet()]);
    host.setAttribute('kind', kind);
    const badge = h('span');
    const wrap = h('span', { class: `float ${size} unplaced` }, badge);
    shadow.append(wrap);
    opener(host, badge);
    return {
      host,
      /** @param {KolTrustBadgeView} view @param {Element} anchor */
      render: (view, anchor) => {
        render(badge, view);
        const a = accounts.get(host);
        KolTrust.floating.attach(host, anchor, wrap, size, a ? `${a.platform}:${a.id_type}:${a.account_id}` : '');
      },
    };
  }

  /** render functions by host: reachable only from this isolated world, never through the page's DOM.
   * @type {WeakMap<Element, (view: KolTrustBadgeView, anchor: Element) => void>} */
  const renderers = new WeakMap();

  /** Fills the badge element `el` with the core's view `b`: state, drawn icon, words, sample tag, secret mark.
   * @param {HTMLElement} el @param {KolTrustBadgeView} b */
  function render(el, b) {
    el.className = `badge ${b.state}`;
    el.setAttribute('role', 'button');
    el.setAttribute('tabindex', '0');
    el.setAttribute('aria-haspopup', 'dialog');
    el.setAttribute('aria-label', b.title);
    el.title = b.title;
    const mark = KolTrust.ui.secretMark();
    el.replaceChildren();
    KolTrust.dom.append(el, [
      // Drawn icons (shared with the card): symbol glyphs such as ⓘ and ⌛ are missing from many systems' fonts.
      KolTrust.ui.stateIcon(b.state, b.icon),
      h('span', { class: 'label' }, b.label),
      b.tag && h('span', { class: 'demo' }, b.tag),
      // The person's own mark (options page): a page cannot read it, so a badge a page draws to imitate ours
      // cannot show it.
      mark && h('span', { class: 'mark', 'aria-hidden': 'true' }, mark),
    ]);
  }

  /** `outOfFlow`: whether the host must leave the flow beside this link (placement.js `takesRoom`, read before
   * the slice's writes); worked out here when not given.
   * @param {HTMLAnchorElement} anchor @param {KolTrustBadgeView} view @param {KolTrustAccount} account
   * @param {boolean} [outOfFlow] */
  function drawLinkBadge(anchor, view, account, outOfFlow) {
    let host = badges.get(anchor);
    if (!host || !host.isConnected) {
      const created = createBadge('link', outOfFlow ?? KolTrust.placement.takesRoom(anchor));
      host = created.host;
      renderers.set(host, created.render);
      anchorOf.set(host, anchor);
      anchor.after(host);
      badges.set(anchor, host);
    }
    views.set(anchor, view);
    accounts.set(host, account);
    renderers.get(host)?.(view, anchor);
  }

  /** A page script removed one of our badges while its link stays: draw it again, a few times at most (a page
   * that keeps removing it must not drag us into an endless fight).
   * @param {Element} host */
  function restoreRemoved(host) {
    const anchor = anchorOf.get(host);
    const view = anchor && views.get(anchor);
    const account = accounts.get(host);
    if (!anchor?.isConnected || badges.get(anchor) !== host || !view || !account) return;
    const n = (removals.get(anchor) ?? 0) + 1;
    removals.set(anchor, n);
    if (n <= 3) queueMicrotask(() => drawLinkBadge(anchor, view, account));
  }

  /** @param {string} platform @param {{ id_type: string, account_id: string }} a @param {string | null | undefined} [name]
   * @returns {KolTrustAccount} */
  const accountOf = (platform, a, name = null) =>
    name ? { platform, id_type: a.id_type, account_id: a.account_id, name } : { platform, id_type: a.id_type, account_id: a.account_id };

  /** Longest shown name sent (the core folds at most 256 bytes). */
  const MAX_NAME = 120;

  /** The name shown with a link: the site's name element inside it, else its own text (the core decides whether it
   * is a name at all — a bare "@handle" is not).
   * @param {Element} anchor @returns {string | null} */
  function shownName(anchor) {
    const inner = site.names.link.length ? anchor.querySelector(site.names.link.join(',')) : null;
    const text = (inner ?? anchor).textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return text && text.length <= MAX_NAME ? text : null;
  }

  /** @param {HTMLAnchorElement} anchor */
  function removeLinkBadge(anchor) {
    views.delete(anchor);
    KolTrust.floating.forget(badges.get(anchor));
    badges.get(anchor)?.remove();
    badges.delete(anchor);
  }

  // ---- links -------------------------------------------------------------------------------------------------

  /** Finds candidates in an added or changed node: anchors in it, or the anchor it was added into (frameworks
   * often render an anchor first and its text a moment later). Large subtrees (a whole feed at once) are examined
   * in time slices like the drawing, so a scan is never a long task.
   * @param {Node} node */
  function collect(node) {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!(el instanceof Element) || el.localName === 'kol-trust-badge') return;
    const enclosing = el.closest('a[href]');
    if (enclosing) consider(/** @type {HTMLAnchorElement} */ (enclosing));
    const found = /** @type {NodeListOf<HTMLAnchorElement>} */ (el.querySelectorAll('a[href]'));
    if (found.length <= 200) {
      for (const a of found) consider(a);
    } else {
      scanQueue.push(found);
      if (scanQueue.length === 1) setTimeout(drainScans, 0);
    }
  }

  /** @type {NodeListOf<HTMLAnchorElement>[]} */
  const scanQueue = [];
  let scanIndex = 0;

  function drainScans() {
    const start = performance.now();
    while (scanQueue.length && performance.now() - start < SLICE_MS) {
      const list = scanQueue[0];
      const end = Math.min(scanIndex + 100, list.length);
      for (; scanIndex < end; scanIndex++) consider(list[scanIndex]);
      if (scanIndex >= list.length) {
        scanQueue.shift();
        scanIndex = 0;
      }
    }
    if (scanQueue.length) setTimeout(drainScans, 0);
  }

  /** @param {HTMLAnchorElement} anchor */
  function consider(anchor) {
    if (checked.get(anchor) === anchor.href) return;
    // Image-only links (avatars) sit right beside the name link of the same person: one badge, by the name.
    if (!anchor.textContent?.trim()) return;
    pending.add(anchor);
    schedule();
  }

  /** Links per message: a few hundred keep each structured clone (and so each task) small on a 2,000-link feed. */
  const BATCH = 300;

  function flushLinks() {
    const anchors = [...pending].filter((a) => a.isConnected);
    pending.clear();
    for (let i = 0; i < anchors.length; i += BATCH) answerLinks(anchors.slice(i, i + BATCH));
  }

  /** @typedef {[HTMLAnchorElement, KolTrustBadgeView, KolTrustAccount]} Draw a link, its badge and account */

  /** Asks the core about `anchors` (one message, hrefs deduplicated) and queues the badges to draw. A worker that
   * has just started answers registered accounts before it has read the look-alike keys: the links it lists in
   * `recheck` (drawn for now as unregistered ones) are asked again at once with `final`, which waits for them.
   * @param {HTMLAnchorElement[]} anchors @param {boolean} [final] */
  async function answerLinks(anchors, final = false) {
    if (anchors.length === 0) return;
    // One question per distinct link and shown name: the same profile may be shown under a KOL's name only once.
    const shown = anchors.map((a) => /** @type {[string, string | null]} */ ([a.href.slice(0, MAX_URL), shownName(a)]));
    const keyOf = (/** @type {string} */ href, /** @type {string | null} */ name) => `${href}\n${name ?? ''}`;
    /** @type {Map<string, number>} */
    const index = new Map();
    /** @type {string[]} */
    const hrefs = [];
    /** @type {(string | null)[]} */
    const names = [];
    for (const [href, name] of shown) {
      const key = keyOf(href, name);
      if (index.has(key)) continue;
      index.set(key, hrefs.length);
      hrefs.push(href);
      names.push(name);
    }
    // Drawing needs the palette too; it was asked for at boot and is answered before lookups.
    const [reply] = await Promise.all([
      KolTrust.worker.ask({ type: 'lookupLinks', hrefs, names, final }),
      KolTrust.ui.loadPalette(),
    ]);
    if (!reply) return;
    if (reply.recheck?.length && !final) {
      const again = new Set(reply.recheck);
      answerLinks(anchors.filter((_, k) => again.has(index.get(keyOf(...shown[k])) ?? -1)), true);
    }
    /** @type {Draw[]} */
    const toDraw = [];
    anchors.forEach((anchor, k) => {
      const [href, name] = shown[k];
      const answer = reply.answers[index.get(keyOf(href, name)) ?? -1];
      checked.set(anchor, anchor.href);
      // A look-alike by its shown name keeps that name: the card and the report are asked with it.
      if (answer) toDraw.push([anchor, answer.badge, accountOf(answer.platform, answer, answer.badge.state === 'lookalike' ? name : null)]);
      else {
        forgetPlace(anchor); // no longer waiting to be drawn either
        removeLinkBadge(anchor);
      }
    });
    // What the person can see first: an IntersectionObserver reports which links are on screen after the browser's
    // own layout, so sorting them never forces a synchronous layout of a long page.
    for (const [anchor, view, account] of toDraw) {
      awaitingPlace.set(anchor, [view, account]);
      placer.observe(anchor);
    }
  }

  /** anchor → the badge view waiting to be drawn (the latest answer's, when a link is asked again meanwhile).
   * @type {Map<Element, [KolTrustBadgeView, KolTrustAccount]>} */
  const awaitingPlace = new Map();
  /** Anchors queued to be drawn in idle time, still watched by the placer: one that scrolls into view moves to the
   * on-screen queue. @type {Set<Element>} */
  const queuedLater = new Set();
  const placer = new IntersectionObserver((entries) => {
    /** @type {HTMLAnchorElement[]} */
    const visible = [];
    /** @type {HTMLAnchorElement[]} */
    const later = [];
    for (const e of entries) {
      const anchor = /** @type {HTMLAnchorElement} */ (e.target);
      if (!awaitingPlace.has(anchor)) placer.unobserve(anchor);
      else if (e.isIntersecting) {
        placer.unobserve(anchor);
        visible.push(anchor);
      } else if (!queuedLater.has(anchor)) {
        queuedLater.add(anchor);
        later.push(anchor);
      }
    }
    enqueueDraws(visible, later);
  });

  /** @param {Element} anchor */
  function forgetPlace(anchor) {
    awaitingPlace.delete(anchor);
    queuedLater.delete(anchor);
    placer.unobserve(anchor);
  }

  // Drawing is time-sliced: a long feed's badges are drawn a few milliseconds at a time, so the page never has a
  // long task because of us (budget: no main-thread task over 50 ms). What is on screen is drawn slice after slice,
  // a slice per frame; what is off screen waits for the page's idle time, behind the page's own idle callbacks — a
  // feed's thousands of links would otherwise keep every frame busy for seconds, and the page's idle work waiting
  // that long (docs/performance.md, "First badge") — or for OFFSCREEN_WAIT_MS when the page is never idle, unless it
  // scrolls into view first.
  /** @type {HTMLAnchorElement[]} */
  let visibleQueue = [];
  /** @type {HTMLAnchorElement[]} */
  let laterQueue = [];
  let visibleScheduled = false;
  let laterScheduled = false;
  /** Longest an off-screen badge waits for an idle period before a slice is drawn anyway. */
  const OFFSCREEN_WAIT_MS = 200;

  /** @param {HTMLAnchorElement[]} first on screen @param {HTMLAnchorElement[]} rest off screen */
  function enqueueDraws(first, rest) {
    if (first.length) {
      visibleQueue = [...first, ...visibleQueue];
      if (!visibleScheduled) {
        visibleScheduled = true;
        setTimeout(drainVisible, 0);
      }
    }
    if (rest.length) {
      laterQueue.push(...rest);
      scheduleLater();
    }
  }

  function drainVisible() {
    visibleQueue = drawSlice(visibleQueue, SLICE_MS);
    // Let the browser render between slices (a frame, or a timer when frames are throttled).
    if (visibleQueue.length) KolTrust.floating.nextSlice(drainVisible);
    else visibleScheduled = false;
  }

  function scheduleLater() {
    if (laterScheduled) return;
    laterScheduled = true;
    requestIdleCallback(drainLater, { timeout: OFFSCREEN_WAIT_MS });
  }

  /** @param {IdleDeadline} deadline */
  function drainLater(deadline) {
    laterScheduled = false;
    // In an idle period, the time it leaves; past the wait, one ordinary slice.
    const budget = deadline.didTimeout ? SLICE_MS : Math.min(SLICE_MS, deadline.timeRemaining());
    laterQueue = drawSlice(laterQueue, budget);
    if (laterQueue.length) scheduleLater();
  }

  /** Draws from the front of `queue` for at most `budgetMs` and DRAWS_PER_SLICE badges; returns what is left. A link
   * drawn already (from the other queue, or listed twice: asked again before it was drawn), gone from the page or
   * changed since its answer is skipped.
   * @param {HTMLAnchorElement[]} queue @param {number} budgetMs */
  function drawSlice(queue, budgetMs) {
    const start = performance.now();
    // Both bounds matter: script time per slice, and how many hosts the browser must then style and lay out.
    const last = Math.min(queue.length, DRAWS_PER_SLICE);
    /** @type {Draw[]} */
    const slice = [];
    /** @type {Set<HTMLAnchorElement>} */
    const taken = new Set();
    for (const anchor of queue.slice(0, last)) {
      const waiting = awaitingPlace.get(anchor);
      if (!waiting || taken.has(anchor)) continue;
      taken.add(anchor);
      if (anchor.isConnected && checked.get(anchor) === anchor.href) slice.push([anchor, ...waiting]);
      else forgetPlace(anchor); // gone from the page, or asked again for another href
    }
    // Reads for the whole slice first (computed styles: one style pass), then the writes.
    const outOfFlow = slice.map(([anchor]) => KolTrust.placement.takesRoom(anchor));
    let i = 0;
    for (; i < slice.length && (i === 0 || performance.now() - start < budgetMs); i++) {
      forgetPlace(slice[i][0]);
      drawLinkBadge(...slice[i], outOfFlow[i]);
    }
    // Out of time mid-slice: the rest of it is drawn at the next slice.
    return i === slice.length ? queue.slice(last) : queue.slice(queue.indexOf(slice[i][0]));
  }

  // ---- the page's own profile ---------------------------------------------------------------------------------

  /** @param {unknown} s */
  const cap = (s) => (typeof s === 'string' && s ? s.slice(0, MAX_URL) : null);

  /** What the page says about itself: its URL, canonical link, og:url, app links, structured data, stable ids.
   * @returns {KolTrustPageSignals} */
  function readSignals() {
    /** @param {string} sel */
    const metas = (sel) =>
      [...document.querySelectorAll(sel)].map((m) => cap(m.getAttribute('content'))).filter((u) => u !== null).slice(0, MAX_URLS);
    return {
      location: cap(location.href) ?? '',
      canonical: cap(/** @type {HTMLLinkElement | null} */ (document.querySelector('link[rel="canonical"]'))?.href),
      ogUrl: cap(document.querySelector('meta[property="og:url"]')?.getAttribute('content')),
      alUrls: metas('meta[property^="al:"][property$=":url"]'),
      jsonLdUrls: structuredDataUrls(),
      ownerUrls: site.owner
        ? [...document.querySelectorAll(site.owner.links.join(','))]
            .filter((a) => a instanceof HTMLAnchorElement)
            .map((a) => cap(/** @type {HTMLAnchorElement} */ (a).href))
            .filter((u) => u !== null)
            .slice(0, MAX_URLS)
        : [],
      stableIds: site.stableIds(document, { initial: location.href === initialHref })
        .slice(0, MAX_URLS)
        .map((s) => ({ kind: s.kind, value: cap(s.value) ?? '', handle: cap(s.handle) ?? undefined })),
      displayName: pageName() ?? undefined,
    };
  }

  /** The name the profile's page shows for its owner, where the site shows one. */
  function pageName() {
    const el = site.names.page.length ? document.querySelector(site.names.page.join(',')) : null;
    const text = el?.textContent?.replace(/\s+/g, ' ').trim();
    return text && text.length <= MAX_NAME ? text : null;
  }

  /** `url`, `@id` and `sameAs` of JSON-LD entities and their author / main entity, and microdata author links. */
  function structuredDataUrls() {
    /** @type {string[]} */
    const out = [];
    /** @param {unknown} v */
    const take = (v) => {
      for (const u of Array.isArray(v) ? v : [v]) {
        // Empty strings are skipped: the worker takes only strings here, and one null would fail the whole page.
        const url = cap(u);
        if (url && out.length < MAX_URLS) out.push(url);
      }
    };
    /** @param {any} node @param {number} depth @returns {void} */
    const visit = (node, depth) => {
      if (!node || typeof node !== 'object' || depth > 2 || out.length >= MAX_URLS) return;
      if (Array.isArray(node)) return node.slice(0, MAX_URLS).forEach((n) => visit(n, depth));
      take(node.url);
      take(node['@id']);
      take(node.sameAs);
      visit(node.author, depth + 1);
      visit(node.mainEntity, depth + 1);
    };
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      const text = script.textContent ?? '';
      if (text.length > 200_000) continue; // hostile or huge: not worth parsing
      try {
        visit(JSON.parse(text), 0);
      } catch {
        // malformed structured data is the page's problem, not ours
      }
    }
    for (const link of document.querySelectorAll('[itemprop="author"] link[itemprop="url"]')) take(/** @type {HTMLLinkElement} */ (link).href);
    return out;
  }

  async function checkPage() {
    const signals = readSignals();
    const key = JSON.stringify(signals);
    if (key === lastSignalsKey) return;
    lastSignalsKey = key;
    // A new page (SPA navigation): the previous page's header badge must not reappear in the new header while the
    // worker answers.
    setHeader(null);
    const [reply] = await Promise.all([KolTrust.worker.ask({ type: 'lookupPage', signals }), KolTrust.ui.loadPalette()]);
    if (!reply || key !== lastSignalsKey) return; // a newer navigation overtook this answer
    const { main, badge, account, prominent } = reply;
    if (!main || !badge || !account) return setHeader(null);
    /** @type {Spot[]} */
    const spots = [];
    /** @param {Spot['spot']} spot @param {string[] | undefined} selectors */
    const add = (spot, selectors) => selectors?.length && spots.push({ spot, selectors, host: null, element: null });
    if (main.kind === 'profile') add('header', site.header);
    else {
      add('owner', site.owner?.name);
      if (prominent) add('title', site.owner?.title);
    }
    setHeader(badge, accountOf(main.platform, account, badge.state === 'lookalike' ? signals.displayName : null), spots);
  }

  /** @param {KolTrustBadgeView | null} view @param {KolTrustAccount | null} [account] @param {Spot[]} [spots] */
  function setHeader(view, account = null, spots = []) {
    for (const s of header.spots) s.host?.remove();
    header = { answer: view, account, spots };
    ensureHeader();
  }

  /** Draws the page's badge at each of its spots once the site has rendered it, and again after a re-render. */
  function ensureHeader() {
    if (!header.answer || !header.account) return;
    for (const spot of header.spots) {
      if (spot.host?.isConnected && spot.element?.isConnected) continue;
      const element = spot.selectors.map((sel) => document.querySelector(sel)).find(Boolean);
      if (!element) continue;
      spot.host?.remove();
      const size = spot.spot === 'header' ? 'header' : 'link';
      const { host, render: draw } = createBadge('header', KolTrust.placement.takesRoom(null, element), size);
      host.setAttribute('spot', spot.spot);
      accounts.set(host, header.account);
      element.append(host);
      draw(header.answer, element);
      spot.host = host;
      spot.element = element;
    }
  }

  // ---- plumbing ------------------------------------------------------------------------------------------------

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // The page's first batch goes out at once, in the next task, with the links found so far: the worker may have
    // to cold-start to answer it, and a frame on a heavy page can be long in coming (docs/performance.md, "First
    // badge"). Then one batch per frame. rAF does not run in hidden tabs, so a one-shot timer also triggers it.
    if (!firstBatchSent) {
      firstBatchSent = true;
      setTimeout(flush, 0);
      return;
    }
    const timer = setTimeout(flush, 200);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      flush();
    });
  }

  function flush() {
    if (!scheduled) return;
    scheduled = false;
    flushLinks();
    checkPage();
    ensureHeader();
  }

  /** Follows the page: links and the page's own profile, through mutations, SPA navigation and option changes
   * (main.js, at boot). */
  function start() {
    site = KolTrust.sites.forHost(location.hostname);
    new MutationObserver((records) => {
      let touched = false;
      for (const r of records) {
        if (r.type === 'attributes') {
          if (r.target instanceof Element && r.target.matches('a[href]')) consider(/** @type {HTMLAnchorElement} */ (r.target));
          touched = true; // a canonical link or og:url meta changed: the route changed
        } else {
          for (const n of r.addedNodes) collect(n);
          for (const n of r.removedNodes) if (n instanceof Element && n.localName === 'kol-trust-badge') restoreRemoved(n);
          touched ||= r.removedNodes.length > 0 || (r.target instanceof Element && r.target.closest('head') != null);
        }
      }
      // SPA navigation and framework re-renders show up as mutations: re-check the page and the header badge.
      if (touched || (header.answer && header.spots.some((s) => !s.host?.isConnected))) schedule();
    }).observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href', 'content'],
    });
    window.addEventListener('popstate', schedule);

    // A changed option (language, unknown-profile marks, secret mark) re-answers everything on the page.
    chrome.storage.onChanged.addListener((changes, area) => {
      // Private notes (card.js) and vetting mode change no badge.
      if (area !== 'local' || Object.keys(changes).every((k) => k.startsWith('note:') || k === 'vetting')) return;
      if (changes.secretMark) KolTrust.ui.setSecretMark(changes.secretMark.newValue);
      checked = new WeakMap();
      lastSignalsKey = '';
      collect(document.documentElement);
      schedule();
    });

    // The secret mark is known before the first badge is drawn.
    chrome.storage.local.get('secretMark').then(({ secretMark }) => {
      KolTrust.ui.setSecretMark(secretMark);
      collect(document.documentElement);
      schedule();
    });
  }

  // `pageSignals`: for a report about the page itself (popup, context menu: report.js).
  KolTrust.badges = { start, pageSignals: readSignals };
})();
