// @ts-check
// A small fault-injecting HTTP proxy between the extension and a real `koltrust serve`, for the delivery tests:
//  - `down = true`: every connection is cut at once (the server is unreachable, as when offline);
//  - `fail500 = n`: the next n complaint submissions get a 500 (with CORS headers, so the page sees the status);
//  - `refuse422 = n`: the next n get the server's 422 for a note that is too long (a refusal for good);
//  - `hold = true`: complaint submissions are read whole and held unanswered (a request in flight);
//    `releaseHeld()` then forwards them to the server, as if they had arrived late, and drops the answers.
// Everything else is forwarded unchanged. `posts` records the id of every complaint submission that reached it.
// Tests wait on its state with `waitFor`, never for a fixed time.
import http from 'node:http';

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function forward(target, req, body, res) {
  const url = new URL(req.url, target);
  const headers = { ...req.headers, host: url.host };
  const up = http.request(url, { method: req.method, headers }, (answer) => {
    if (!res) return answer.resume();
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  up.on('error', () => res?.destroy());
  up.end(body);
}

const isSubmission = (req) => req.method === 'POST' && new URL(req.url, 'http://x').pathname.endsWith('/v1/complaints');

export async function startFaultProxy(target) {
  const held = [];
  const sockets = new Set();
  const state = {
    down: false,
    fail500: 0,
    refuse422: 0,
    hold: false,
    /** Complaint ids of every submission received, in order (`null` for a body that is not JSON).
     * @type {(string | null)[]} */
    posts: [],
    held,
    /** Forwards every held submission to the server (their answers go nowhere: the client is gone). */
    releaseHeld() {
      for (const h of held.splice(0)) forward(target, h.req, h.body, null);
    },
  };
  const server = http.createServer(async (req, res) => {
    if (state.down) return req.socket.destroy();
    const body = await readBody(req);
    if (isSubmission(req)) {
      let id = null;
      try {
        id = JSON.parse(body.toString('utf8')).id;
      } catch {
        // not JSON: recorded as null
      }
      state.posts.push(id);
      const answer = (status, json) => {
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'access-control-allow-origin': req.headers.origin ?? '*',
        });
        res.end(JSON.stringify(json));
      };
      if (state.fail500 > 0) {
        state.fail500 -= 1;
        return answer(500, { error: { code: 'internal', message: 'injected by the test proxy' } });
      }
      if (state.refuse422 > 0) {
        state.refuse422 -= 1;
        const fields = [{ field: 'note', code: 'note_too_long', message: 'injected by the test proxy' }];
        return answer(422, { error: { code: 'invalid_field', message: 'injected by the test proxy', fields } });
      }
      if (state.hold) {
        held.push({ req: { method: req.method, url: req.url, headers: req.headers }, body });
        return; // no answer: the request stays in flight
      }
    }
    forward(target, req, body, res);
  });
  server.on('connection', (s) => {
    if (state.down) return s.destroy();
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await /** @type {Promise<void>} */ (new Promise((r) => server.listen(0, '127.0.0.1', r)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy: no TCP address after listen');
  const url = `http://127.0.0.1:${address.port}/`;
  return {
    url,
    state,
    /** Cuts the server off (and every open connection, so keep-alive does not bypass it) or reconnects it. */
    setDown(down) {
      state.down = down;
      if (down) for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Polls `check` until it returns a truthy value (resolved with it) or `timeoutMs` passes (rejected, naming
 * `what`). A condition wait, not a sleep: it returns as soon as the condition holds. */
export async function waitFor(check, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
