// What the browser scripts share: arguments, one JSON event per line on stdout, Debian's Chromium through
// playwright-core (never a downloaded browser), screenshots, and a bounded run that exits 1 with a "fail" event.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WAIT_MS = 20_000;
// The last three keep the browser from making its own background requests during offline runs.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** --name=value arguments as an object. */
export const args = Object.fromEntries(process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (!m) {
        throw new Error(`unrecognised argument ${a}; use --name=value`);
    }
    return [m[1], m[2]];
}));

export function emit(event, fields = {}) {
    process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

/**
 * Opens a page, recording its console messages, page errors and failed requests in `log` (shown when the run
 * fails) and every Content-Security-Policy violation in `log.csp`.
 */
export async function open(context, url, name, log) {
    const page = await context.newPage();
    page.on('console', (msg) => {
        log.push(`[${name}] ${msg.type()}: ${msg.text()}`);
        if (/Content Security Policy|Refused to (create|load|connect|execute)/i.test(msg.text())) {
            log.csp.push(msg.text());
        }
    });
    page.on('pageerror', (err) => log.push(`[${name}] pageerror: ${err.message}`));
    page.on('requestfailed', (r) => log.push(`[${name}] requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
    return page;
}

export async function screenshot(page, file, fullPage = false) {
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage });
    emit('screenshot', { path: file });
}

/**
 * Runs `scenarios[args.scenario](context, log)` in a fresh Chromium profile, then exits: 0 after a "done" event,
 * 1 after a "fail" event (with the browser's console) on any failure or after `limitMs`.
 */
export function run(scenarios, { viewport = { width: 1280, height: 800 }, colorScheme = 'light',
    limitMs = 90_000 } = {}) {
    const deadline = setTimeout(() => {
        emit('fail', { message: `timed out after ${limitMs / 1000} s` });
        process.exit(1);
    }, limitMs);
    deadline.unref();
    const main = async () => {
        if (!existsSync(CHROMIUM)) {
            throw new Error(`${CHROMIUM} is missing: apt-get install chromium (Debian's package; the browser tests `
                + 'never download a browser)');
        }
        const scenario = scenarios[args.scenario];
        if (!scenario) {
            throw new Error(`unknown --scenario=${args.scenario}; use ${Object.keys(scenarios).join(', ')}`);
        }
        const userDataDir = mkdtempSync(path.join(tmpdir(), 'iot-emulator-chromium-'));
        const log = [];
        log.csp = [];
        const context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, colorScheme, timeout: WAIT_MS,
        });
        try {
            await scenario(context, log);
            emit('done', { cspViolations: log.csp });
        } catch (err) {
            err.message += `\n--- browser console ---\n${log.join('\n')}`;
            throw err;
        } finally {
            await context.close().catch(() => {});
            rmSync(userDataDir, { recursive: true, force: true });
        }
    };
    main().then(() => process.exit(0), (err) => {
        emit('fail', { message: err.message });
        process.stderr.write(`${process.argv[1]}: ${err.stack}\n`);
        process.exit(1);
    });
}
