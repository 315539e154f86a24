// The AWS IoT Device SDK for JavaScript v1 (npm aws-iot-device-sdk 2.2.16) over wss:// with SigV4, the way a device
// app uses it: awsIot.device({protocol: 'wss', ...}). The SDK has no plain ws:// option, so this needs a TLS port.
// Usage: node device-sdk-v1.mjs <host:port> <caPemPath> <accessKeyId> <secretKey> <region> [sessionToken]
// Prints one JSON line per check and exits 0 when every check holds, 1 otherwise (30 s deadline).
//
// How the SDK is pointed at a local endpoint:
// - region must be given: without it the SDK derives it from the host name and throws unless the host looks like
//   <prefix>.iot.<region>.amazonaws.<tld>.
// - The local CA is trusted through websocketOptions.ca, which the SDK hands to the ws WebSocket (and so to
//   tls.connect) unchanged: the SDK's caPath/caCert options are read only for protocol 'mqtts'. (NODE_EXTRA_CA_CERTS
//   would work too, but applies to the whole process.) Certificate verification stays on: no rejectUnauthorized.
// - The SDK signs `host` with the port when the port is not 443 (X-Amz-SignedHeaders=host, no X-Amz-Expires),
//   sends Host: <host>:<port>, subprotocol mqttv3.1, and TLS SNI <host> (ws sets servername to the URL's host
//   name, and none at all for an IP address: use a host name such as localhost).
// - It reconnects forever by default; a connection that closes before CONNACK is reported here as a failure.

import awsIot from 'aws-iot-device-sdk';
import fs from 'node:fs';
import tls from 'node:tls';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, caPath, accessKeyId, secretKey, region, sessionToken] = process.argv.slice(2);
if (!endpoint || !caPath || !accessKeyId || !secretKey || !region) {
    console.error('usage: node device-sdk-v1.mjs <host:port> <caPemPath> <accessKeyId> <secretKey> <region> '
        + '[sessionToken]');
    process.exit(2);
}
const colon = endpoint.lastIndexOf(':');
const host = endpoint.slice(0, colon);
const port = Number(endpoint.slice(colon + 1));
deadline(30000);

const clientId = `sdk-js-v1-${process.pid}-${Date.now()}`;
const topic = `sdk/js-v1/${clientId}`;
const started = Date.now();

const device = awsIot.device({
    protocol: 'wss',
    host,
    port,
    region,
    accessKeyId,
    secretKey,
    sessionToken: sessionToken || undefined,
    clientId,
    clean: true,
    keepalive: 60,
    connectTimeout: 10000,
    websocketOptions: { ca: fs.readFileSync(caPath) },
});

const connected = await new Promise((resolve) => {
    device.once('connect', () => resolve({ ok: true }));
    device.once('error', (err) => resolve({ ok: false, error: err?.message ?? String(err) }));
    device.once('close', () => resolve({ ok: false, error: 'closed before CONNACK' }));
});
if (!connected.ok) {
    // The SDK's mqtt.js 4 swallows TLS errors (an untrusted certificate just closes the connection), so say why.
    connected.tls = await tlsDiagnosis();
}
check('connected over wss with SigV4', connected.ok, { clientId, ms: Date.now() - started, ...connected });
if (!connected.ok) {
    device.end(true);
    finish();
}

const granted = await new Promise((resolve) => device.subscribe(topic, { qos: 1 },
    (err, grants) => resolve(err ? { error: err.message } : { grants })));
check('subscribed (QoS 1 granted)', granted.grants?.[0]?.qos === 1, { topic, ...granted });

const payload = `hello from ${clientId}`;
const received = new Promise((resolve) => device.on('message', (t, p) => {
    if (t === topic) {
        resolve(p.toString('utf8'));
    }
}));
const published = await new Promise((resolve) => device.publish(topic, payload, { qos: 1 },
    (err) => resolve(err ? err.message : null)));
check('published (QoS 1 acknowledged)', published === null, { error: published });
const echoed = await received;
check('own publish received back', echoed === payload, { topic, payload: echoed });

const closed = await new Promise((resolve) => device.end(false, () => resolve(true)));
check('clean close', closed, {});
finish();

/** What a plain TLS handshake with the same CA and host name says: 'trusted' or the verification error. */
function tlsDiagnosis() {
    return new Promise((resolve) => {
        const socket = tls.connect({ host, port, servername: host, ca: fs.readFileSync(caPath) }, () => {
            resolve('trusted');
            socket.destroy();
        });
        socket.setTimeout(5000, () => socket.destroy(new Error('TLS handshake timed out')));
        socket.on('error', (err) => resolve(`${err.code ?? ''} ${err.message}`.trim()));
    });
}
