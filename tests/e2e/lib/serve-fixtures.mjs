// @ts-check
// `node tests/e2e/lib/serve-fixtures.mjs [--port 8443]`: the fixture pages for a person to browse (cargo xtask demo).
import { startFixtureServer, fixtureHosts } from './fixture-server.mjs';

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 8443;
const server = await startFixtureServer({ port });
const hosts = await fixtureHosts();
console.log(`fixture pages on https://127.0.0.1:${server.port}/ for: ${hosts.join(', ')}`);
console.log(`--host-resolver-rules="${hosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ')}"`);
console.log('Ctrl+C to stop.');
