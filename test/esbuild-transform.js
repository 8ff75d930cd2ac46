/**
 * Jest transformer: TypeScript → CommonJS with esbuild (already the project's bundler). Chosen over
 * @swc/jest because swc's per-platform binaries are missing from the registry this project installs
 * from, which leaves package-lock.json unusable for `npm ci`. Types are checked by `npm run typecheck`.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
      // Jest runs CommonJS: `await import(x)` becomes a require, as the bundled CLI does it.
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
