// Build: the Apps Script bundles (dist/, dist-regional/), the sidebar page (dist/Sidebar.html) and the Node CLI (lib/).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import ts from 'typescript';

await mkdir('dist', { recursive: true });

/**
 * One Apps Script project: its internals and its contract functions in one Code.js, and its manifest.
 * 1. Internals: one IIFE whose only global is `globalName`; nothing else leaks into Apps Script's global scope.
 * 2. Contract functions: the entry is transpiled by TypeScript, not esbuild, because esbuild drops the
 *    JSDoc that Sheets reads for @customfunction autocomplete.
 */
async function deployment({ app, entry, globalName, manifest, outDir }) {
  const internals = await build({
    entryPoints: [app],
    bundle: true,
    format: 'iife',
    globalName,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  const functions = ts
    .transpileModule(await readFile(entry, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None, removeComments: false },
    })
    .outputText.replace(/^"use strict";\s*/, '')
    .replace(/^export \{\};\s*$/m, '');
  await mkdir(outDir, { recursive: true });
  await writeFile(`${outDir}/Code.js`, `${internals.outputFiles[0].text}\n${functions}`);
  await copyFile(manifest, `${outDir}/appsscript.json`);
}

// The municipal deployment (global `Roadmap`), and the regional one (issue 18) in its own project with its
// own manifest, so the municipal bundle keeps its contract and its spreadsheets.currentonly scope.
await deployment({
  app: 'src/gas/app.ts',
  entry: 'src/gas/Code.ts',
  globalName: 'Roadmap',
  manifest: 'appsscript.json',
  outDir: 'dist',
});
await deployment({
  app: 'src/gas/regional/app.ts',
  entry: 'src/gas/regional/Code.ts',
  globalName: 'RoadmapRegion',
  manifest: 'src/gas/regional/appsscript.json',
  outDir: 'dist-regional',
});

// 3. Sidebar: script inlined into one HTML file (HtmlService serves one file; no CDN).
const sidebar = await build({
  entryPoints: ['src/ui/sidebar.ts'],
  bundle: true,
  format: 'iife',
  // Schools open the form on phones, some with an old Android WebView: Chrome 73 (2019) is the oldest that
  // runs it (zod calls globalThis and Object.fromEntries as it starts); an older one gets the guard's message.
  target: 'chrome73',
  platform: 'browser',
  charset: 'utf8',
  // Minified: the page is sent to every browser that opens the sidebar (Code.js stays readable for stack traces).
  minify: true,
  write: false,
});
const page = (await readFile('src/ui/sidebar.html', 'utf8')).replace(
  '<!-- SCRIPT -->',
  () => `<script>\n${sidebar.outputFiles[0].text.replace(/<\/script/gi, '<\\/script')}</script>`,
);
await writeFile('dist/Sidebar.html', page);

// 4. Node side: the roadmap500 command and the benchmark.
await build({
  entryPoints: { cli: 'src/local/cli.ts', bench: 'bench/run.ts', 'bench-region': 'bench/region.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'lib',
  packages: 'external',
  sourcemap: 'inline',
  charset: 'utf8',
  logLevel: 'warning',
});
