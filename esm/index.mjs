// ESM entry: re-exports the CommonJS build (tsc emits CommonJS; Node and bundlers read its named exports).
export * from '../dist/src/index.js';
