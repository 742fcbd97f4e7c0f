// The exports of the extension's second WebAssembly module (`dist/extension/pkg/koltrust_lazy.js`, the glue built
// with feature `lazy`; instantiated on first use by worker/lazy.js): the detail card, post flags, the report dialog,
// the outbox. tsconfig.json's `rootDirs` makes `../pkg/koltrust_lazy.js` resolve to `types/pkg/koltrust_lazy.d.ts`,
// which re-exports this file. Keep in step with `wasm/src/lazy/*.rs`.
import type {
  AccountKey,
  CardView,
  ReportContext,
  ReportEdits,
  FieldError,
  ComplaintSubmission,
  CoreView,
} from './messages';
import type { CardFacts, ProfileFacts } from './koltrust-wasm';

/** Loads and instantiates the `.wasm` (wasm-bindgen's default export for `--target web`). */
export default function init(
  options?: { module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | undefined,
): Promise<unknown>;

/** The detail card of one account from the first module's `Engine.cardFacts`. */
export function detailCard(facts: CardFacts, platform: string, accountId: string, lang: string, vetting: boolean): CardView;
/** The account a report about `context` is about, or `null`. */
export function reportAccount(context: ReportContext | undefined): AccountKey | null;
/** JSON text `{draft, preview}` (`preview` only with `edits`); `facts` from the first module's `Engine.profileFacts`. */
export function report(
  context: ReportContext | undefined,
  facts: ProfileFacts | null,
  edits: ReportEdits | null,
  lang: string,
): string;

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
