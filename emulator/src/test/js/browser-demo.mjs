// Drives the demo page in the system Chromium (Debian's chromium package) with playwright-core.
//
//   node browser-demo.mjs --scenario=pubsub  --page=<url> --message=<text> --screenshot=<png>
//   node browser-demo.mjs --scenario=refused --page=<url> --access-key-id=<id> --secret=<secret> --screenshot=<png>
//
// pubsub: opens the page twice (pages A and B, client ids page-a and page-b), connects both with the page's
//   preset credential source, types <text> into page A and presses Publish, waits until it is listed in page B,
//   and saves a screenshot of page B. Events: connected (per page, with the status line), received (the row of
//   page B: time, topic, sender, text), screenshot, done.
// refused: fills in static keys, presses Connect, waits for the error box. Events: refused (title, reason,
//   message), screenshot, done.
// One JSON event per line on stdout; exit 1 with a "fail" event on any failure. Every wait is bounded.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WAIT_MS = 20_000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (!m) {
        throw new Error(`unrecognised argument ${a}; use --name=value`);
    }
    return [m[1], m[2]];
}));

function emit(event, fields = {}) {
    process.stdout.write(JSON.stringify({ event, ...fields }) + '\n');
}

function withClientId(url, clientId) {
    const u = new URL(url);
    u.searchParams.set('clientId', clientId);
    return u.toString();
}

async function open(context, url, name, consoleLines) {
    const page = await context.newPage();
    page.on('console', (msg) => consoleLines.push(`[${name}] ${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => consoleLines.push(`[${name}] pageerror: ${err.message}`));
    page.on('requestfailed', (r) => consoleLines.push(`[${name}] requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
    return page;
}

async function connectAndWait(page, name) {
    await page.click('#connect');
    const state = await page.waitForFunction(() => {
        const s = document.getElementById('status').dataset.state;
        return s === 'connected' || s === 'error' ? s : null;
    }, null, { timeout: WAIT_MS }).then((h) => h.jsonValue());
    const detail = await page.textContent('#detail');
    if (state !== 'connected') {
        const error = await page.textContent('#error');
        throw new Error(`page ${name} did not connect: ${detail} ${error}`);
    }
    emit('connected', { page: name, detail });
}

async function pubsub(context, consoleLines) {
    const a = await open(context, withClientId(args.page, 'page-a'), 'A', consoleLines);
    const b = await open(context, withClientId(args.page, 'page-b'), 'B', consoleLines);
    await connectAndWait(a, 'A');
    await connectAndWait(b, 'B');
    await a.fill('#message', args.message);
    await a.click('#publishButton');
    const row = b.locator('#messages li', { hasText: args.message });
    await row.first().waitFor({ timeout: WAIT_MS });
    const cell = async (cls) => row.first().locator(`.${cls}`).textContent();
    emit('received', { page: 'B', time: await cell('time'), topic: await cell('topic'), sender: await cell('sender'),
        text: await cell('text') });
    await screenshot(b);
}

async function refused(context, consoleLines) {
    const page = await open(context, args.page, 'A', consoleLines);
    await page.check('input[name=source][value=static]');
    await page.fill('#accessKeyId', args['access-key-id']);
    await page.fill('#secretAccessKey', args.secret);
    await page.click('#connect');
    await page.locator('#error-reason').filter({ hasText: /\S/ }).waitFor({ timeout: WAIT_MS });
    emit('refused', {
        title: await page.textContent('#error-title'),
        reason: await page.textContent('#error-reason'),
        message: await page.textContent('#error-message'),
        status: await page.getAttribute('#status', 'data-state'),
    });
    await screenshot(page);
}

async function screenshot(page) {
    mkdirSync(path.dirname(args.screenshot), { recursive: true });
    await page.screenshot({ path: args.screenshot, fullPage: true });
    emit('screenshot', { path: args.screenshot });
}

async function main() {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} is missing: apt-get install chromium (Debian's package; the browser tests `
            + 'never download a browser)');
    }
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'demo-chromium-'));
    const consoleLines = [];
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 },
        timeout: WAIT_MS,
    });
    try {
        if (args.scenario === 'pubsub') {
            await pubsub(context, consoleLines);
        } else if (args.scenario === 'refused') {
            await refused(context, consoleLines);
        } else {
            throw new Error(`unknown --scenario=${args.scenario}; use pubsub or refused`);
        }
        emit('done');
    } catch (err) {
        err.message += `\n--- browser console ---\n${consoleLines.join('\n')}`;
        throw err;
    } finally {
        await context.close().catch(() => {});
        rmSync(userDataDir, { recursive: true, force: true });
    }
}

const deadline = setTimeout(() => {
    emit('fail', { message: 'timed out after 90 s' });
    process.exit(1);
}, 90_000);
deadline.unref();
main().then(() => process.exit(0), (err) => {
    emit('fail', { message: err.message });
    process.stderr.write(`browser-demo.mjs: ${err.stack}\n`);
    process.exit(1);
});
