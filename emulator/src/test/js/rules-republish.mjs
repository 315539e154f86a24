// The rules engine seen from mqtt.js 5 (over a ws:// URL presigned by aws-signature-v4): a subscriber on alerts/#,
// and a publisher sending a cool reading and then a hot one to sensors/d1/telemetry. A rule (created by the Java
// test) republishes readings over 30 to alerts/<device>, transformed. Checks that the hot one arrives transformed.
// Usage: node rules-republish.mjs <host:port> <accessKeyId> <secretAccessKey>
// Prints one JSON line per check and the alerts received, and exits 0 when every check holds (20 s deadline).

import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, key, secret] = process.argv.slice(2);
deadline(20000);

function connect(clientId) {
    const url = v4.createPresignedURL('GET', endpoint, '/mqtt', 'iotdevicegateway', '',
        { key, secret, protocol: 'ws', region: 'us-east-1', expires: 300 });
    const client = mqtt.connect(url, { clientId, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
    return new Promise((resolve, reject) => {
        client.once('connect', () => resolve(client));
        client.once('error', reject);
    });
}

const dashboard = await connect('dashboard-1');
const alerts = [];
const firstAlert = new Promise((resolve) => dashboard.on('message', (topic, payload) => {
    alerts.push({ topic, payload: payload.toString() });
    resolve();
}));
await dashboard.subscribeAsync('alerts/#', { qos: 1 });

const sensor = await connect('sensor-d1');
await sensor.publishAsync('sensors/d1/telemetry', JSON.stringify({ temp: 25, humidity: 40 }), { qos: 1 });
await sensor.publishAsync('sensors/d1/telemetry', JSON.stringify({ temp: 35, humidity: 41 }), { qos: 1 });
await firstAlert;

const hot = alerts[0];
check('the hot reading arrives on alerts/d1', hot.topic === 'alerts/d1', hot);
check('transformed by SELECT temp, topic(2) AS device', hot.payload === '{"temp":35,"device":"d1"}', hot);
console.log(JSON.stringify({ alerts }));
await sensor.endAsync();
await dashboard.endAsync();
finish();
