// Per-site knowledge for the content script, kept to the minimum a DOM reader needs: where a site puts its profile
// header (to draw the page's main badge there) and which attributes carry stable ids next to handles. Everything
// else — which links are profiles, whose page this is, what status they have — is decided by the Rust core in the
// service worker. Selectors follow the sites' rendered markup (see shared/pages and tests/fixtures).
globalThis.KolTrustSites = (() => {
  'use strict';

  const SITES = [
    {
      hosts: /(^|\.)facebook\.com$/,
      header: ['div[role="main"] h1', 'h1'],
    },
    {
      hosts: /(^|\.)tiktok\.com$/,
      header: ['h1[data-e2e="user-title"]', '[data-e2e="user-title"]'],
    },
    {
      hosts: /(^|\.)youtube\.com$/,
      header: [
        'yt-page-header-view-model h1',
        'ytd-c4-tabbed-header-renderer #channel-name #text',
        '#channel-header #channel-name #text',
      ],
      stableIds(doc) {
        // Channel and watch pages state the channel id in microdata.
        const ids = [];
        for (const sel of ['meta[itemprop="identifier"]', 'meta[itemprop="channelId"]']) {
          const v = doc.querySelector(sel)?.getAttribute('content');
          if (v) ids.push({ kind: 'yt_channel_id', value: v });
        }
        return ids;
      },
    },
    {
      hosts: /(^|\.)instagram\.com$/,
      header: ['header section h2', 'header h2'],
    },
    {
      hosts: /(^|\.)(x|twitter)\.com$/,
      header: ['[data-testid="primaryColumn"] [data-testid="UserName"]', '[data-testid="UserName"]'],
    },
  ];

  const NONE = { header: [], stableIds: () => [] };

  function forHost(hostname) {
    const site = SITES.find((s) => s.hosts.test(hostname));
    return site ? { ...NONE, ...site } : NONE;
  }

  return { forHost };
})();
