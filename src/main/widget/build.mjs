// Type-checks the widget and bundles it, @twilio/conversations included, into one minified
// widget.js: `node build.mjs OUTPUT_DIR` (build.sh, run by Maven), or `node build.mjs --size`
// to print its gzipped size with and without the SDK (docs/widget.md). The agent
// console (console/, docs/console.md) is bundled the same way into OUTPUT_DIR/../console.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The SDK's builds import core-js polyfills (side effects only, no bindings) for browsers older
 * than the es2020 ones the widget targets, where all of them are native: they are left out,
 * about 117 KiB of the minified bundle.
 */
const withoutPolyfills = {
  name: 'without-core-js-polyfills',
  setup(build) {
    build.onResolve({ filter: /^core-js\/modules\// }, (args) => ({
      path: args.path,
      namespace: 'polyfill',
    }));
    build.onLoad({ filter: /.*/, namespace: 'polyfill' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * The SDK's media client (@twilio/mcs-client) uploads with the page's XMLHttpRequest and reports
 * no progress: its browser build is pointed at src/upload-progress.ts's subclass, which does.
 * The build fails if the SDK no longer reads XMLHttpRequest that way.
 */
const MCS_XHR = 'var XHR = global["XMLHttpRequest"] || {};';
const uploadProgress = {
  name: 'mcs-upload-progress',
  setup(build) {
    build.onLoad({ filter: /@twilio[\\/]mcs-client[\\/]builds[\\/]browser\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(MCS_XHR)) {
        throw new Error(`${args.path} no longer has ${MCS_XHR}: update build.mjs's uploadProgress`);
      }
      const module = JSON.stringify(resolve('src/upload-progress.ts'));
      return {
        contents: source.replace(MCS_XHR, `var XHR = require(${module}).UploadXHR;`),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

const options = {
  entryPoints: ['src/main.ts'],
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  legalComments: 'eof',
  // The SDK's dependencies read these Node globals; the browser build needs only their values.
  define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
  plugins: [withoutPolyfills, uploadProgress],
  logLevel: 'warning',
};

async function bundle(extra = {}) {
  const result = await build({ ...options, ...extra, write: false });
  return result.outputFiles[0].contents;
}

if (process.argv[2] === '--size') {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const report = (label, bytes) =>
    console.log(
      `${label}: ${kb(bytes.length)} minified, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped`,
    );
  report('widget.js (with @twilio/conversations)', await bundle());
  report('widget alone (SDK left out)', await bundle({ external: ['@twilio/conversations'] }));
} else {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node build.mjs OUTPUT_DIR | --size');
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], {
      stdio: 'inherit',
    });
  } catch {
    console.error('parley: the widget does not type-check (see above)');
    process.exit(1);
  }
  mkdirSync(out, { recursive: true });
  // The gzipped copy and the ETag are made here, once per build, not at each server start.
  const bytes = await bundle();
  writeFileSync(join(out, 'widget.js'), bytes);
  writeFileSync(join(out, 'widget.js.gz'), gzipSync(bytes, { level: 9 }));
  writeFileSync(
    join(out, 'widget.js.etag'),
    createHash('sha256').update(bytes).digest('hex').slice(0, 32),
  );
  const consoleOut = join(out, '..', 'console');
  mkdirSync(consoleOut, { recursive: true });
  const script = await bundle({ entryPoints: ['console/main.ts'] });
  writeFileSync(join(consoleOut, 'console.js'), script);
  writeFileSync(join(consoleOut, 'console.js.gz'), gzipSync(script, { level: 9 }));
  writeFileSync(
    join(consoleOut, 'console.js.etag'),
    createHash('sha256').update(script).digest('hex').slice(0, 32),
  );
}
