// Where `./pkg/koltrust.js` resolves for the type checker (tsconfig.json `rootDirs`): the declarations are in
// ../koltrust-wasm.d.ts.
export * from '../koltrust-wasm';
export { default } from '../koltrust-wasm';
