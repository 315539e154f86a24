// AWS IoT broker semantics seen from mqtt.js 5 over a ws:// URL presigned by aws-signature-v4.
// Usage: node semantics.mjs <host:port> <accessKeyId> <secretAccessKey>
// Prints one JSON line per check and exits 0 when every check holds, 1 otherwise (20 s deadline).

import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, key, secret] = process.argv.slice(2);
deadline(20000);

function url() {
    return v4.createPresignedURL('GET', endpoint, '/mqtt', 'iotdevicegateway', '',
        { key, secret, protocol: 'ws', region: 'us-east-1', expires: 300 });
}

function open(clientId) {
    return new Promise((resolve, reject) => {
        const client = mqtt.connect(url(), { clientId, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10000 });
        client.once('connect', () => resolve(client));
        client.once('error', reject);
    });
}

function nextMessage(client) {
    return new Promise((resolve) => client.once('message', (topic, payload, packet) =>
        resolve({ topic, payload: payload.toString(), retain: packet.retain })));
}


const publisher = await open('js-sem-pub');
await publisher.publishAsync('js/door', 'open', { qos: 0, retain: true });

const wildcard = await open('js-sem-wild');
await wildcard.subscribeAsync('js/+', { qos: 1 });
let message = nextMessage(wildcard);
await publisher.publishAsync('js/marker', 'marker', { qos: 1 });
const first = await message;
check('wildcard filter gets no stored retained message', first.topic === 'js/marker', first);

const exact = await open('js-sem-exact');
message = nextMessage(exact);
await exact.subscribeAsync('js/door', { qos: 1 });
const stored = await message;
check('exact filter gets the stored QoS 0 retained message with RETAIN set',
    stored.payload === 'open' && stored.retain === true, stored);
message = nextMessage(exact);
await publisher.publishAsync('js/door', 'closed', { qos: 1, retain: true });
const live = await message;
check('live delivery has RETAIN cleared', live.payload === 'closed' && live.retain === false, live);

const parent = await open('js-sem-parent');
await parent.subscribeAsync('js/sensor/#', { qos: 1 });
message = nextMessage(parent);
await publisher.publishAsync('js/sensor', 'parent', { qos: 1 });
await publisher.publishAsync('js/sensor/temp', 'child', { qos: 1 });
const child = await message;
check('js/sensor/# does not match js/sensor', child.topic === 'js/sensor/temp', child);

const closed = new Promise((resolve) => publisher.once('close', () => resolve(true)));
publisher.publish('js/qos2', 'x', { qos: 2 });
check('a QoS 2 publish closes the connection', await closed, {});

for (const c of [wildcard, exact, parent]) {
    await c.endAsync();
}
finish();
