// The exports of the extension's first WebAssembly module (`dist/extension/pkg/koltrust.js`, the glue built with
// feature `extension`, written by wasm-bindgen `--target web --no-typescript` at build time, so not in the source
// tree): the subset the extension's JavaScript uses, as `wasm/src/` defines it. tsconfig.json's `rootDirs` makes
// `./pkg/koltrust.js` (background.js) and `../pkg/koltrust.js` (worker/*.js) resolve to `types/pkg/koltrust.d.ts`,
// which re-exports this file. The second module's are in koltrust-lazy.d.ts.
// Keep in step with `wasm/src/` (lib.rs, update.rs, extension/*.rs).
import type {
  BadgeState,
  Freshness,
  LinkAnswer,
  PageAnswer,
  PageSignals,
  PopupView,
} from './messages';

/** Badge options (`wasm/src/extension/signals.rs` `badge_options`); `null`/`undefined` mean the defaults. */
export interface BadgeOptions {
  showUnknown?: boolean;
  only?: 'all' | 'sanctioned' | 'certified';
}

/** A card's facts from the registry (core `views::card::CardFacts`); the record in the snapshot's encoding. */
export interface CardFacts {
  kind: 'record' | 'lookalike' | 'unknown';
  record: number[] | null;
  of_account_id: string | null;
  /** How a look-alike imitates the record (`via` handle or shown name; `signs` the technique bits). */
  imitation: {
    via: 'handle' | 'name';
    of_platform: string;
    signs: number;
    decoration: string | null;
    shown: string | null;
    registered: string | null;
  } | null;
  today: string;
  freshness: Freshness;
}

/** What the registry says of a report's profile (core `complaint::draft::ProfileFacts`). */
export interface ProfileFacts {
  state: string;
  state_label: string;
  name: string | null;
  /** For a look-alike: whom it imitates and how (the impersonation report's prefilled note). */
  imitates: string | null;
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
/** Bytes of a snapshot's start `initialReadLen` needs (its fixed header and section table). */
export function headProbeLen(): number;
/** How many of a snapshot's first bytes a cold start reads (the resident prefix, or a small file whole), from its
 * first `headProbeLen()` bytes. */
export function initialReadLen(firstBytes: Uint8Array): number;
/** `[offset of the first, chunk size, count]` of the body chunks wholly inside a snapshot's first `givenLen` bytes,
 * from its first `headProbeLen()` bytes (for `acceptDigests`, hashed while the registry opens). */
export function prefixChunkLayout(firstBytes: Uint8Array, givenLen: number): Float64Array | number[];

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
  /** The same with WebCrypto's SHA-256 of each chunk of `bytes` (32 bytes each), compared instead of hashed. */
  supplyDigested(offset: number, bytes: Uint8Array, digests: Uint8Array): void;
  wantAll(): void;
  /** WebCrypto SHA-256 digests of resident chunks from `first` on; fails when one differs from the signed head. */
  acceptDigests(first: number, digests: Uint8Array): void;
  /** A chunk failed its hash: the file is altered and must be dropped. */
  readonly tainted: boolean;
  /** Hashes about `maxBytes` of loaded, unverified chunks (one at least); `true` once all are. */
  verifyResident(maxBytes: number): boolean;
  free(): void;
  setNow(nowMs: number): void;
  freshness(): Freshness;
  readonly sequence: number;
  snapshotBytes(): Uint8Array;
  lookupLinks(hrefs: string[], lang: string, options: BadgeOptions | null, names?: (string | null)[]): (LinkAnswer | null)[];
  lookupLinksPartial(
    hrefs: string[],
    lang: string,
    options: BadgeOptions | null,
    names?: (string | null)[],
  ): { answers: (LinkAnswer | null)[]; pending: number[]; recheck: number[] };
  lookupPage(signals: PageSignals, lang: string, options: BadgeOptions | null): PageAnswer;
  popupView(signals: PageSignals, lang: string): PopupView;
  /** What the second module's `detailCard` needs from the registry (`wasm/src/extension/facts.rs`). */
  cardFacts(platform: string, idType: string, accountId: string, displayName?: string): CardFacts;
  /** What the registry says of a report's profile, for the second module's `report`. */
  profileFacts(platform: string, idType: string, accountId: string, lang: string, displayName?: string): ProfileFacts;
  planUpdate(text: string, keyId: string, signature: string, parsed: unknown, allowDelta: boolean): UpdateStep;
  applyUpdate(downloaded: Uint8Array, nowMs: number): Engine;
}
