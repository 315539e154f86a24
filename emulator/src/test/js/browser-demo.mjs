// Drives the demo page in the system Chromium (Debian's chromium package) with playwright-core.
//
//   node browser-demo.mjs --scenario=pubsub  --page=<url> --message=<text> --screenshot=<png>
//   node browser-demo.mjs --scenario=refused --page=<url> --access-key-id=<id> --secret=<secret> --screenshot=<png>
//
// pubsub: opens the page twice (pages A and B, client ids page-a and page-b), connects both with the page's
//   preset credential source, types <text> into page A and presses Publish, waits until it is listed in page B,
//   and saves a screenshot of page B. Events: connected (per page, with the status line), received (the row of
//   page B: time, topic, sender, text), favicon (its HTTP status), screenshot, done (with any
//   Content-Security-Policy violations the browser reported).
// refused: fills in static keys, presses Connect, waits for the error box. Events: refused (title, reason,
//   message), screenshot, done.
// One JSON event per line on stdout; exit 1 with a "fail" event on any failure. Every wait is bounded.
import { args, emit, open, run, screenshot, WAIT_MS } from './browser.mjs';

function withClientId(url, clientId) {
    const u = new URL(url);
    u.searchParams.set('clientId', clientId);
    return u.toString();
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

async function pubsub(context, log) {
    const a = await open(context, withClientId(args.page, 'page-a'), 'A', log);
    const favicon = await context.request.get(new URL('favicon.svg', a.url()).toString());
    emit('favicon', { status: favicon.status(), type: favicon.headers()['content-type'] });
    const b = await open(context, withClientId(args.page, 'page-b'), 'B', log);
    await connectAndWait(a, 'A');
    await connectAndWait(b, 'B');
    await a.fill('#message', args.message);
    await a.click('#publishButton');
    const row = b.locator('#messages li', { hasText: args.message });
    await row.first().waitFor({ timeout: WAIT_MS });
    const cell = async (cls) => row.first().locator(`.${cls}`).textContent();
    emit('received', { page: 'B', time: await cell('time'), topic: await cell('topic'), sender: await cell('sender'),
        text: await cell('text') });
    await screenshot(b, args.screenshot, true);
}

async function refused(context, log) {
    const page = await open(context, args.page, 'A', log);
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
    await screenshot(page, args.screenshot, true);
}

run({ pubsub, refused }, { viewport: { width: 1100, height: 900 } });
