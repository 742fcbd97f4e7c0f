// The messages between the extension's content scripts, its pages (popup, options) and the service worker, declared
// once. The worker's handlers (background.js `handlers`, worker/report.js `handlers`) answer every request below;
// background.js wraps each answer as `{ok: true, ...answer}`, or `{ok: false, error}` when the handler threw.
// The shapes of the core's views (badge, card, popup, report draft…) are the Rust structs serialized by
// `serde_wasm_bindgen` (`wasm/src/`): the fields the JavaScript reads are spelled out, the rest stays open.
//
// Use from a checked JS file: `/** @typedef {import('./types/messages').WorkerRequest} WorkerRequest */`, or
// `import('…/types/messages').Reply<'tabStatus'>` for one answer.

// ---------------------------------------------------------------------------------------------------------------
// Shapes of the core shared by several messages

/** A badge state code: `sanctioned` | `lookalike` | `certified` | `expired` | `registered` (core `TrustState`). */
export type BadgeState = string;

/** Everything a surface needs to draw one badge (core `badge::BadgeView`); strings are shown as text only. */
export interface BadgeView {
  state: BadgeState;
  icon: string;
  label: string;
  /** Longer text for the tooltip and the accessible name. */
  title: string;
  /** Fictional sample data: the badge then carries `tag` ("MẪU" / "SAMPLE"). */
  demo: boolean;
  tag: string | null;
}

/** The account a URL names (core `recognize::AccountRef`). */
export interface AccountRef {
  id_type: string;
  account_id: string;
}

/** One account of one platform: what a badge answer names and a card request asks for. */
export interface AccountKey extends AccountRef {
  platform: string;
  /** The name shown with the account where it made the account a look-alike (asked again for its card and report). */
  name?: string;
}

/** A stable id a page states for its account (`stableIds` of the page signals). */
export interface StableIdSignal {
  kind: 'fb_numeric_id' | 'yt_channel_id' | 'x_user_id';
  value: string;
  handle?: string;
}

/** What a content script reads from the page (core `recognize::page::PageSignals`, read by `wasm/src/extension/signals.rs`). */
export interface PageSignals {
  location: string;
  canonical?: string | null;
  ogUrl?: string | null;
  alUrls?: string[];
  jsonLdUrls?: string[];
  /** Links in the site's owner block of a content page (author, channel, seller, live host). */
  ownerUrls?: string[];
  stableIds?: StableIdSignal[];
  /** The name the profile's page shows for its owner. */
  displayName?: string;
}

/** The badge answer for one link (core `lookup::LinkAnswer`). */
export interface LinkAnswer extends AccountKey {
  /** `profile` | `content` | `not_profile`. */
  kind: string;
  badge: BadgeView;
}

/** The page's main profile (core `recognize::page::MainProfile`, camelCase). */
export interface MainProfile {
  platform: string;
  kind: string;
  accounts: AccountRef[];
  xUserId: string | null;
}

/** The page question's answer (core `lookup::PageAnswer`). */
export interface PageAnswer {
  main: MainProfile | null;
  badge: BadgeView | null;
  /** The account whose badge is shown (the detail card is asked for it). */
  account: AccountRef | null;
  /** Content of an account under a sanction in effect: the badge is shown at the page's title too. */
  prominent: boolean;
}

/** The opened snapshot's freshness (core `registry::card::Freshness`). */
export interface Freshness {
  sequence: number;
  issued_unix: number;
  expires_unix: number;
  stale: boolean;
}

/** Which registry the worker answers from (worker/registry.js `registryStatus`). */
export interface RegistryStatus {
  source: 'bundled' | 'updated';
  lastCheck: number | null;
  lastError: string | null;
  coldStartMs: number | null;
  /** The core's WebAssembly linear memory, in bytes (grown, not necessarily resident). */
  wasmMemoryBytes: number | null;
  /** When each step of the worker's start ended (ms from its start) and what its first answer read. */
  startPhases: Record<string, number>;
  sequence: number | null;
  freshness: Freshness | null;
}

/** The extension's two WebAssembly modules in this worker (background.js `modules`): the first answers badges
 * and is instantiated at start; the second (worker/lazy.js) on the first message that needs it. */
export interface ModuleStates {
  first: 'loading' | 'ready';
  second: 'unloaded' | 'loading' | 'ready';
  /** How long instantiating the second module took (ms), once it has. */
  secondLoadMs: number | null;
  /** The second module's linear memory in bytes, once instantiated (the first's is `RegistryStatus.wasmMemoryBytes`). */
  secondMemoryBytes: number | null;
}

/** A core view whose fields the extension's checked files do not read one by one. */
export type CoreView = { [field: string]: any };

/** The detail card of one account (core `registry::card::CardView`). */
export interface CardView extends CoreView {
  registry_id: string;
  name: string;
  state: BadgeState;
  icon: string;
  state_label: string;
}

/** The toolbar popup's view of a page (core `popup::PopupView`). */
export interface PopupView {
  lang: string;
  heading: string;
  subject: string | null;
  badge: BadgeView | null;
  message: string;
  demo_notice: string | null;
  registry_line: string;
  options_label: string;
  reports_heading: string;
  reports_empty: string;
}

/** One report in "My reports" (core `complaint::outbox::view`). */
export interface MyReportItem {
  id: string;
  platform: string;
  account_id: string;
  category: string;
  created_ms: number;
  /** The delivery state code (`queued`, `sending`, `delivered`, `refused`…). */
  delivery: string;
  delivery_label: string;
  reason: string | null;
  receipt: string | null;
  status: string | null;
  status_text: string | null;
  refreshed_ms: number | null;
  /** The Alliance's note to the reporter with the last status read (text). */
  reply: string | null;
}

/** "My reports" (core `complaint::outbox::view`). */
export interface MyReportsView {
  heading: string;
  /** What it says while this browser has sent none. */
  empty: string | null;
  refresh_label: string;
  created_label: string;
  receipt_label: string;
  status_label: string;
  refreshed_label: string;
  reply_label: string;
  items: MyReportItem[];
}

/** What the report dialog saw: `{account?, profileUrl?, postUrl?, pageUrl, text?, links?, signals?}`
 * (core `complaint::draft::ReportContext`, read by `wasm/src/extension/report.rs`). */
export interface ReportContext {
  account?: AccountKey | null;
  profileUrl?: string | null;
  postUrl?: string | null;
  pageUrl?: string;
  text?: string;
  links?: string[];
  signals?: PageSignals | null;
  /** The name shown with the account (a look-alike by its shown name). */
  displayName?: string | null;
}

/** The person's edits in the report dialog (core `complaint::draft::preview::ReportEdits`). */
export interface ReportEdits {
  id?: string;
  created?: number;
  category?: string;
  note?: string;
  screenshot?: string | null;
  contact?: string;
  consent?: boolean;
}

/** The dialog's model (core `complaint::draft::ReportDraft`). */
export interface ReportDraft extends CoreView {
  lang: string;
  category: string;
  categories: { value: string; label: string; suggested: boolean }[];
}

/** A rule the report breaks, on one field (core `PreviewError`, also the outbox's refusal). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The wire JSON of `koltrust::complaint::ComplaintSubmission` (`id` a client-made UUID). */
export type ComplaintSubmission = CoreView & { id: string };

/** What will be sent, and the exact submission when every rule passes (core `ReportPreview`). */
export interface ReportPreview {
  items: { label: string; value: string }[];
  errors: FieldError[];
  submission: ComplaintSubmission | null;
}

/** A feed post as the content script read it, for `detectPosts`. */
export interface PostText {
  text: string;
  links: string[];
}

/** A post's Report button, or none (core `complaint::draft::posts::post_flag`). */
export type PostFlag = { label: string; title: string } | null;

// ---------------------------------------------------------------------------------------------------------------
// Content scripts and extension pages → the service worker

/** Every request the worker answers: its fields besides `type`, and its answer (without `ok`). */
export interface WorkerMessages {
  /** The state colours as CSS custom properties, for the content scripts' shadow roots. */
  palette: { request: {}; answer: { css: string } };
  /** Pages only: which registry answers, and which WebAssembly modules the worker has instantiated. */
  registryStatus: {
    request: {};
    /** `browser`: the family the extension runs in (browser.js), for diagnostics. */
    answer: { status: RegistryStatus; modules: ModuleStates; browser: 'firefox' | 'chromium' };
  };
  /** Pages only: "Update now". */
  updateNow: { request: {}; answer: { status: RegistryStatus } };
  /** A batch of link hrefs → a badge answer or null per href. `recheck` (indices) lists links answered for now as
   * unregistered whose look-alike check waits for the name index: the content script asks them again with
   * `final: true`, which waits for it. */
  lookupLinks: {
    request: { hrefs: string[]; names?: (string | null)[]; final?: boolean };
    answer: { answers: (LinkAnswer | null)[]; recheck?: number[] };
  };
  /** The page's signals → whose page this is and their badge. */
  lookupPage: { request: { signals: PageSignals }; answer: PageAnswer };
  /** A badge was opened: the detail card of that account. */
  card: { request: AccountKey; answer: { card: CardView | null } };
  /** The report dialog's model for what the content script saw. */
  reportDraft: { request: { context: ReportContext }; answer: { draft: ReportDraft } };
  /** The list of what will be sent and the exact submission. */
  reportPreview: { request: { context: ReportContext; edits?: ReportEdits }; answer: { preview: ReportPreview } };
  /** A feed's posts → a Report button or null per post. */
  detectPosts: { request: { posts: PostText[] }; answer: { flags: PostFlag[] } };
  /** The visible tab of the dialog that asked, as a JPEG `data:` URL. */
  captureScreenshot: { request: {}; answer: { screenshot: string } };
  /** Pages only: the popup's "Report this page" (the worker sends `openReport` to the tab). */
  reportTab: { request: { tabId: number }; answer: {} };
  /** The report dialog's submit (contract in worker/outbox.js); a refusal by the core's rules is an answer with
   * `ok: false` and `errors` (see `SubmitRefused`). */
  submitReport: { request: { complaint: ComplaintSubmission }; answer: SubmitAccepted | SubmitRefused };
  /** Pages only: "My reports"; `refresh` reads stale statuses, `force` every open one. */
  myReports: { request: { refresh?: boolean; force?: boolean }; answer: { view: MyReportsView } };
  /** Pages only: the popup's question about a tab. */
  tabStatus: { request: { tabId: number; url: string }; answer: { view: PopupView } };
}

export type WorkerMessageType = keyof WorkerMessages;

/** One request of type `K`. */
export type Request<K extends WorkerMessageType> = { type: K } & WorkerMessages[K]['request'];

/** Any request the worker answers: one discriminated union keyed by `type`. */
export type WorkerRequest = { [K in WorkerMessageType]: Request<K> }[WorkerMessageType];

/** The answer a handler of `K` resolves with (before the `ok` wrapping). */
export type Answer<K extends WorkerMessageType> = WorkerMessages[K]['answer'];

/** `submitReport` accepted: stored in the outbox, and delivered if the first attempt came back in time (`state` is
 * 'refused' when the server refused for good what the core let through). */
export interface SubmitAccepted {
  ok: true;
  id: string;
  state: 'queued' | 'delivered' | 'refused';
  receipt?: string;
}

/** `submitReport` refused by the core's rules: the handler's own `ok: false` survives background.js's wrapping. */
export interface SubmitRefused {
  ok: false;
  errors: FieldError[];
}

/** The worker did not answer: the handler threw, or (content/messaging.js) the extension was reloaded or nothing
 * answered. */
export interface Failure {
  ok: false;
  error: string;
}

/** What the sender of a request of type `K` receives. */
export type Reply<K extends WorkerMessageType> =
  | (K extends 'submitReport' ? Answer<K> : { ok: true } & Answer<K>)
  | Failure;

/** The handler table of the worker: each handler gets its request and the sender, and resolves with its answer. */
export type Handlers = {
  [K in WorkerMessageType]: (msg: Request<K>, sender: chrome.runtime.MessageSender) => Promise<Answer<K>>;
};

/** Requests only the extension's own pages may make (not content scripts, which live in web pages). */
export type PageOnlyType = 'registryStatus' | 'updateNow' | 'reportTab' | 'myReports';

// ---------------------------------------------------------------------------------------------------------------
// The service worker → a tab's content scripts

/** Open the report dialog over the page (the context menu, the popup's "Report this page"); no answer. */
export interface OpenReportMessage {
  type: 'openReport';
  context: { profileUrl?: string };
}

/** Every message the worker sends to tabs. */
export type TabMessage = OpenReportMessage;

// ---------------------------------------------------------------------------------------------------------------
// chrome.runtime.sendMessage with a request of this file resolves with its reply type. (A message that is not a
// `WorkerRequest` still matches @types/chrome's own `any` overloads: callers state `@satisfies {WorkerRequest}` on
// what they send, so a wrong request is an error too.)

declare global {
  namespace chrome.runtime {
    function sendMessage<T extends WorkerRequest>(message: T): Promise<Reply<T['type']>>;
  }
}
