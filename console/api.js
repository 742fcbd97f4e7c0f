// @ts-check
// Talking to the console API (`/console/api/…`): same-origin `fetch` with the session cookie (HttpOnly: this script
// never sees it) and, on every change, the session's CSRF token in `X-CSRF-Token`. Errors arrive as the server's
// `{"error": {code, message}}` and are thrown as `ApiError`; a 401 means the session ended (the app then shows
// the sign-in page).

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {number | null} retryAfter */
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** @type {string} */
let csrf = '';
/** @type {() => void} */
let onSessionEnded = () => {};

/** @param {string} token */
export function setCsrf(token) {
  csrf = token;
}

/** @param {() => void} fn */
export function whenSessionEnds(fn) {
  onSessionEnded = fn;
}

/**
 * @param {string} path under /console/api/
 * @param {{ method?: string, body?: unknown, quiet401?: boolean }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, { method = 'GET', body, quiet401 = false } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  const res = await fetch(`/console/api/${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  /** @type {any} */
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = json?.error ?? {};
    const retry = Number(res.headers.get('Retry-After'));
    if (res.status === 401 && !quiet401) onSessionEnded();
    throw new ApiError(res.status, String(err.code ?? 'internal'), String(err.message ?? res.statusText), retry || null);
  }
  return json;
}

/** A query string of the non-empty values. @param {Record<string, string | number | undefined | null>} params */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
