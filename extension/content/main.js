// @ts-check
// Boot (`KolTrust` is complete by now): the last content script in the manifest, so every part exists when this
// runs and no file has to start anything of its own at load. The palette is asked for first — one message, answered
// as soon as the worker's core is ready, which the lookups need anyway — so drawing, which awaits it, never waits
// longer than the lookups would.
(() => {
  'use strict';

  KolTrust.ui.loadPalette();
  KolTrust.floating.start();
  KolTrust.report.start();
  KolTrust.posts.start();
  KolTrust.badges.start();
})();
