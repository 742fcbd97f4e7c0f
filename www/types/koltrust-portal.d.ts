// The exports of the core's WebAssembly build for the portal (`dist/www/pkg/koltrust.js`, cargo feature `portal`,
// written by wasm-bindgen `--target web --no-typescript` at build time): the subset www/ uses, as `wasm/src/`
// (mod.rs, card.rs, portal.rs) defines it. www/registry.js imports it as `./pkg/koltrust.js`; that file is absent
// from the source tree, so the type checker falls back on this pattern declaration. (The extension's build has
// other exports: extension/types/koltrust-wasm.d.ts, reached through tsconfig.json's `rootDirs` instead, so the two
// never mix.)
declare module '*/pkg/koltrust.js' {
  /** A core view whose fields the portal reads by name (the Rust structs, serialized `json_compatible`). */
  type CoreView = { [field: string]: any };

  /** One vetted URL (`portal::bulk::VetRow`); an unrecognized URL has empty strings, never null. */
  export interface VetRow {
    url: string;
    /** The state code (`verified`, `sanctioned`, …), also the badge's `state-*` class. */
    status: string;
    status_label: string;
    score: string;
    cert_expires: string;
    active_sanctions: string;
    active_sanctions_label: string;
    registry_id: string;
    name: string;
    platform: string;
    id_type: string;
    account_id: string;
    lookalike_of: string;
    fictional: boolean;
  }

  /** A code and its label in a filter's list (`portal::register::Choice`). */
  export interface Choice {
    value: string;
    label: string;
  }

  /** One sanction as the register shows it (`views::record::SanctionView`). */
  export interface SanctionView {
    kind: string;
    kind_label: string;
    reason: string;
    reason_label: string;
    authority: string;
    decision: string;
    summary: string;
    issued: string;
    effective_from: string;
    /** `null` = permanent. */
    effective_until: string | null;
    period_label: string;
    permanent: boolean;
    fine_vnd: number | null;
    fine_label: string | null;
    source_url: string;
  }

  /** One decision of the register (`portal::register::RegisterEntry`). */
  export interface RegisterEntry {
    anchor: string;
    registry_id: string;
    name: string;
    fictional: boolean;
    /** `active` | `upcoming` | `expired` on the filter's day. */
    status: string;
    status_label: string;
    sanction: SanctionView;
  }

  /** The sanctions register as the page draws it (`portal::register::RegisterView`). */
  export interface RegisterView {
    total: number;
    entries: RegisterEntry[];
    /** The day statuses are judged on (ISO). */
    at: string;
    kinds: Choice[];
    authorities: string[];
    statuses: Choice[];
  }

  /** Loads and instantiates the `.wasm` (wasm-bindgen's default export for `--target web`). */
  export default function init(options?: { module_or_path?: RequestInfo | URL }): Promise<unknown>;

  export function coreVersion(): string;
  /** A share's `title`, `text` and `url` → what the check page looks up (`portal::shared::shared_query`). */
  export function sharedQuery(title: string, text: string, url: string): string;
  /** The URLs of a pasted or uploaded list, in order (`bulk::vet_input`). */
  export function vetInput(text: string): string[];
  /** The report form → `{submission}` (the body of `POST /v1/complaints`) or `{errors: [{field, code, message}]}`. */
  export function reportDraft(
    form: {
      id: string;
      profileUrl: string;
      pageUrl: string;
      category: string;
      note: string;
      contact: string;
      consent: boolean;
      screenshot?: string;
      createdMs: number;
    },
    lang: string,
  ): { submission: CoreView | null; errors: { field: string; code: string; message: string }[] };

  /** The published registry, verified in the browser. */
  export class Engine {
    private constructor();
    /** Fails with a one-line reason. */
    static openPublished(
      text: string,
      keyId: string,
      signature: string,
      parsed: unknown,
      pinnedKeys: string[],
      bytes: Uint8Array,
      nowMs: number,
    ): Engine;
    free(): void;
    setNow(nowMs: number): void;
    freshness(): { sequence: number; issued_unix: number; expires_unix: number; stale: boolean };
    readonly sequence: number;
    /** `{sequence, issued, expires, stale, label}` in words. */
    freshnessView(lang: string): { sequence: number; issued: string; expires: string; stale: boolean; label: string };
    isSample(): boolean;
    /** The detail card (`registry::card::CardView`), as the extension's card shows it. */
    card(platform: string, idType: string, accountId: string, lang: string, vetting: boolean): CoreView | null;
    /** "Check a profile": a URL, registry id or name → `portal::CheckAnswer`. */
    check(query: string, lang: string): CoreView;
    /** One `bulk::VetRow` per URL. */
    vetRows(urls: string[], lang: string): VetRow[];
    /** The whole list's vetting as CSV, byte-identical to `koltrust vet`. */
    /** The list as CSV, byte-identical to `koltrust vet` (`--bom` when `bom`). */
    vetCsv(text: string, bom: boolean): string;
    /** The sanctions register for `{kind, authority, status, at, from, to, text}` (strings, empty = any). */
    sanctionsRegister(
      filter: { kind?: string; authority?: string; status?: string; at?: string; from?: string; to?: string; text?: string },
      lang: string,
    ): RegisterView;
  }
}
