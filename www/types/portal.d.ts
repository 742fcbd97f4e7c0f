// Types shared by the portal's modules (www/): what app.js hands every view.
import type { Engine } from '../pkg/koltrust.js';

/** A core view (the Rust structs serialized `json_compatible`) read by field name. */
export type CoreView = { [field: string]: any };

/** What the views share: the registry once it is ready (`await ctx.registry`), then `ctx.engine`. */
export interface Ctx {
  engine: Engine | null;
  freshness: { sequence: number; issued_unix: number; expires_unix: number; stale: boolean } | null;
  sample: boolean;
  /** Resolves to the engine, or `null` when the registry could not be opened (then `error` says why). */
  registry: Promise<Engine | null> | null;
  error?: string;
  lang: () => string;
}

/** A page of the portal: draws into `main` for the permalink's `params`. */
export type View = (main: HTMLElement, params: URLSearchParams, ctx: Ctx) => Promise<void> | void;
