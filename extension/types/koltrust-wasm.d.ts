// The exports of the core's WebAssembly build for the extension (`dist/extension/pkg/koltrust.js`, written by
// wasm-bindgen `--target web --no-typescript` at build time, so not in the source tree): the subset the extension's
// JavaScript uses, as `wasm/src/` defines it. tsconfig.json's `rootDirs` makes `./pkg/koltrust.js` (background.js)
// and `../pkg/koltrust.js` (worker/*.js) resolve to `types/pkg/koltrust.d.ts`, which re-exports this file.
// Keep in step with `wasm/src/` (lib.rs, card.rs, update.rs, extension/*.rs).
import type {
  BadgeState,
  CardView,
  Freshness,
  LinkAnswer,
  PageAnswer,
  PageSignals,
  PopupView,
  ReportContext,
  ReportEdits,
  FieldError,
  ComplaintSubmission,
  CoreView,
} from './messages';

/** Badge options (`wasm/src/extension/signals.rs` `badge_options`); `null`/`undefined` mean the defaults. */
export interface BadgeOptions {
  showUnknown?: boolean;
  only?: 'all' | 'sanctioned' | 'certified';
}

/** The signed manifest envelope's plan (`Engine.planUpdate`). */
export interface UpdateStep {
  action: 'up_to_date' | 'delta' | 'snapshot';
  path: string;
  to?: number;
}

/** Loads and instantiates the `.wasm` (wasm-bindgen's default export for `--target web`). */
export default function init(
  options?: { module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | undefined,
): Promise<unknown>;

export function coreVersion(): string;
/** How many of a snapshot's first bytes a cold start reads (the resident prefix, or a small file whole), from its
 * first 144 bytes. */
export function initialReadLen(firstBytes: Uint8Array): number;

/** An opened, signature-checked registry snapshot. */
export class Engine {
  /** Fails with a one-line reason (bad magic, unknown key, bad signature, rollback…). */
  constructor(bytes: Uint8Array, pinnedKeys: string[], heldSequence: number | undefined, nowMs: number);
  /** The same from the file's resident prefix only; the rest is read on demand (`takeWanted`, `supply`). */
  static openResident(
    fileLen: number,
    prefix: Uint8Array,
    pinnedKeys: string[],
    heldSequence: number | undefined,
    nowMs: number,
  ): Engine;
  /** `[start, end, start, end, …]` file byte ranges the last questions needed; empty when nothing is missing. */
  takeWanted(): Float64Array | number[];
  /** Bytes read at `offset`; fails when a chunk does not match the signed head. */
  supply(offset: number, bytes: Uint8Array): void;
  wantAll(): void;
  /** `[offset of the first, chunk size, count]` of the resident prefix's chunks. */
  prefixChunks(): Float64Array | number[];
  /** WebCrypto SHA-256 digests of resident chunks from `first` on; fails when one differs from the signed head. */
  acceptDigests(first: number, digests: Uint8Array): void;
  /** A chunk failed its hash: the file is altered and must be dropped. */
  readonly tainted: boolean;
  /** Hashes up to `maxChunks` loaded, unverified chunks; `true` once all are. */
  verifyResident(maxChunks: number): boolean;
  free(): void;
  setNow(nowMs: number): void;
  freshness(): Freshness;
  readonly sequence: number;
  snapshotBytes(): Uint8Array;
  lookupLinks(hrefs: string[], lang: string, options: BadgeOptions | null): (LinkAnswer | null)[];
  lookupPage(signals: PageSignals, lang: string, options: BadgeOptions | null): PageAnswer;
  popupView(signals: PageSignals, lang: string): PopupView;
  card(platform: string, idType: string, accountId: string, lang: string, vetting: boolean): CardView | null;
  /** JSON text `{draft, preview}` (`preview` only with `edits`). */
  report(context: ReportContext | undefined, edits: ReportEdits | null, lang: string): string;
  planUpdate(text: string, keyId: string, signature: string, parsed: unknown, allowDelta: boolean): UpdateStep;
  applyUpdate(downloaded: Uint8Array, nowMs: number): Engine;
}

/** JSON text of an array with one `{label, title}` or `null` per post. */
export function detectPosts(posts: unknown, lang: string): string;
/** The screenshot encoder's step `attempt`: `[maxWidth, quality]`, or `undefined` when out of steps. */
export function screenshotStep(attempt: number): Uint32Array | number[] | undefined;
export function screenshotFits(length: number): boolean;

// The report outbox (`wasm/src/extension/outbox.rs`): delivery records are the core's, opaque to the worker.

/** A stored report's delivery record (core `complaint::outbox::Delivery`). */
export type Delivery = CoreView & { state: string; receipt?: string | null };
/** A stored report's summary (core `complaint::outbox::Summary`). */
export type ReportSummary = CoreView & { id: string };
/** A request the worker makes for the outbox. */
export interface OutboxRequest {
  method: string;
  path: string;
  headers: [string, string][];
  timeout_ms: number;
}
/** What came of one attempt: an HTTP answer or a failure. */
export type OutboxAnswer =
  | { status: number; retryAfter: string | null; body: unknown }
  | { failure: 'network' | 'timeout' };

export function outboxAccept(
  complaint: ComplaintSubmission,
  nowMs: number,
  lang: string,
): { ok: true; entry: { summary: ReportSummary; delivery: Delivery } } | { ok: false; errors: FieldError[] };
export function outboxPlan(
  deliveries: Delivery[],
  nowMs: number,
  refresh: 'no' | 'stale' | 'all',
): { send: number[]; refresh: [number, OutboxRequest][]; wake_ms: number | null };
export function outboxBegin(
  delivery: Delivery,
  clientId: string | undefined,
  nowMs: number,
): { delivery: Delivery; request: OutboxRequest };
export function outboxSettle(delivery: Delivery, answer: OutboxAnswer, nowMs: number, jitter: number): Delivery;
export function outboxApplyStatus(delivery: Delivery, status: number, body: unknown, nowMs: number): Delivery;
/** JSON text of "My reports" (`MyReportsView`). */
export function myReports(entries: { summary: ReportSummary; delivery: Delivery }[], lang: string): string;
