// Build: the Apps Script bundle (dist/), the sidebar page (dist/Sidebar.html) and the Node CLI (lib/).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import ts from 'typescript';

await mkdir('dist', { recursive: true });

// 1. Internals: one IIFE whose only global is `Roadmap`; nothing else leaks into Apps Script's global scope.
const app = await build({
  entryPoints: ['src/gas/app.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'Roadmap',
  target: 'es2020',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  charset: 'utf8',
  legalComments: 'none',
  write: false,
});

// 2. Contract functions: Code.ts is transpiled by TypeScript, not esbuild, because esbuild drops the
//    JSDoc that Sheets reads for @customfunction autocomplete.
const entry = ts
  .transpileModule(await readFile('src/gas/Code.ts', 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None, removeComments: false },
  })
  .outputText.replace(/^"use strict";\s*/, '')
  .replace(/^export \{\};\s*$/m, '');

await writeFile('dist/Code.js', `${app.outputFiles[0].text}\n${entry}`);
await copyFile('appsscript.json', 'dist/appsscript.json');

// 3. Sidebar: script inlined into one HTML file (HtmlService serves one file; no CDN).
const sidebar = await build({
  entryPoints: ['src/ui/sidebar.ts'],
  bundle: true,
  format: 'iife',
  target: 'es2020',
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
