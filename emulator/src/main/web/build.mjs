// Bundles the emulator's two pages for offline use: node build.mjs <output dir>
//   <output dir>/console/  the console (served at /__emulator/console/), from console/
//   <output dir>/demo/     the browser demo (served at /__emulator/demo/), from demo/
// Everything a page loads (mqtt.js included) ends up next to it; nothing is fetched from a CDN at run time.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
    console.error('usage: node build.mjs <output dir>');
    process.exit(2);
}

const pages = [
    { dir: 'console', entry: 'main.js', bundle: 'console.js', files: ['console/index.html', 'console/console.css'] },
    { dir: 'demo', entry: 'app.js', bundle: 'demo.js', files: ['demo/index.html', 'demo/style.css'] },
];
const shared = ['favicon.svg'];

for (const page of pages) {
    const target = path.join(out, page.dir);
    await mkdir(target, { recursive: true });
    await build({
        entryPoints: [path.join(page.dir, page.entry)],
        outfile: path.join(target, page.bundle),
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: ['chrome100', 'firefox100', 'safari15'],
        minify: true,
        legalComments: 'linked',
        logLevel: 'warning',
    });
    for (const file of [...page.files, ...shared]) {
        await copyFile(file, path.join(target, path.basename(file)));
    }
}
