// Drives the emulator's console in the system Chromium (Debian's chromium) with playwright-core, while real clients
// act on the emulator from outside the page.
//
//   node console-browser.mjs --scenario=<name> --endpoint=<host:port> --key=<id> --secret=<secret>
//        --shots=<dir> [--aws=<aws cli>] [--page=<url to open instead of http://<endpoint>/>]
//
// live:     opens http://<endpoint>/ (redirected to the console), then publishes once with mqtt.js over a
//           presigned WebSocket (demo/live/mqtt/<run>) and once with the AWS CLI (`aws iot-data publish`, over HTTP;
//           demo/live/cli/<run>); for each, the time from the publisher's completion (PUBACK, CLI exit) to the row
//           appearing in the live view.
//           Events: opened, published (per client), shown (topic, source, latencyMs), screenshot, done.
// client:   the MQTT test client as the default key: connect, subscribe to demo/#, publish demo/console, see it
//           come back. Events: connected, subscribed, published, received, screenshot, done.
// refusals: mqtt.js with a wrong secret is refused; then the test client as the scoped key subscribes to
//           room/admin, which its policy denies. Events: signature (reason and canonical request as the refusals
//           view shows them), denied (as the test client and the refusals view show it), screenshot, done.
// shadow:   the shadow editor creates console-lamp's shadow with desired {"color":"green"} and reported
//           {"color":"red"}. Events: updated (the editor's outcome), screenshot, done.
// tour:     every view by its keyboard shortcut, a screenshot of each (console-tour-<view>.png), a live row opened
//           with the keyboard (console-tour-live-open.png, then in the dark theme: console-tour-live-dark.png); needs a connected client, a retained message and a
//           shadow. Events: view (id, heading, aria-current of its link), opened-row, theme, screenshot, done.
// token:    (an emulator bound beyond loopback, with an admin token) opens http://<endpoint>/ without the token,
//           then --page (the banner's console link, which carries it), and uses the console: live events, the key
//           list, the test client. Events: without-token (HTTP status), with-token (stream state, keys listed,
//           test client state), done.
// Every event is one JSON line on stdout; exit 1 with a "fail" event on any failure. Every wait is bounded.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';
import { args, emit, open, run, screenshot, WAIT_MS } from './browser.mjs';

const home = args.page ?? `http://${args.endpoint}/`;
const shot = (name) => path.join(args.shots, `console-${name}.png`);

function presign(key, secret) {
    return v4.createPresignedURL('GET', args.endpoint, '/mqtt', 'iotdevicegateway', '', {
        key, secret, protocol: 'ws', region: 'us-east-1', expires: 300,
    });
}

/** An mqtt.js client over a presigned WebSocket; resolves once connected, rejects when refused. */
function connect(key, secret, clientId) {
    return new Promise((resolve, reject) => {
        const client = mqtt.connect(presign(key, secret), { clientId, protocolVersion: 4, reconnectPeriod: 0,
            connectTimeout: WAIT_MS });
        client.once('connect', () => resolve(client));
        client.once('error', (err) => {
            client.end(true);
            reject(err);
        });
        client.once('close', () => reject(new Error('closed before CONNACK')));
    });
}

async function consolePage(context, log, view = '') {
    const page = await open(context, home + (view ? `#/${view}` : ''), 'console', log);
    await page.locator('#stream[data-state="live"]').waitFor({ timeout: WAIT_MS });
    return page;
}

/** Waits for the live row of `topic`; the time from `since` (ms) until it is in the page. */
async function rowLatency(page, topic, since) {
    const row = page.locator(`#live-rows tr[data-topic="${topic}"]`);
    await row.first().waitFor({ timeout: WAIT_MS });
    const latencyMs = Date.now() - since;
    return { latencyMs, source: await row.first().getAttribute('data-source'),
        text: (await row.first().innerText()).replace(/\s+/g, ' ') };
}

async function live(context, log) {
    const page = await consolePage(context, log);
    emit('opened', { url: page.url(), title: await page.title(), heading: await page.textContent('#title-live') });
    // Topics of this run only, so that a row from an earlier run (the backlog) cannot pass for this one.
    const run = Date.now().toString(36);

    const viaMqtt = `demo/live/mqtt/${run}`;
    const device = await connect(args.key, args.secret, 'mqttjs-live');
    const published = await new Promise((resolve, reject) => device.publish(viaMqtt,
        JSON.stringify({ from: 'mqtt.js' }), { qos: 1 }, (err) => (err ? reject(err) : resolve(Date.now()))));
    emit('published', { client: 'mqtt.js', topic: viaMqtt });
    emit('shown', { topic: viaMqtt, ...await rowLatency(page, viaMqtt, published) });
    device.end(true);

    const viaHttp = `demo/live/cli/${run}`;
    const exited = await awsCliPublish(viaHttp, JSON.stringify({ from: 'aws-cli' }));
    emit('published', { client: 'aws-cli', topic: viaHttp });
    emit('shown', { topic: viaHttp, ...await rowLatency(page, viaHttp, exited) });
    await page.locator(`#live-rows tr[data-topic="${viaHttp}"]`).first().click();
    await page.locator('#live-detail .payload').waitFor({ timeout: WAIT_MS });
    await screenshot(page, shot('live'));
}

/** `aws iot-data publish` with only the emulator's key in its environment; resolves with the time it exited. */
async function awsCliPublish(topic, payload) {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: args.key,
        AWS_SECRET_ACCESS_KEY: args.secret, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
    const exec = promisify(execFile);
    const { stdout, stderr } = await exec(args.aws, ['--version'], { env });
    const version = (stdout || stderr).trim();
    // AWS CLI v2 reads blobs as base64 unless told otherwise; v1 takes the text as it is.
    const binary = version.startsWith('aws-cli/1') ? [] : ['--cli-binary-format', 'raw-in-base64-out'];
    await exec(args.aws, ['iot-data', 'publish', '--endpoint-url', `http://${args.endpoint}`, '--topic', topic,
        '--qos', '1', ...binary, '--payload', payload], { env, timeout: WAIT_MS });
    emit('aws-cli', { version });
    return Date.now();
}

async function connectTestClient(page, accessKeyId, clientId) {
    await page.selectOption('#client-identity', accessKeyId);
    await page.fill('#client-id', clientId);
    await page.click('#client-connect');
    await page.locator('#client-state[data-state="connected"]').waitFor({ timeout: WAIT_MS });
    emit('connected', { state: await page.textContent('#client-state') });
}

async function client(context, log) {
    const page = await consolePage(context, log, 'client');
    await connectTestClient(page, args.key, 'console-test-client');
    await page.fill('#client-filter', 'demo/#');
    await page.click('#client-subscribe');
    await page.locator('#client-subscriptions li[data-filter="demo/#"]').waitFor({ timeout: WAIT_MS });
    emit('subscribed', { filter: 'demo/#' });
    await page.fill('#client-topic', 'demo/console');
    await page.fill('#client-payload', '{"from":"the console"}');
    await page.click('#client-publish');
    emit('published', { topic: 'demo/console' });
    const row = page.locator('#client-received tr[data-topic="demo/console"]');
    await row.first().waitFor({ timeout: WAIT_MS });
    emit('received', { text: (await row.first().innerText()).replace(/\s+/g, ' ') });
    await row.first().click();
    await screenshot(page, shot('client'));
}

async function refusals(context, log) {
    const page = await consolePage(context, log, 'refusals');
    const refused = await connect(args.key, 'not-the-secret', 'wrong-secret').then(
        (c) => { c.end(true); return null; }, (err) => err.message);
    if (refused === null) {
        throw new Error('a wrong secret was accepted');
    }
    const signature = page.locator('#refusals-list li[data-code="SIGNATURE_MISMATCH"]').first();
    await signature.waitFor({ timeout: WAIT_MS });
    emit('signature', { title: await signature.locator('strong').first().textContent(),
        message: await signature.locator('.refusal-message').textContent(),
        canonicalRequest: await signature.locator('pre.signing').first().textContent() });
    await screenshot(page, shot('refusals'));

    await page.click('#nav-client');
    await connectTestClient(page, 'AKIAI44QH8DHBEXAMPLE', 'device-console');
    await page.fill('#client-filter', 'room/admin');
    await page.click('#client-subscribe');
    const denied = page.locator('#client-why .denied');
    await denied.waitFor({ timeout: WAIT_MS });
    await page.locator('#client-state[data-state="disconnected"]').waitFor({ timeout: WAIT_MS });
    emit('denied', { view: 'client', text: (await denied.innerText()).replace(/\s+/g, ' ') });
    await screenshot(page, shot('client-denied'));
    await page.click('#nav-refusals');
    const policy = page.locator('#refusals-list li[data-kind="POLICY"]').first();
    await policy.waitFor({ timeout: WAIT_MS });
    await policy.locator('summary').click();
    emit('denied', { view: 'refusals', code: await policy.getAttribute('data-code'),
        text: (await policy.innerText()).replace(/\s+/g, ' ') });
}

async function shadow(context, log) {
    const page = await consolePage(context, log, 'shadows');
    await page.fill('#shadow-thing', 'console-lamp');
    await page.click('#shadow-open');
    await page.locator('#shadow-desired').waitFor({ timeout: WAIT_MS });
    await page.fill('#shadow-desired', '{"color": "green"}');
    await page.fill('#shadow-reported', '{"color": "red"}');
    await page.click('#shadow-update');
    const outcome = page.locator('#shadow-outcome.ok');
    await outcome.waitFor({ timeout: WAIT_MS });
    await page.locator('#shadows-rows tr[data-thing="console-lamp"]').waitFor({ timeout: WAIT_MS });
    emit('updated', { outcome: await outcome.textContent() });
    await screenshot(page, shot('shadows'));
}

async function tour(context, log) {
    const page = await consolePage(context, log);
    const views = ['live', 'client', 'connections', 'refusals', 'shadows', 'retained', 'registry', 'playground'];
    for (const [index, view] of views.entries()) {
        await page.evaluate(() => document.activeElement?.blur());
        await page.keyboard.press(String(index + 1));
        const section = page.locator(`#view-${view}`);
        await section.waitFor({ state: 'visible', timeout: WAIT_MS });
        if (view === 'connections') {
            await page.locator('#connections-rows tr[data-client-id]').first().waitFor({ timeout: WAIT_MS });
        } else if (view === 'retained') {
            await page.locator('#retained-rows tr[data-topic]').first().click({ timeout: WAIT_MS });
        } else if (view === 'registry') {
            await page.locator('#registry-policies details').first().click({ timeout: WAIT_MS });
        } else if (view === 'playground') {
            await page.selectOption('#playground-identity', 'AKIAI44QH8DHBEXAMPLE');
            await page.selectOption('#playground-action', 'iot:Publish');
            await page.fill('#playground-resource', 'topic/room/admin');
            await page.click('#playground-evaluate');
            await page.locator('#playground-answer .decision').waitFor({ timeout: WAIT_MS });
        } else if (view === 'shadows') {
            await page.locator('#shadows-rows tr[data-thing]').first().click({ timeout: WAIT_MS });
            await page.locator('#shadow-desired').waitFor({ timeout: WAIT_MS });
        }
        emit('view', { id: view, heading: await section.locator('h2').textContent(),
            current: await page.getAttribute(`#nav-${view}`, 'aria-current') });
        await screenshot(page, shot(`tour-${view}`));
    }
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('1');
    const first = page.locator('#live-rows tr').first();
    await first.focus();
    await first.press('Enter');
    await page.locator('#live-detail .payload').waitFor({ timeout: WAIT_MS });
    emit('opened-row', { topic: await first.getAttribute('data-topic'),
        detail: await page.textContent('#live-detail h3') });
    await screenshot(page, shot('tour-live-open'));
    await page.click('#theme');
    await page.click('#theme');
    emit('theme', { theme: await page.getAttribute('html', 'data-theme') });
    await screenshot(page, shot('tour-live-dark'));
}

async function token(context, log) {
    const bare = await context.newPage();
    const refused = await bare.goto(`http://${args.endpoint}/`, { timeout: WAIT_MS });
    emit('without-token', { status: refused.status(), url: bare.url() });
    await bare.close();

    const page = await consolePage(context, log, 'client');
    await page.locator('#client-identity option').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    await connectTestClient(page, args.key, 'console-with-token');
    emit('with-token', { stream: await page.getAttribute('#stream', 'data-state'),
        keys: await page.locator('#client-identity option').count(),
        client: await page.getAttribute('#client-state', 'data-state') });
}

run({ live, client, refusals, shadow, tour, token });
