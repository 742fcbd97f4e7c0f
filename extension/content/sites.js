// @ts-check
// Per-site knowledge (`KolTrust.sites`), kept to the minimum a DOM reader needs: where a site puts its profile
// header (to draw the page's main badge there), which attributes carry stable ids next to handles, and where a feed
// keeps its posts (`posts`: the post container, then lists of selectors tried in order for the post's text, its
// author link, its permalink, and where the Report button goes: at the end of the post's text, away from the names
// where badges float). Everything else — which links are profiles, whose page this is, what status they have — is
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
    },
    {
      hosts: /(^|\.)instagram\.com$/,
      header: ['header section h2', 'header h2'],
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
      posts: {
        item: 'article[data-testid="tweet"]',
        text: ['[data-testid="tweetText"]'],
        author: ['[data-testid="User-Name"] a[href]'],
        permalink: ['a[href*="/status/"]:has(time)', 'a[href*="/status/"]'],
        place: ['[data-testid="tweetText"]'],
      },
    },
  ];

  /** @type {KolTrustSite} */
  const NONE = { header: [], stableIds: () => [], posts: null };

  /** What we know of the site at `hostname` (nothing for a site we do not know: no header, no posts).
   * @param {string} hostname
   * @returns {KolTrustSite} */
  function forHost(hostname) {
    const site = SITES.find((s) => s.hosts.test(hostname));
    return site ? { ...NONE, ...site } : NONE;
  }

  KolTrust.sites = { forHost };
})();
