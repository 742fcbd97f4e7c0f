// The exports of the core's WebAssembly build for the portal (`dist/www/pkg/koltrust.js`, cargo feature `portal`,
// written by wasm-bindgen `--target web --no-typescript` at build time): the subset www/ uses, as `src/wasm/`
// (mod.rs, card.rs, portal.rs) defines it. www/registry.js imports it as `./pkg/koltrust.js`; that file is absent
// from the source tree, so the type checker falls back on this pattern declaration. (The extension's build has
// other exports: extension/types/koltrust-wasm.d.ts, reached through tsconfig.json's `rootDirs` instead, so the two
// never mix.)
declare module '*/pkg/koltrust.js' {
  /** A core view whose fields the portal reads by name (the Rust structs, serialized `json_compatible`). */
  type CoreView = { [field: string]: any };

  /** Loads and instantiates the `.wasm` (wasm-bindgen's default export for `--target web`). */
  export default function init(options?: { module_or_path?: RequestInfo | URL }): Promise<unknown>;

  export function coreVersion(): string;
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
    vetRows(urls: string[], lang: string): CoreView[];
    /** The whole list's vetting as CSV, byte-identical to `koltrust vet`. */
    vetCsv(text: string): string;
    /** The sanctions register for `{kind, authority, status, at, from, to, text}` (strings, empty = any). */
    sanctionsRegister(
      filter: { kind?: string; authority?: string; status?: string; at?: string; from?: string; to?: string; text?: string },
      lang: string,
    ): CoreView;
  }
}
