// Where `../pkg/koltrust_lazy.js` resolves for the type checker (tsconfig.json `rootDirs`): the declarations are
// in ../koltrust-lazy.d.ts.
export * from '../koltrust-lazy';
export { default } from '../koltrust-lazy';
