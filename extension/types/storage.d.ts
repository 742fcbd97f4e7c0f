// What the extension keeps in chrome.storage.local (the person's options, written by options.js, read by the worker
// and the content scripts) — declared once, like the messages.

export interface StoredOptions {
  /** 'auto' (the browser's language), 'vi' or 'en'. */
  lang?: string;
  showUnknown?: boolean;
  only?: 'all' | 'sanctioned' | 'certified';
  vetting?: boolean;
  /** Up to four characters shown on genuine badges. */
  secretMark?: string;
  /** The Alliance server the person chose ('' = the build's default). */
  serverUrl?: string;
  /** The installation's opaque token for reports (worker/outbox.js). */
  clientId?: string;
}
