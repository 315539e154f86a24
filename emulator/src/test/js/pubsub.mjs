// Drives the emulator with mqtt.js 5 over a ws:// URL presigned by aws-signature-v4, as a browser app does.
//
// Settings come from --name=value arguments or the environment (arguments win):
//   --endpoint   IOT_ENDPOINT           host:port of the emulator's HTTP/WebSocket port (required)
//   --region     AWS_REGION             signing region (default us-east-1)
//   --key        AWS_ACCESS_KEY_ID      access key id (required)
//   --secret     AWS_SECRET_ACCESS_KEY  secret access key (required)
//   --token      AWS_SESSION_TOKEN      session token of temporary credentials (optional; appended after signing)
//   --mode       PUBSUB_MODE            "pubsub" (default) or "expect-refusal"
//   --topic      PUBSUB_TOPIC           topic prefix; client i subscribes to <topic>/+ and publishes to <topic>/<id>
//   --clients    PUBSUB_CLIENTS         number of mqtt.js clients in this process (default 1)
//   --client-prefix PUBSUB_CLIENT_PREFIX  client id prefix (default "mqttjs")
//   --expect     PUBSUB_EXPECT          comma-separated payloads that other (non-mqtt.js) clients will publish
//                                      after this script prints its "ready" event; every client must receive them
//   --timeout-ms PUBSUB_TIMEOUT_MS      overall deadline (default 20000)
//
// Output: one JSON object per line on stdout ({"event": ...}). Exit 0 on success; 1 with an {"event":"fail"} line
// and a message on stderr on failure or when the deadline passes. The process never outlives the deadline.
//
// pubsub mode events: presigned (query parameter names, in URL order), connected, subscribed, ready, published,
// received, done.
// expect-refusal mode events: connect-error (what mqtt.js reported), http-refusal (status and JSON body of a GET of
// the same presigned URL), done. Exits 0 only if mqtt.js failed to connect and the GET was answered with 403.

import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';

function settings(argv, env) {
    const args = {};
    for (const arg of argv) {
        const m = /^--([^=]+)=(.*)$/s.exec(arg);
        if (!m) {
            throw new Error(`unrecognised argument ${JSON.stringify(arg)}; use --name=value`);
        }
        args[m[1]] = m[2];
    }
    const pick = (name, envName, fallback) => args[name] ?? env[envName] ?? fallback;
    const s = {
        endpoint: pick('endpoint', 'IOT_ENDPOINT'),
        region: pick('region', 'AWS_REGION', 'us-east-1'),
        key: pick('key', 'AWS_ACCESS_KEY_ID'),
        secret: pick('secret', 'AWS_SECRET_ACCESS_KEY'),
        token: pick('token', 'AWS_SESSION_TOKEN') || undefined,
        mode: pick('mode', 'PUBSUB_MODE', 'pubsub'),
        topic: pick('topic', 'PUBSUB_TOPIC', 'mqttjs/test'),
        clients: Number(pick('clients', 'PUBSUB_CLIENTS', '1')),
        clientPrefix: pick('client-prefix', 'PUBSUB_CLIENT_PREFIX', 'mqttjs'),
        expect: (pick('expect', 'PUBSUB_EXPECT', '') || '').split(',').filter((p) => p.length > 0),
        timeoutMs: Number(pick('timeout-ms', 'PUBSUB_TIMEOUT_MS', '20000')),
    };
    for (const required of ['endpoint', 'key', 'secret']) {
        if (!s[required]) {
            throw new Error(`missing setting --${required} (see the header of pubsub.mjs)`);
        }
    }
    if (!['pubsub', 'expect-refusal'].includes(s.mode)) {
        throw new Error(`unknown mode ${JSON.stringify(s.mode)}; use pubsub or expect-refusal`);
    }
    if (!Number.isInteger(s.clients) || s.clients < 1) {
        throw new Error(`--clients must be a positive integer, got ${JSON.stringify(s.clients)}`);
    }
    if (!Number.isFinite(s.timeoutMs) || s.timeoutMs <= 0) {
        throw new Error(`--timeout-ms must be a positive number, got ${JSON.stringify(s.timeoutMs)}`);
    }
    return s;
}

function emit(event, fields = {}) {
    process.stdout.write(JSON.stringify({ event, ...fields }) + '\n');
}

function fail(message) {
    emit('fail', { message });
    process.stderr.write(`pubsub.mjs: ${message}\n`);
    process.exitCode = 1;
    // Let stdout/stderr drain, then leave even if sockets are still open.
    setTimeout(() => process.exit(1), 50).unref();
}

/** Presigns exactly as a browser app does: host WITH port, token appended after signing (not signed). */
function presign(s) {
    return v4.createPresignedURL('GET', s.endpoint, '/mqtt', 'iotdevicegateway', '', {
        key: s.key,
        secret: s.secret,
        sessionToken: s.token,
        protocol: 'ws',
        region: s.region,
        expires: 300,
    });
}

function connect(url, clientId) {
    return new Promise((resolve, reject) => {
        const client = mqtt.connect(url, {
            protocolId: 'MQTT',
            protocolVersion: 4,
            clientId,
            clean: true,
            reconnectPeriod: 0,
            connectTimeout: 10_000,
        });
        const onError = (err) => {
            client.removeListener('connect', onConnect);
            client.end(true);
            reject(err);
        };
        // mqtt.js 5 does not emit 'error' for a failed WebSocket upgrade; the transport stream does
        // ("Unexpected server response: 403"), and then the client just closes. Keep the stream's error as the cause.
        let streamError;
        client.stream?.once?.('error', (err) => {
            streamError = err;
        });
        const onClose = () => onError(streamError
            ?? new Error(`connection of ${clientId} closed before CONNACK`));
        const onConnect = (connack) => {
            client.removeListener('error', onError);
            client.removeListener('close', onClose);
            resolve({ client, connack });
        };
        client.once('connect', onConnect);
        client.once('error', onError);
        client.once('close', onClose);
    });
}

async function pubsub(s) {
    const ids = Array.from({ length: s.clients }, (_, i) => `${s.clientPrefix}-${i}`);
    const clients = [];
    try {
        for (const id of ids) {
            // A fresh presign per client, as an app presigns per connection.
            const url = presign(s);
            emit('presigned', { clientId: id, queryParameters: [...new URL(url).searchParams.keys()] });
            const { client, connack } = await connect(url, id);
            client.on('error', (err) => fail(`client ${id} errored after connecting: ${err.message}`));
            client.on('close', () => {
                if (!client.expectedClose) {
                    fail(`client ${id} lost its connection`);
                }
            });
            emit('connected', { clientId: id, returnCode: connack.returnCode ?? 0 });
            clients.push({ id, client, seen: new Set() });
        }

        const ownPayloads = ids.map((id) => `hello from ${id}`);
        const wanted = [...ownPayloads, ...s.expect];
        const allReceived = Promise.all(clients.map((c) => new Promise((resolve) => {
            c.client.on('message', (topic, payload, packet) => {
                const text = payload.toString('utf8');
                emit('received', { clientId: c.id, topic, payload: text, qos: packet.qos });
                c.seen.add(text);
                if (wanted.every((w) => c.seen.has(w))) {
                    resolve();
                }
            });
        })));

        for (const c of clients) {
            const filter = `${s.topic}/+`;
            const granted = await c.client.subscribeAsync(filter, { qos: 1 });
            if (!granted.length || granted[0].qos === 128) {
                throw new Error(`subscription of ${c.id} to ${filter} was refused: ${JSON.stringify(granted)}`);
            }
            emit('subscribed', { clientId: c.id, filter, qos: granted[0].qos });
        }
        emit('ready', { clients: ids });

        for (const c of clients) {
            const topic = `${s.topic}/${c.id}`;
            await c.client.publishAsync(topic, `hello from ${c.id}`, { qos: 1 });
            emit('published', { clientId: c.id, topic });
        }
        await allReceived;
        emit('done', { clients: ids, messagesPerClient: wanted.length });
    } finally {
        await Promise.all(clients.map((c) => {
            c.client.expectedClose = true;
            return c.client.endAsync().catch(() => {});
        }));
    }
}

async function expectRefusal(s) {
    const url = presign(s);
    try {
        const { client } = await connect(url, `${s.clientPrefix}-refused`);
        client.expectedClose = true;
        await client.endAsync();
        throw new Error('mqtt.js connected although a refusal was expected');
    } catch (err) {
        if (err.message === 'mqtt.js connected although a refusal was expected') {
            throw err;
        }
        emit('connect-error', { message: err.message, code: err.code ?? null });
    }
    // mqtt.js (through ws) reports only "Unexpected server response: 403", not the body; a GET of the same
    // presigned URL is checked the same way before the upgrade check, so it shows the JSON reason.
    const response = await fetch(url.replace(/^ws:/, 'http:'), { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    let body;
    try {
        body = JSON.parse(text);
    } catch {
        body = text;
    }
    emit('http-refusal', { status: response.status, body });
    if (response.status !== 403) {
        throw new Error(`expected HTTP 403 for the presigned URL, got ${response.status}: ${text}`);
    }
    emit('done', { status: response.status, reason: body?.reason ?? null });
}

async function main() {
    let s;
    try {
        s = settings(process.argv.slice(2), process.env);
    } catch (err) {
        fail(err.message);
        return;
    }
    const deadline = setTimeout(() => fail(`timed out after ${s.timeoutMs} ms (mode ${s.mode})`), s.timeoutMs);
    deadline.unref();
    try {
        await (s.mode === 'pubsub' ? pubsub(s) : expectRefusal(s));
        clearTimeout(deadline);
        if (process.exitCode !== 1) {
            process.exit(0);
        }
    } catch (err) {
        fail(err?.message ?? String(err));
    }
}

main();
