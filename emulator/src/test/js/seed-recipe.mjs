// The classic browser recipe for AWS IoT over WebSocket, run on today's aws-signature-v4 (1.4.0) with mqtt.js:
//
//   v4.createPresignedURL('GET', endpoint, '/mqtt', 'iotdevicegateway',
//       crypto.createHash('sha256').update('', 'utf8').digest('hex'), { key, secret, protocol: 'ws', ... })
//
// Written for aws-signature-v4 <= 1.2.1, which used the payload argument as the payload hash. Since 1.3.0 the
// library hashes the argument itself, so the recipe signs a double hash (refused by AWS IoT too). Its other pitfall
// is an endpoint spelt with capitals: the library signs it as given while the WebSocket sends a lower-cased Host.
//
//   node seed-recipe.mjs <host:port> <variant> [expectedReason expectedFixText]
//
// variant: recipe          the recipe as written: payload argument sha256(''), endpoint as given
//          capitals        the fixed payload argument '' but the endpoint in capitals (as describe-endpoint may print it)
//          fixed           both fixed: payload argument '', endpoint lower-cased
// Checks: for recipe and capitals, mqtt.js is refused and a GET of the same URL answers 403 with the expected
// reason and a message containing the expected fix; for fixed, mqtt.js connects.

import crypto from 'node:crypto';
import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, variant, expectedReason, expectedFix] = process.argv.slice(2);
if (!endpoint || !['recipe', 'capitals', 'fixed'].includes(variant)) {
    console.error('usage: node seed-recipe.mjs <host:port> recipe|capitals|fixed [expectedReason expectedFixText]');
    process.exit(2);
}
deadline(20000);

const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const host = variant === 'capitals' ? endpoint.toUpperCase() : endpoint;
const payload = variant === 'recipe' ? sha256('') : '';
const url = v4.createPresignedURL('GET', host, '/mqtt', 'iotdevicegateway', payload, {
    key: 'AKIAIOSFODNN7EXAMPLE',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    protocol: 'ws',
    region: 'us-east-1',
    expires: 300,
});

const outcome = await new Promise((resolve) => {
    const client = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000,
        clientId: `seed-${variant}` });
    // A refused upgrade is an error of the WebSocket stream ("Unexpected server response: 403"), then a close.
    let streamError;
    client.stream?.once?.('error', (error) => {
        streamError = error;
    });
    client.once('connect', () => {
        resolve({ connected: true });
        client.end();
    });
    client.once('close', () => resolve({ connected: false, error: String(streamError ?? 'closed before CONNACK') }));
});

if (variant === 'fixed') {
    check('connected', outcome.connected, outcome);
} else {
    check('mqtt.js refused', !outcome.connected, outcome);
    const response = await fetch(url.replace(/^ws:/, 'http:'), { signal: AbortSignal.timeout(10_000) });
    const body = await response.json().catch(() => ({}));
    check('403', response.status === 403, { status: response.status });
    check('reason', body.reason === expectedReason, { reason: body.reason, expected: expectedReason });
    check('fix named', typeof body.message === 'string' && body.message.includes(expectedFix),
        { message: body.message, expected: expectedFix });
}
finish();
