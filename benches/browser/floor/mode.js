// @ts-check
// Which floor this copy measures (benches/browser/floor/worker.js): `cargo xtask bench-browser` writes this file
// again in each copy it makes, `'empty'` or `'read'`.
/** @type {'empty' | 'read'} */
export const MODE = 'read';
