// @ts-check
// Each main site's fixture page and exactly the badges it must get — the thin slice that skeleton.test.mjs checks in
// Chromium and firefox.test.mjs in Firefox.

/** Each site's fixture page and exactly the badges it must get: `[href, state]`, in document order; `header`: the
 * profile header's text and state.
 * @type {{ name: string, url: string, header?: [string, string], expected: [string, string][] }[]} */
export const SITES = [
  {
    name: 'tiktok',
    url: 'https://www.tiktok.com/@minh.beauty.demo',
    header: ['minh.beauty.demo', 'sanctioned'],
    expected: [
      ['https://www.tiktok.com/@bepnha.demo', 'certified'],
      ['https://www.tiktok.com/@minh.beauty.demo?lang=vi-VN&is_from_webapp=1', 'sanctioned'],
    ],
  },
  {
    name: 'facebook',
    url: 'https://www.facebook.com/',
    expected: [
      ['https://www.facebook.com/lan.review.demo?__cft__[0]=AZX1abc&__tn__=%3C%2CP-R', 'certified'],
      ['https://www.facebook.com/100000000000001?comment_id=Y29tbWVudDo1&__cft__[0]=AZX2', 'sanctioned'],
    ],
  },
  {
    name: 'youtube',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcA',
    expected: [
      ['https://www.youtube.com/@reviewcongnghe.demo', 'certified'],
      ['https://www.youtube.com/channel/UCdemo0000000000000000A1', 'expired'],
      ['https://www.youtube.com/@reviewcongnghe.demo', 'certified'],
    ],
  },
  {
    name: 'instagram',
    url: 'https://www.instagram.com/thutrang.style.demo/',
    header: ['thutrang.style.demo', 'expired'],
    expected: [
      ['https://www.instagram.com/thutrang.style.demo/followers/', 'expired'],
      ['https://www.instagram.com/thutrang.style.demo/following/', 'expired'],
      ['https://www.instagram.com/thutrang.style.demo/?igsh=MTc4bWR6&utm_source=qr', 'expired'],
    ],
  },
  {
    name: 'x',
    url: 'https://x.com/tuan_tech_demo/status/1850000000000000001',
    expected: [
      ['https://x.com/tuan_tech_demo', 'registered'],
      ['https://x.com/tuan_tech_demo', 'registered'],
      ['https://x.com/tuan_tech_demo', 'registered'],
    ],
  },
];
