// @ts-check
// The report outbox: delivery that loses nothing. This file moves bytes — IndexedDB, fetch, alarms — and asks the
// core (`complaint::outbox` through the wasm exports) every question: is the complaint valid, what request to make,
// what an answer means, when to retry, which statuses to refresh, what "My reports" says.
//
// Contract with the report dialog (content/report.js) and the popup, through background.js:
//  - {type: 'submitReport', complaint} — `complaint` is the wire JSON of `koltrust::complaint::ComplaintSubmission`
//    (`id` a client-made UUID). Reply {ok: true, id, state: 'queued' | 'delivered', receipt?} or
//    {ok: false, errors: [{field, code, message}]} (messages in the person's language). `state` is 'refused' in
//    the rare case the server refuses for good what the core let through (an older or stricter server): the
//    report stays in "My reports" with the reason.
//  - {type: 'myReports', refresh, force} — the "My reports" view (`complaint::outbox::view`). `refresh: true` reads
//    statuses not read for a few minutes; `force: true` (a person clicked "refresh") reads every open one.
//
// Why nothing is lost:
//  - write before send: a valid complaint is stored (IndexedDB, its own database) before any network;
//  - every step is stored: the delivery record says `sending` before the request goes out, so a worker stopped
//    mid-request finds it at its next start and sends it again with the **same id** — the server's intake is
//    idempotent on that id, so it is stored exactly once;
//  - retries are woken by a chrome.alarms alarm at the time the core names (unpacked extensions may use alarms
//    of a second or more; packed ones at least 30 s), by every worker start, and by the `online` event — never by
//    a timer that would die with the worker.
import { lazyCore } from './lazy.js';
import { serverUrl } from './registry.js';

const DB_NAME = 'koltrust-outbox';
const REPORTS = 'reports'; // {id, summary, delivery}: small, read whole for plans and the popup
const BODIES = 'bodies'; // id → the submission's JSON text (may hold a screenshot): read only to send
export const ALARM = 'outbox';

/** @typedef {import('../types/koltrust-lazy').Delivery} Delivery */
/** @typedef {import('../types/koltrust-lazy').OutboxAnswer} OutboxAnswer */
/** @typedef {import('../types/messages').ComplaintSubmission} ComplaintSubmission */
/** @typedef {import('../types/messages').Answer<'submitReport'>} SubmitAnswer */
/** @typedef {import('../types/messages').MyReportsView} MyReportsView */
/** @typedef {import('../types/koltrust-lazy').ReportSummary} ReportSummary */
/** A stored report. @typedef {{ id: string, summary: ReportSummary, delivery: Delivery }} Entry */
/** @typedef {import('../types/storage').StoredOptions} StoredOptions */

/** Sends this worker has in flight (an entry stored `sending` but not in here was left by a stopped worker).
 * @type {Set<string>} */
const inFlight = new Set();

/** @returns {Promise<IDBDatabase>} */
function idb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(REPORTS, { keyPath: 'id' });
      req.result.createObjectStore(BODIES);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Runs `fn(stores)` in one transaction and resolves with its result once the transaction has committed.
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(stores: { reports: IDBObjectStore, bodies: IDBObjectStore }) => IDBRequest<T> | void} fn
 * @returns {Promise<T | undefined>} */
async function tx(mode, fn) {
  const db = await idb();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction([REPORTS, BODIES], mode);
      /** @type {T | undefined} */
      let result;
      const req = fn({ reports: t.objectStore(REPORTS), bodies: t.objectStore(BODIES) });
      if (req) req.onsuccess = () => (result = req.result);
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

/** Every stored report (`getAll` always answers an array). */
const allReports = () => /** @type {Promise<Entry[]>} */ (tx('readonly', (s) => s.reports.getAll()));
/** @param {string} id @returns {Promise<string | undefined>} */
const readBody = (id) => tx('readonly', (s) => s.bodies.get(id));
/** @param {Entry} entry */
const storeDelivery = (entry) => tx('readwrite', (s) => s.reports.put(entry));

/** The installation's opaque token (`X-Koltrust-Client`): random, made once, sent only with reports. */
async function clientId() {
  const { clientId: id } = /** @type {StoredOptions} */ (await chrome.storage.local.get('clientId'));
  if (id) return id;
  const made = crypto.randomUUID();
  await chrome.storage.local.set({ clientId: made });
  return made;
}

/** Points the alarm at the time the core names (the next retry, or the end of a request in flight).
 * @param {Entry[]} reports */
async function scheduleWake(reports) {
  const core = await lazyCore();
  const { wake_ms: wake } = core.outboxPlan(reports.map((r) => r.delivery), Date.now(), 'no');
  if (wake == null) await chrome.alarms.clear(ALARM);
  else await chrome.alarms.create(ALARM, { when: Math.max(wake, Date.now() + 1000) });
}

const isDue = async (/** @type {Entry} */ entry) =>
  (await lazyCore()).outboxPlan([entry.delivery], Date.now(), 'no').send.length > 0;

/** One attempt for one stored report, if it is still due (another wake-up may have sent it meanwhile). Resolves
 * with the entry as stored afterwards.
 * @param {Entry} stale
 * @returns {Promise<Entry>} */
async function attempt(stale) {
  if (inFlight.has(stale.id)) return stale;
  inFlight.add(stale.id);
  try {
    const entry = await tx('readonly', (s) => s.reports.get(stale.id));
    if (!entry || !(await isDue(entry))) return entry ?? stale;
    const core = await lazyCore();
    const { delivery, request } = core.outboxBegin(entry.delivery, await clientId(), Date.now());
    entry.delivery = delivery;
    await storeDelivery(entry); // `sending` is on disk before the request leaves
    await scheduleWake(await allReports());
    /** @type {OutboxAnswer} */
    let answer;
    try {
      const res = await fetch(new URL(request.path, await serverUrl()), {
        method: request.method,
        headers: request.headers,
        body: await readBody(entry.id),
        signal: AbortSignal.timeout(request.timeout_ms),
        cache: 'no-store',
        credentials: 'omit',
      });
      answer = { status: res.status, retryAfter: res.headers.get('Retry-After'), body: await res.json().catch(() => null) };
    } catch (err) {
      answer = { failure: err?.name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    entry.delivery = core.outboxSettle(entry.delivery, answer, Date.now(), Math.random());
    await storeDelivery(entry);
    return entry;
  } finally {
    inFlight.delete(stale.id);
  }
}

/** Sends every report the core says is due (one after another), then sets the next wake-up. With no stored report
 * there is nothing to plan: the wake-up alarm is cleared without instantiating the second module, so a worker start
 * (which flushes) stays on the first module alone. */
export async function flush() {
  const reports = await allReports();
  if (!reports.length) return chrome.alarms.clear(ALARM);
  const core = await lazyCore();
  const plan = core.outboxPlan(reports.map((r) => r.delivery), Date.now(), 'no');
  for (const i of plan.send) {
    // One report that cannot be sent (its stored record unreadable) must not hold back the others.
    await attempt(reports[i]).catch((err) => console.warn(`outbox: report ${reports[i].id} not sent:`, err));
  }
  await scheduleWake(await allReports());
}

/** How long `submit` waits for the first attempt before answering `queued` (the attempt goes on). */
const FIRST_ATTEMPT_WAIT_MS = 4000;

/** The dialog's submit: validate, store, then try at once.
 * @param {ComplaintSubmission} complaint @param {string} lang
 * @returns {Promise<SubmitAnswer>} */
export async function submit(complaint, lang) {
  const core = await lazyCore();
  const accepted = core.outboxAccept(complaint, Date.now(), lang);
  if (!accepted.ok) return { ok: false, errors: accepted.errors };
  const { summary, delivery } = accepted.entry;
  const id = summary.id;
  // A second submit of the same report (a double click, a retried message) keeps the first one's state.
  /** @type {Entry | undefined} */
  let entry = await tx('readonly', (s) => s.reports.get(id));
  if (!entry) {
    entry = { id, summary, delivery };
    await tx('readwrite', (s) => {
      s.bodies.put(JSON.stringify(complaint), id);
      s.reports.put(entry);
    });
  }
  const sent = attempt(entry).then(async (e) => {
    await scheduleWake(await allReports());
    return e;
  });
  /** @type {Entry | null} */
  const first = await Promise.race([sent, new Promise((r) => setTimeout(() => r(null), FIRST_ATTEMPT_WAIT_MS))]);
  const d = (first ?? entry).delivery;
  const state = d.state === 'delivered' || d.state === 'refused' ? d.state : 'queued';
  return { ok: true, id, state, receipt: d.receipt ?? undefined };
}

/** "My reports": reads the statuses the core says are due (`refresh`: 'no' | 'stale' | 'all'), then the view.
 * @param {string} lang @param {'no' | 'stale' | 'all'} refresh
 * @returns {Promise<MyReportsView>} */
export async function myReports(lang, refresh) {
  const core = await lazyCore();
  const reports = await allReports();
  const plan = core.outboxPlan(reports.map((r) => r.delivery), Date.now(), refresh);
  if (plan.refresh.length) {
    const base = await serverUrl();
    await Promise.all(
      plan.refresh.map(async ([i, request]) => {
        let status = 0;
        let body = null;
        try {
          const res = await fetch(new URL(request.path, base), {
            method: request.method,
            signal: AbortSignal.timeout(request.timeout_ms),
            cache: 'no-store',
            credentials: 'omit',
          });
          status = res.status;
          body = await res.json().catch(() => null);
        } catch {
          // unreachable: the known status stays, with the time it was last read
        }
        reports[i].delivery = core.outboxApplyStatus(reports[i].delivery, status, body, Date.now());
        await storeDelivery(reports[i]);
      }),
    );
  }
  return JSON.parse(core.myReports(reports.map((r) => ({ summary: r.summary, delivery: r.delivery })), lang));
}
