#!/usr/bin/env node
// `npm run build` (after tsc): bundles the Functions app and the local host with esbuild into
// dist/bundle/ as ES modules with code splitting. index.mjs (what the Functions host loads)
// holds only the registrations; the bot, the store and their libraries are one shared chunk
// that the first request imports (functions/index.ts), read as one file instead of ~1,600
// modules. `@azure/functions-core` is provided by the Functions host, so it stays external.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the last build's, so dist/bundle holds only this one.
rmSync('dist/bundle', { recursive: true, force: true });

// teams-ai's AI module (planners, OpenAI models, GPT tokenizer) is loaded by its Application
// whether or not a bot uses it; this bot does not (no `ai` option). Left out of the bundle,
// they save ~60 MB of resident memory and their load time. Likewise botbuilder-dialogs (with
// the text recognizers it loads, ~3 MB of code): only teams-ai's user sign-in (its
// `authentication` option, which this bot does not set) uses it; loading it cost ~30 MB of
// resident memory. Anything that does call into them gets a clear error rather than a silent no-op.
const UNUSED = ['openai', 'gpt-tokenizer', 'botbuilder-dialogs'];
const leaveOutUnused = {
  name: 'leave-out-unused',
  setup(b) {
    const filter = new RegExp(`^(${UNUSED.join('|')})(/.*)?$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({
      contents: `const name = ${JSON.stringify(args.path)};
function Unavailable() { throw new Error(name + ' is not in this build (scripts/bundle.mjs): the bot uses no teams-ai AI features.'); }
module.exports = new Proxy({}, { get: (_t, key) => (key === '__esModule' ? false : key === 'default' ? module.exports : Unavailable) });`,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: { index: 'functions/index.ts', localMain: 'functions/localMain.ts' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  keepNames: true,
  sourcemap: true,
  external: ['@azure/functions-core'],
  // Bundled CommonJS code calls require() for Node built-ins and reads __filename/__dirname.
  banner: {
    js: [
      "import { createRequire as __cr } from 'node:module';",
      "import { fileURLToPath as __fu } from 'node:url';",
      "import { dirname as __dn } from 'node:path';",
      'const require = __cr(import.meta.url);',
      'const __filename = __fu(import.meta.url);',
      'const __dirname = __dn(__filename);',
    ].join(' '),
  },
  plugins: [leaveOutUnused],
  logLevel: 'warning',
});
