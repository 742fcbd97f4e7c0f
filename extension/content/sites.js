// @ts-check
// Per-site knowledge (`KolTrust.sites`), kept to the minimum a DOM reader needs: where a site puts its profile
// header (to draw the page's main badge there), which attributes carry stable ids next to handles, and where a feed
// keeps its posts (`posts`: the post container, then lists of selectors tried in order for the post's text, its
// author link, its permalink, and where the Report button goes: at the end of the post's text, away from the names
// where badges float), and where a content page names its owner (`owner`: the links that name the owner, sent as
// page signals; the element showing the owner's name where it is no link, which gets the page's badge; the page's
// title, which gets it too when the core calls the page prominent), and where the name a profile shows is (`names`:
// inside a profile link, and on the profile's page; sent so the core can tell an account wearing a registered KOL's
// name). Everything else — which links are profiles, whose page this is, what status they have — is
// decided by the Rust core in the service worker. Selectors follow the sites' rendered markup (see shared/pages and
// tests/fixtures).
(() => {
  'use strict';

  /** The first match of `re` in the page's inline scripts, skipping huge ones. Only meaningful on the document as
   * the server sent it: after an SPA navigation, inline data still describes the first page (callers check).
   * @param {Document} doc
   * @param {RegExp} re */
  function inlineScriptMatch(doc, re) {
    for (const script of doc.scripts) {
      if (script.src) continue;
      const text = script.text;
      if (text.length > 3_000_000) continue;
      const m = re.exec(text);
      if (m) return m;
    }
    return null;
  }

  /** @type {(Partial<KolTrustSite> & { hosts: RegExp })[]} */
  const SITES = [
    {
      hosts: /(^|\.)facebook\.com$/,
      header: ['div[role="main"] h1', 'h1'],
      // Stories and /watch/live/?v= name no owner in the URL: the viewer's header links the owner.
      owner: {
        links: ['[data-pagelet="StoriesContentPane"] a[href][role="link"]', '[data-pagelet="WatchPermalinkVideo"] h2 a[href]'],
        name: [],
        title: ['[data-pagelet="WatchPermalinkVideo"] [data-ad-comet-preview="message"]'],
      },
      stableIds(doc, { initial }) {
        // Pages state their id in the server-rendered `CurrentPage` data (`pageID:"119240841493711"`).
        const m = initial && inlineScriptMatch(doc, /\bpageID"?\s*:\s*"(\d{5,20})"/);
        return m ? [{ kind: 'fb_numeric_id', value: m[1] }] : [];
      },
      // Feed posts carry aria-posinset (comments, also role="article", do not); the author's name link heads the
      // post and the timestamp link is its permalink.
      posts: {
        item: '[role="article"][aria-posinset]',
        text: ['[data-ad-preview="message"]', '[data-ad-comet-preview="message"]', 'div[dir="auto"]'],
        author: ['h4 a[href]', 'h3 a[href]', 'h2 a[href]'],
        permalink: ['a[href*="/posts/"]', 'a[href*="/permalink/"]', 'a[href*="story_fbid"]', 'a[href*="/videos/"]', 'a[href*="/reel/"]'],
        place: ['[data-ad-preview="message"]', '[data-ad-comet-preview="message"]', 'div[dir="auto"]'],
      },
    },
    {
      hosts: /(^|\.)tiktok\.com$/,
      header: ['h1[data-e2e="user-title"]', '[data-e2e="user-title"]'],
      // The profile header's title is the handle; the nickname is beside it. A feed's author link holds both.
      names: { link: ['[data-e2e$="nickname"]'], page: ['[data-e2e="user-subtitle"]', 'h2[data-e2e="user-subtitle"]'] },
      // Video and LIVE pages name their owner in the URL (`/@u/video/…`, `/@u/live`); the host's name there is a
      // link (its link badge), and the stream's title gets the badge of a sanctioned host.
      owner: {
        links: ['a:has(> [data-e2e="browse-username"])', 'a[data-e2e="live-host-name"]'],
        name: [],
        title: ['[data-e2e="live-title"]', '[data-e2e="browse-video-desc"]'],
      },
      posts: {
        item: '[data-e2e="recommend-list-item-container"]',
        text: ['[data-e2e="video-desc"]', '[data-e2e="browse-video-desc"]'],
        author: ['a[data-e2e="video-author-avatar"]', 'a:has([data-e2e="video-author-uniqueid"])', 'a[href*="/@"]'],
        permalink: ['a[href*="/video/"]', 'a[href*="/photo/"]'],
        place: ['[data-e2e="video-desc"]', '[data-e2e="browse-video-desc"]'],
      },
    },
    {
      hosts: /(^|\.)youtube\.com$/,
      header: [
        'yt-page-header-view-model h1',
        'ytd-c4-tabbed-header-renderer #channel-name #text',
        '#channel-header #channel-name #text',
      ],
      // A search result's channel link wraps its avatar, title and handle line: the name is the title.
      names: { link: ['#channel-title #text'], page: ['yt-page-header-view-model h1', '#channel-header #channel-name #text'] },
      stableIds(doc, { initial }) {
        // Channel and watch pages state the channel id in microdata; a channel page's initial data also states
        // its handle (`vanityChannelUrl`), which ties the two.
        /** @type {KolTrustStableId[]} */
        const ids = [];
        const vanity = initial && inlineScriptMatch(doc, /"vanityChannelUrl":"https?:\/\/(?:www\.)?youtube\.com\/(@[^"\\]{1,100})"/);
        const channel = doc.querySelector('meta[itemprop="identifier"]')?.getAttribute('content');
        if (channel) ids.push({ kind: 'yt_channel_id', value: channel, handle: vanity ? vanity[1] : null });
        const uploader = doc.querySelector('meta[itemprop="channelId"]')?.getAttribute('content');
        if (uploader) ids.push({ kind: 'yt_channel_id', value: uploader });
        return ids;
      },
      // Watch, live and shorts pages: the channel under the player (or beside the short). Its name is a link, so
      // it has its link badge; the title gets the badge of a sanctioned channel.
      owner: {
        links: ['ytd-video-owner-renderer a[href]', 'ytd-reel-player-overlay-renderer #channel-name a[href]', 'reel-channel-bar-view-model a[href]'],
        name: [],
        title: ['h1.ytd-watch-metadata', '#title h1'],
      },
    },
    {
      hosts: /(^|\.)instagram\.com$/,
      header: ['header section h2', 'header h2'],
      // The header's h2 is the username; the full name is the first span of the bio block.
      names: { link: [], page: ['header section > div span[dir="auto"]', 'header section span[dir="auto"]'] },
      // A post or reel page (`/p/<code>`) names no owner in its URL: its header links the author. (A feed's many
      // articles name many authors, and the core takes the owner block only when it names one account.)
      owner: { links: ['article header a[href]'], name: [], title: [] },
      posts: {
        item: 'article',
        text: ['h1', 'ul li span'],
        author: ['header a[href]'],
        permalink: ['a[href*="/p/"]', 'a[href*="/reel/"]'],
        place: ['h1', 'ul li span'],
      },
    },
    {
      hosts: /(^|\.)(x|twitter)\.com$/,
      header: ['[data-testid="primaryColumn"] [data-testid="UserName"]', '[data-testid="UserName"]'],
      // The name block holds the display name, then the @handle.
      names: { link: [], page: ['[data-testid="UserName"] span span', '[data-testid="UserName"] span'] },
      posts: {
        item: 'article[data-testid="tweet"]',
        text: ['[data-testid="tweetText"]'],
        author: ['[data-testid="User-Name"] a[href]'],
        permalink: ['a[href*="/status/"]:has(time)', 'a[href*="/status/"]'],
        place: ['[data-testid="tweetText"]'],
      },
    },
    {
      // Threads shares Instagram's usernames and much of its markup: no <article>, posts are pressable containers.
      hosts: /(^|\.)threads\.(net|com)$/,
      header: ['div[role="main"] h1', 'h1'],
      posts: {
        item: 'div[data-pressable-container="true"]',
        text: ['div[data-thread-text]', 'span[dir="auto"]'],
        author: ['a[href^="/@"]:not([href*="/post/"])'],
        permalink: ['a[href*="/post/"]:has(time)', 'a[href*="/post/"]'],
        place: ['div[data-thread-text]'],
      },
      owner: { links: ['div[data-pressable-container="true"] a[href^="/@"]:not([href*="/post/"])'], name: [], title: [] },
    },
    {
      // Shop pages: the shop's name in the seller overview. Product pages: the seller block under the briefing
      // (`section.page-product__shop`: an avatar link and a "Xem Shop" link to the shop, the name as plain text),
      // the product's name at the top of the briefing.
      hosts: /(^|\.)shopee\.vn$/,
      header: ['.section-seller-overview-horizontal__portrait-name', '.shop-page__info h1'],
      owner: {
        links: ['section.page-product__shop a[href]'],
        name: ['section.page-product__shop .fV3TIn', 'section.page-product__shop [data-shop-name]'],
        title: ['.product-briefing h1', '.product-briefing [data-product-title]'],
      },
    },
    {
      // Product pages name the seller only in the seller block (`.seller-name__detail`, a link to /shop/<slug>);
      // the URL carries item and SKU ids.
      hosts: /(^|\.)lazada\.vn$/,
      header: ['.shop-header .shop-name', '.shop-name'],
      owner: {
        links: ['.seller-name__detail a[href]', '.seller-name-v2__detail a[href]'],
        name: [],
        title: ['h1.pdp-mod-product-badge-title'],
      },
    },
    {
      // Official Account and personal pages at zalo.me/<id>: the name in the page's card.
      hosts: /^(oa\.)?zalo\.me$/,
      header: ['.oa-profile .oa-name', '.profile-card .name', 'h1'],
    },
  ];

  /** @type {KolTrustSite} */
  const NONE = { header: [], stableIds: () => [], posts: null, owner: null, names: { link: [], page: [] } };

  /** What we know of the site at `hostname` (nothing for a site we do not know: no header, no posts). Where a site
   * says nothing about names, a link's own text is the name shown beside it, and the profile header shows the name.
   * @param {string} hostname
   * @returns {KolTrustSite} */
  function forHost(hostname) {
    const site = SITES.find((s) => s.hosts.test(hostname));
    if (!site) return NONE;
    return { ...NONE, names: { link: [], page: site.header ?? [] }, ...site };
  }

  KolTrust.sites = { forHost };
})();
