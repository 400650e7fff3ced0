// Jest 29 loads modules as CommonJS; msw 2.11+ depends on packages published only as ES modules
// (rettime, until-async), which Jest must be given as CommonJS. esbuild rewrites them, nothing else.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node20', sourcefile: filename, sourcemap: 'external' });
    return { code, map };
  },
};
