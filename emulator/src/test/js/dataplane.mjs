// Drives the emulator's HTTPS data plane with the AWS SDK for JavaScript v3 (@aws-sdk/client-iot-data-plane).
// Usage: node dataplane.mjs <host:port> <accessKeyId> <secretAccessKey>
// Prints one JSON line per check ({"check": ..., "ok": true|false, ...}); exits 1 if any check failed.

import {
    IoTDataPlaneClient, PublishCommand, UpdateThingShadowCommand, GetThingShadowCommand,
    ListNamedShadowsForThingCommand, GetRetainedMessageCommand,
} from '@aws-sdk/client-iot-data-plane';

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
const client = new IoTDataPlaneClient({
    endpoint: `http://${endpoint}`, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey },
});
const text = (bytes) => new TextDecoder().decode(bytes);
const encode = (json) => new TextEncoder().encode(JSON.stringify(json));
let failed = false;

async function check(name, fn) {
    try {
        const detail = await fn();
        console.log(JSON.stringify({ check: name, ok: true, detail }));
    } catch (e) {
        failed = true;
        console.log(JSON.stringify({ check: name, ok: false, error: `${e.name}: ${e.message}` }));
    }
}

function expect(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

await check('publish', async () => {
    const out = await client.send(new PublishCommand({ topic: 'js/dataplane', qos: 1, payload: encode({ from: 'js' }) }));
    return out.$metadata.httpStatusCode;
});

await check('retained', async () => {
    await client.send(new PublishCommand({ topic: 'js/retained', qos: 1, retain: true, payload: encode({ n: 1 }) }));
    const got = await client.send(new GetRetainedMessageCommand({ topic: 'js/retained' }));
    expect(text(got.payload) === '{"n":1}', `payload was ${text(got.payload)}`);
    return got.topic;
});

await check('shadow-update-and-get', async () => {
    const update = { state: { desired: { on: true } }, clientToken: 'js-1' };
    const accepted = JSON.parse(text((await client.send(new UpdateThingShadowCommand({
        thingName: 'js-lamp', shadowName: 'cfg', payload: encode(update) }))).payload));
    expect(accepted.version === 1 && accepted.clientToken === 'js-1', JSON.stringify(accepted));
    const doc = JSON.parse(text((await client.send(new GetThingShadowCommand({
        thingName: 'js-lamp', shadowName: 'cfg' }))).payload));
    expect(doc.state.delta.on === true, JSON.stringify(doc));
    const list = await client.send(new ListNamedShadowsForThingCommand({ thingName: 'js-lamp' }));
    expect(JSON.stringify(list.results) === '["cfg"]', JSON.stringify(list.results));
    return doc.version;
});

await check('version-conflict', async () => {
    try {
        await client.send(new UpdateThingShadowCommand({
            thingName: 'js-lamp', shadowName: 'cfg', payload: encode({ state: { desired: { on: false } }, version: 9 }) }));
    } catch (e) {
        expect(e.name === 'ConflictException' && e.$metadata.httpStatusCode === 409, `${e.name} ${e.message}`);
        return e.message;
    }
    throw new Error('the update with a stale version was accepted');
});

process.exit(failed ? 1 : 0);
