// Bundles the demo page for offline use: node build.mjs <output dir>
// Everything the page loads (mqtt.js included) ends up in <output dir>; the page fetches nothing from a CDN.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
    console.error('usage: node build.mjs <output dir>');
    process.exit(2);
}
await mkdir(out, { recursive: true });
await build({
    entryPoints: ['src/app.js'],
    outfile: path.join(out, 'demo.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) {
    await copyFile(path.join('src', file), path.join(out, file));
}
console.log(`demo page bundled into ${out}`);
