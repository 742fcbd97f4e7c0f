// Types for the content scripts' `// @ts-check` (tsc --noEmit, no output): the shape of the shared `KolTrust`
// namespace — one part per file, in manifest order — the DOM builder's arguments, and the minimum of the `chrome`
// API the content scripts use (the repository has no @types/chrome). The worker's answers are typed here only as
// far as the content scripts read them; extension/types/messages.d.ts is the reference for the messages.

/** `globalThis.KolTrust`: created by namespace.js, one part added by each later file, started by main.js. */
interface KolTrustNamespace {
  /** messaging.js */
  worker: {
    send(message: KolTrustRequest): Promise<KolTrustReply>;
    ask(message: KolTrustRequest): Promise<KolTrustReply | null>;
  };
  /** dom.js */
  dom: {
    h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: KolTrustAttrs | null, ...children: KolTrustChild[]): HTMLElementTagNameMap[K];
    append(parent: ParentNode, children: KolTrustChild[]): void;
    icon(paths: readonly string[], size?: number): SVGSVGElement;
    listen(target: EventTarget, type: string, fn: (e: any) => void, options?: AddEventListenerOptions | boolean): () => void;
  };
  /** ui.js */
  ui: {
    mount(tag: string, kind: KolTrustHostKind, sheets: CSSStyleSheet[]): { host: HTMLElement; shadow: ShadowRoot };
    lazySheet(css: string): () => CSSStyleSheet;
    loadPalette(): Promise<void>;
    stateIcon(state: string, glyph: string): HTMLSpanElement;
    secretMark(): string;
    setSecretMark(value: unknown): void;
  };
  /** sites.js */
  sites: { forHost(hostname: string): KolTrustSite };
  /** placement.js */
  placement: {
    plan<T extends KolTrustPlaceItem>(items: T[]): KolTrustPlacement<T>[];
    takesRoom(anchor: Element | null, container?: Element | null): boolean;
  };
  /** floating.js */
  floating: {
    sheet(): CSSStyleSheet;
    attach(host: Element, anchor: Element, float: HTMLElement, kind: string, key?: string): void;
    forget(host: Element | undefined): void;
    nextSlice(fn: () => void): void;
    start(): void;
  };
  /** card.js */
  card: {
    open(opened: { host: Element; badge: HTMLElement; account: KolTrustAccount }): Promise<void>;
    close(returnFocus?: boolean): void;
  };
  /** report.js */
  report: {
    open(context: KolTrustReportContext, opener?: Element | null): Promise<void>;
    close(returnFocus?: boolean): void;
    postContext(post: Element, posts: KolTrustPostSelectors): KolTrustReportContext;
    start(): void;
    isOpen(): boolean;
  };
  /** posts.js */
  posts: { start(): void };
  /** badges.js */
  badges: { start(): void; pageSignals(): KolTrustPageSignals };
}

declare var KolTrust: KolTrustNamespace;

// ---- the DOM builder ------------------------------------------------------------------------------------------

type KolTrustAttrs = { [key: string]: unknown };
type KolTrustChild = Node | string | null | undefined | false | KolTrustChild[];
/** ui.js `mount`: a floating host (in or out of the flow), the card's popover, the report dialog's modal. */
type KolTrustHostKind = 'float' | 'float-out' | 'popover' | 'modal';

// ---- sites and placement --------------------------------------------------------------------------------------

interface KolTrustStableId { kind: string; value: string; handle?: string | null }
interface KolTrustPostSelectors { item: string; text: string[]; author: string[]; permalink: string[]; place: string[] }
interface KolTrustSite {
  header: string[];
  stableIds(doc: Document, when: { initial: boolean }): KolTrustStableId[];
  posts: KolTrustPostSelectors | null;
}
interface KolTrustBox { left: number; right: number; top: number; bottom: number }
interface KolTrustSize { width: number; height: number }
interface KolTrustPlaceItem { host: Element; anchor: Element; key: string; fullSize: KolTrustSize; compactSize: KolTrustSize }
interface KolTrustPlacement<T> { item: T; mode: 'full' | 'compact' | 'merged'; scale: number; left: number; top: number }

// ---- what the content scripts send and read -------------------------------------------------------------------

interface KolTrustRequest { type: string; [key: string]: unknown }
/** `{ ok: true, …answer }` or `{ ok: false, error }` (messaging.js makes every failure the latter). */
interface KolTrustReply { ok: boolean; error?: string; [key: string]: any }

interface KolTrustAccount { platform: string; id_type: string; account_id: string }
/** A badge as the core words it (`badge::BadgeView`). */
interface KolTrustBadgeView { state: string; icon: string; label: string; title: string; tag?: string | null }
interface KolTrustLinkAnswer { platform: string; id_type: string; account_id: string; badge: KolTrustBadgeView }
interface KolTrustPageSignals {
  location: string;
  canonical: string | null;
  ogUrl: string | null;
  alUrls: string[];
  jsonLdUrls: (string | null)[];
  stableIds: { kind: string; value: string; handle: string | null }[];
}
/** A post the core flags as promotional: the Report button's words. */
interface KolTrustPostFlag { label: string; title: string }

/** The detail card (`cards::DetailCard`). */
interface KolTrustCardView {
  lang: string;
  kind: string;
  subject: string;
  state: string;
  icon: string;
  state_label: string;
  record: KolTrustCardRecord | null;
  imitated: { name: string; registry_id: string; account_id: string; state: string; icon: string; state_label: string } | null;
  message: string | null;
  notice: string | null;
  complaints_line: string | null;
  freshness: { label: string; stale: boolean };
  vetting: { text: string; csv: string; json: string; file_base: string } | null;
  labels: Record<string, string>;
}
interface KolTrustCardRecord {
  name: string;
  registry_id: string;
  aliases: string[];
  categories: string[];
  updated: string;
  accounts: { platform_name: string; account_id: string; id_type: string }[];
  certification: { level_label: string; score: number; number: string; valid: boolean; validity_label: string } | null;
  active_sanctions: KolTrustSanctionView[];
  upcoming_sanctions: KolTrustSanctionView[];
  past_sanctions: KolTrustSanctionView[];
}
interface KolTrustSanctionView {
  kind_label: string;
  reason_label: string;
  summary: string | null;
  authority: string;
  decision: string;
  issued: string;
  period_label: string;
  fine_label: string | null;
  source_url: string;
}

/** What the page showed, for a report (`complaint::draft::ReportContext`). */
interface KolTrustReportContext {
  profileUrl?: string;
  postUrl?: string;
  pageUrl?: string;
  text?: string;
  links?: string[];
  account?: KolTrustAccount;
  signals?: KolTrustPageSignals;
}
/** The report dialog's draft (`complaint::draft`). */
interface KolTrustDraft {
  lang: string;
  labels: Record<string, string>;
  profile: { name: string | null; subject: string; state: string; state_label: string } | null;
  link: string | null;
  excerpt: string | null;
  promotion: { summary: string; cues: { label: string; text: string }[] };
  categories: { value: string; label: string; suggested: boolean }[];
  category: string;
}
/** Exactly what will be sent, and what keeps it from being sent. */
interface KolTrustPreview {
  items: { label: string; value: string }[];
  errors: { message: string }[];
  submission?: unknown;
}

// ---- the part of the chrome API the content scripts use -------------------------------------------------------

declare namespace chrome {
  namespace runtime {
    const id: string;
    function sendMessage(message: unknown): Promise<any>;
    const onMessage: {
      addListener(fn: (message: any, sender: { id?: string; url?: string }, sendResponse: (response?: unknown) => void) => boolean | void): void;
    };
  }
  namespace storage {
    interface StorageChange { oldValue?: any; newValue?: any }
    const local: {
      get(keys: string | string[]): Promise<{ [key: string]: any }>;
      set(items: { [key: string]: unknown }): Promise<void>;
    };
    const onChanged: {
      addListener(fn: (changes: { [key: string]: StorageChange }, area: string) => void): void;
    };
  }
}
