// @ts-check
// Report a suspicious promotion without the extension. The core turns the form into the submission
// (`reportDraft`: recognizes the profile URL, then the same `complaint::validate` as the extension and the server)
// and maps each problem to the field that fixes it; this file shows them and sends `POST /v1/complaints`.
// The client id is kept until the server acknowledges, so a retry after a network error is idempotent.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { coreReady } from '../registry.js';
import { remember } from './track.js';

const CATEGORIES = ['counterfeit_or_poor_quality', 'misleading_claim', 'undisclosed_advertising', 'scam_fraud', 'impersonation', 'other'];
/** What the form holds between visits (in memory only); `id` is the client id, kept until the server acknowledges.
 * @typedef {{ profileUrl: string, pageUrl: string, category: string, note: string, contact: string, consent: boolean,
 *   screenshot: string, id: string | null }} ReportForm */
/** The form's text fields, each wired up by `control` (the consent box has its own handler).
 * @typedef {Exclude<keyof ReportForm, 'id' | 'consent'>} FieldName */
/** A form control `control` wires up. @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */

/** @type {Readonly<ReportForm>} */
const EMPTY = { profileUrl: '', pageUrl: '', category: '', note: '', contact: '', consent: false, screenshot: '', id: null };
/** @type {ReportForm} */
const form = { ...EMPTY };
/** The screenshot being read, if any: a submission waits for it.
 * @type {Promise<void>} */
let reading = Promise.resolve();

function newId() {
  return crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** @param {FieldName} name @param {string} label @param {Control} el @param {string} [hint] */
function control(name, label, el, hint) {
  el.id = `r-${name}`;
  el.name = name;
  const err = h('p', { id: `r-${name}-error`, class: 'field-error', hidden: true });
  el.setAttribute('aria-describedby', [hint ? `r-${name}-hint` : '', err.id].filter(Boolean).join(' '));
  if (el.type !== 'file') {
    el.addEventListener('input', () => {
      form[name] = el.value;
    });
  }
  return h('div', { class: 'field' }, h('label', { for: el.id }, label),
    hint ? h('p', { id: `r-${name}-hint`, class: 'hint' }, hint) : null, el, err);
}

/** The core's field names (`complaint::validate`) → the form's.
 * @type {Record<string, FieldName | undefined>} */
const FIELD_IDS = { profile_url: 'profileUrl', page_url: 'pageUrl', category: 'category', note: 'note', contact: 'contact', screenshot: 'screenshot' };

/** The screenshot picker: the file is read on the device into a data URL; the core checks its type and size. */
function screenshotControl() {
  const input = h('input', { type: 'file', accept: 'image/png,image/jpeg' });
  const wrap = control('screenshot', t('r_screenshot'), input);
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    form.screenshot = '';
    if (!file) return;
    reading = new Promise((/** @type {() => void} */ resolve) => {
      const reader = new FileReader();
      reader.onload = () => { form.screenshot = String(reader.result); resolve(); };
      reader.onerror = () => resolve();
      reader.readAsDataURL(file);
    });
  });
  return wrap;
}

/** @param {HTMLElement} main @param {URLSearchParams} params */
export async function render(main, params) {
  // `#/report?profile=<url>` (the check page's "Report this account") prefills the profile.
  const profile = params?.get('profile');
  if (profile) form.profileUrl = profile;
  const status = h('div', { id: 'report-status', role: 'status' });
  const el = h('form', { id: 'report-form', novalidate: true, onsubmit: (/** @type {SubmitEvent} */ e) => submit(e, el, status) },
    control('profileUrl', t('r_profile'), h('input', { type: 'url', value: form.profileUrl, autocomplete: 'off', required: true }), t('r_profile_hint')),
    control('pageUrl', t('r_page'), h('input', { type: 'url', value: form.pageUrl, autocomplete: 'off' })),
    control('category', t('r_category'), h('select', { required: true },
      h('option', { value: '' }, t('r_choose')),
      CATEGORIES.map((c) => h('option', { value: c, selected: form.category === c }, t(`cat_${c}`))))),
    control('note', t('r_note'), h('textarea', { rows: 5, maxlength: 2000, value: form.note })),
    control('contact', t('r_contact'), h('input', { type: 'text', value: form.contact, autocomplete: 'email' })),
    screenshotControl(),
    h('div', { class: 'check' },
      h('input', { id: 'r-consent', type: 'checkbox', checked: form.consent,
        onchange: (/** @type {Event} */ e) => { form.consent = /** @type {HTMLInputElement} */ (e.target).checked; } }),
      h('label', { for: 'r-consent' }, t('r_consent'))),
    h('button', { type: 'submit' }, t('r_submit')));
  main.append(h('h1', {}, t('report_title')), h('p', {}, t('report_intro')), el, status);
}

/** Marks each field the core found a problem with, and focuses the first.
 * @param {HTMLFormElement} el @param {{ field: string, message: string }[]} errors */
function showErrors(el, errors) {
  for (const p of /** @type {NodeListOf<HTMLElement>} */ (el.querySelectorAll('.field-error'))) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const c of el.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  /** @type {HTMLElement | null} */
  let first = null;
  for (const e of errors) {
    const name = FIELD_IDS[e.field];
    /** @type {HTMLElement | null} */
    const input = name ? el.querySelector(`#r-${name}`) : null;
    /** @type {HTMLElement | null} */
    const p = name ? el.querySelector(`#r-${name}-error`) : null;
    if (!input || !p) continue;
    input.setAttribute('aria-invalid', 'true');
    p.hidden = false;
    p.textContent = p.textContent ? `${p.textContent} ${e.message}` : e.message;
    first ??= input;
  }
  first?.focus();
}

/** @param {SubmitEvent} e @param {HTMLFormElement} el @param {HTMLElement} status */
async function submit(e, el, status) {
  e.preventDefault();
  status.replaceChildren();
  let core;
  try {
    core = await coreReady;
  } catch (err) {
    status.append(h('p', { class: 'error', role: 'alert' }, t('error', { error: err.message ?? err })));
    return;
  }
  await reading;
  const id = (form.id ??= newId());
  const lang = document.documentElement.lang;
  const draft = core.reportDraft({ ...form, id, createdMs: Date.now() }, lang);
  showErrors(el, draft.errors);
  if (draft.errors.length) {
    const unplaced = draft.errors.filter((x) => !FIELD_IDS[x.field]).map((x) => x.message);
    status.append(h('p', { class: 'error', role: 'alert' }, t('r_fix'), ...unplaced.map((m) => ` ${m}`)));
    return;
  }
  const button = el.querySelector('button[type=submit]');
  if (!(button instanceof HTMLButtonElement)) throw new Error('report form: no submit button');
  button.disabled = true;
  button.textContent = t('r_sending');
  try {
    const res = await fetch(new URL('v1/complaints', document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(draft.submission),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
    remember(body.receipt);
    Object.assign(form, EMPTY);
    el.reset();
    status.append(h('div', { class: 'receipt', role: 'alert' },
      h('p', {}, t('r_sent')),
      h('p', { class: 'code', id: 'receipt' }, body.receipt),
      h('p', {}, t('r_keep')),
      h('p', {}, h('a', { href: `#/track?receipt=${encodeURIComponent(body.receipt)}` }, t('r_track')))));
  } catch (err) {
    status.append(h('p', { class: 'error', role: 'alert' },
      navigator.onLine ? t('r_failed', { error: err.message ?? err }) : t('r_offline')));
  } finally {
    button.disabled = false;
    button.textContent = t('r_submit');
  }
}
