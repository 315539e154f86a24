// IoT policy enforcement seen from mqtt.js 5 over a ws:// URL presigned by aws-signature-v4, with the default
// configuration's scoped example key (policy ScopedDevicePolicy: connect as device-*, own clients/<id>/* topics,
// room/*, never room/admin).
// Usage: node policy.mjs <host:port>
// Prints one JSON line per check and exits 0 when every check holds, 1 otherwise (20 s deadline).

import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';
import { check, deadline, finish } from './checks.mjs';

const [endpoint] = process.argv.slice(2);
const key = 'AKIAI44QH8DHBEXAMPLE';
const secret = 'scopedDeviceExampleSecretKeyEXAMPLEKEY1';
deadline(20000);

function open(clientId) {
    const url = v4.createPresignedURL('GET', endpoint, '/mqtt', 'iotdevicegateway', '',
        { key, secret, protocol: 'ws', region: 'us-east-1', expires: 300 });
    const client = mqtt.connect(url, { clientId, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
    const outcome = new Promise((resolve) => {
        client.once('connect', () => resolve('connected'));
        client.once('close', () => resolve('closed'));
    });
    return { client, outcome };
}

function closed(client) {
    return new Promise((resolve) => (client.disconnected ? resolve(true) : client.once('close', () => resolve(true))));
}


const intruder = open('intruder-1');
check('iot:Connect denied: closed without CONNACK', (await intruder.outcome) === 'closed', {});

const device = open('device-1');
check('iot:Connect allowed for device-*', (await device.outcome) === 'connected', {});
const received = new Promise((resolve) => device.client.once('message', (topic) => resolve(topic)));
await device.client.subscribeAsync('clients/device-1/#', { qos: 1 });
await device.client.publishAsync('clients/device-1/inbox', 'own topic', { qos: 1 });
check('own topics: publish, subscribe and receive', (await received) === 'clients/device-1/inbox', {});

const subscriber = open('device-2');
await subscriber.outcome;
device.client.publish('clients/device-2/inbox', 'not yours', { qos: 1 });
check('iot:Publish denied: the connection is closed', await closed(device.client), {});

subscriber.client.subscribe('clients/+/inbox', { qos: 1 });
check('iot:Subscribe denied for a literal + filter: the connection is closed', await closed(subscriber.client), {});

finish();
