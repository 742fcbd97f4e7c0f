// Types for the content scripts' `// @ts-check` (`npx tsc -p .` at the root; namespace.js references this file): the
// shape of the shared `KolTrust` namespace — one part per file, in manifest order — and of what they draw from. The
// messages themselves are extension/types/messages.d.ts's; the card's and the report draft's fields, which that
// file leaves open, are spelled out here as far as card.js and report.js read them.

type KolTrustMessageType = import('../types/messages').WorkerMessageType;

/** `globalThis.KolTrust`: created by namespace.js, one part added by each later file, started by main.js. */
interface KolTrustNamespace {
  /** messaging.js */
  worker: {
    send<K extends KolTrustMessageType>(message: import('../types/messages').Request<K>): Promise<import('../types/messages').Reply<K>>;
    ask<K extends KolTrustMessageType>(message: import('../types/messages').Request<K>): Promise<Extract<import('../types/messages').Reply<K>, { ok: true }> | null>;
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

/** As messages.d.ts's `StableIdSignal`, with a handle that may be null (the worker reads null as none). */
interface KolTrustStableId { kind: import('../types/messages').StableIdSignal['kind']; value: string; handle?: string | null }
interface KolTrustPostSelectors { item: string; text: string[]; author: string[]; permalink: string[]; place: string[] }
/** Where a site names a content page's owner: links naming the owner (read as page signals), the element with the
 * owner's name (the page's badge is drawn there), and the page's title (the badge again when the page is prominent). */
interface KolTrustOwnerSelectors { links: string[]; name: string[]; title: string[] }
interface KolTrustSite {
  header: string[];
  stableIds(doc: Document, when: { initial: boolean }): KolTrustStableId[];
  posts: KolTrustPostSelectors | null;
  owner: KolTrustOwnerSelectors | null;
  /** Where the shown name is: inside a profile link (else the link's own text), and on the profile's page. */
  names: { link: string[]; page: string[] };
}
interface KolTrustBox { left: number; right: number; top: number; bottom: number }
interface KolTrustSize { width: number; height: number }
interface KolTrustPlaceItem { host: Element; anchor: Element; key: string; fullSize: KolTrustSize; compactSize: KolTrustSize }
interface KolTrustPlacement<T> { item: T; mode: 'full' | 'compact' | 'merged'; scale: number; left: number; top: number }

// ---- what the content scripts send and read -------------------------------------------------------------------

type KolTrustAccount = import('../types/messages').AccountKey;
type KolTrustBadgeView = import('../types/messages').BadgeView;
type KolTrustLinkAnswer = import('../types/messages').LinkAnswer;
type KolTrustPageSignals = import('../types/messages').PageSignals;
type KolTrustReportContext = import('../types/messages').ReportContext;
type KolTrustPreview = import('../types/messages').ReportPreview;
type KolTrustPostFlag = NonNullable<import('../types/messages').PostFlag>;

/** The detail card (`cards::DetailCard`). */
interface KolTrustCardView {
  lang: string;
  kind: string;
  subject: string;
  state: string;
  icon: string;
  state_label: string;
  record: KolTrustCardRecord | null;
  imitated: { name: string; registry_id: string; account_id: string; subject: string; why: string; state: string; icon: string; state_label: string } | null;
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

/** The report dialog's draft (`complaint::draft`). */
interface KolTrustDraft {
  /** Prefilled note (an impersonation report: whom the account imitates and how); empty otherwise. */
  note: string;
  lang: string;
  labels: Record<string, string>;
  profile: { name: string | null; subject: string; state: string; state_label: string } | null;
  link: string | null;
  /** "Phát trực tiếp của TikTok · …" when the report is about a live stream. */
  live?: string | null;
  excerpt: string | null;
  promotion: { summary: string; cues: { label: string; text: string }[] };
  categories: { value: string; label: string; suggested: boolean }[];
  category: string;
}
