#!/usr/bin/env node
// Entry of the `roadmap500` command: the CLI is built by `npm run build` into lib/cli.js.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'lib', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('roadmap500: программа не собрана. Выполните «npm run build» в папке проекта.\n');
  process.exit(2);
}
// Output cut off («| head -1»): the job's work is done and saved before it prints; the rest is not read.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});
require(cli)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
