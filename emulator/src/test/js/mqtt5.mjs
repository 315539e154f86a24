// mqtt.js 5 speaking MQTT 5 (protocolVersion: 5) over a ws:// URL presigned by aws-signature-v4, as a browser app
// does against AWS IoT Core:
//   node mqtt5.mjs <host:port> <accessKeyId> <secretKey> <region>
// Checks: the CONNACK's AWS properties; user properties, response topic and correlation data end to end; topic
// aliases from client to server and from server to client; message expiry (the time left rewritten on delivery, an
// expired retained message never replayed); session expiry and resumption (a queued QoS 1 message delivered on
// return), and a session without expiry not resumed. One JSON line per check; exit 0 when all hold (50 s deadline).

import mqtt from 'mqtt';
import v4 from 'aws-signature-v4';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, key, secret, region] = process.argv.slice(2);
if (!endpoint || !key || !secret || !region) {
    console.error('usage: node mqtt5.mjs <host:port> <accessKeyId> <secretKey> <region>');
    process.exit(2);
}
deadline(50000);
const run = `${process.pid}-${Date.now()}`;

function url() {
    return v4.createPresignedURL('GET', endpoint, '/mqtt', 'iotdevicegateway', '', {
        key, secret, protocol: 'ws', region, expires: 300,
    });
}

/** Connects; resolves with the client and its CONNACK packet. */
function connect(clientId, options = {}) {
    return new Promise((resolve, reject) => {
        const client = mqtt.connect(url(), {
            protocolVersion: 5, clientId, clean: true, reconnectPeriod: 0, connectTimeout: 10_000, ...options,
        });
        client.once('connect', (connack) => resolve({ client, connack }));
        client.once('error', reject);
    });
}

/** The next `count` messages the client receives, as [topic, payload, packet]. */
function messages(client, count) {
    return new Promise((resolve) => {
        const got = [];
        const listener = (topic, payload, packet) => {
            got.push([topic, payload.toString(), packet]);
            if (got.length === count) {
                client.removeListener('message', listener);
                resolve(got);
            }
        };
        client.on('message', listener);
    });
}

const end = (client) => new Promise((resolve) => client.end(false, {}, resolve));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

try {
    // CONNACK, properties end to end, and topic aliases both ways.
    const { client: sub, connack } = await connect(`mq5-sub-${run}`, { properties: { topicAliasMaximum: 8 } });
    const p = connack.properties ?? {};
    check('connack advertises AWS properties', p.topicAliasMaximum === 8 && p.receiveMaximum === 100
        && p.maximumQoS === 1 && p.subscriptionIdentifiersAvailable === false
        && p.sharedSubscriptionAvailable === true, { properties: p });
    const { client: pub } = await connect(`mq5-pub-${run}`);
    const topic = `mq5/${run}/props`;
    await sub.subscribeAsync(topic, { qos: 1 });
    const got = messages(sub, 3);
    await pub.publishAsync(topic, 'one', { qos: 1, properties: {
        userProperties: { tenant: 't1', trace: ['a', 'b'] }, responseTopic: `${topic}/reply`,
        correlationData: Buffer.from('c-1'), contentType: 'text/plain', topicAlias: 3 } });
    await pub.publishAsync('', 'two', { qos: 1, properties: { topicAlias: 3 } });
    await pub.publishAsync('', 'three', { qos: 0, properties: { topicAlias: 3 } });
    const [first, second, third] = await got;
    const fp = first[2].properties ?? {};
    check('properties arrive intact', first[1] === 'one' && fp.responseTopic === `${topic}/reply`
        && Buffer.from(fp.correlationData ?? '').toString() === 'c-1' && fp.contentType === 'text/plain'
        && fp.userProperties?.tenant === 't1' && JSON.stringify(fp.userProperties?.trace) === '["a","b"]',
    { properties: fp });
    check('client-to-server topic alias resolved', second[0] === topic && second[1] === 'two'
        && third[0] === topic && third[1] === 'three', { topics: [second[0], third[0]] });
    check('server-to-client topic alias used', first[2].properties?.topicAlias > 0 && second[2].topic === ''
        && second[2].properties?.topicAlias === first[2].properties?.topicAlias,
    { first: first[2].properties?.topicAlias, second: [second[2].topic, second[2].properties?.topicAlias] });

    // Message expiry: the time left on delivery, and an expired retained message is not replayed.
    const expiring = `mq5/${run}/expiring`;
    const lasting = `mq5/${run}/lasting`;
    await sub.subscribeAsync(`mq5/${run}/live`, { qos: 1 });
    const live = messages(sub, 1);
    await pub.publishAsync(`mq5/${run}/live`, 'x', { qos: 1, properties: { messageExpiryInterval: 120 } });
    const [liveMessage] = await live;
    const left = liveMessage[2].properties?.messageExpiryInterval;
    check('message expiry rewritten on delivery', left > 0 && left <= 120, { messageExpiryInterval: left });
    await pub.publishAsync(expiring, 'gone soon', { qos: 1, retain: true, properties: { messageExpiryInterval: 1 } });
    await pub.publishAsync(lasting, 'kept', { qos: 1, retain: true });
    await sleep(1500); // the message's own expiry interval must pass: that is what is being tested
    const { client: late } = await connect(`mq5-late-${run}`);
    const replayed = messages(late, 1);
    await late.subscribeAsync([expiring, lasting], { qos: 1 });
    const [onlyOne] = await replayed;
    check('expired retained message not replayed', onlyOne[0] === lasting && onlyOne[1] === 'kept',
        { replayedFirst: onlyOne[0] });
    await end(late);

    // Session expiry and resumption.
    const persistentId = `mq5-persistent-${run}`;
    const sessionTopic = `mq5/${run}/session`;
    const { client: away } = await connect(persistentId, { clean: false,
        properties: { sessionExpiryInterval: 300 } });
    await away.subscribeAsync(sessionTopic, { qos: 1 });
    await end(away);
    await pub.publishAsync(sessionTopic, 'while away', { qos: 1 });
    const back = await new Promise((resolve, reject) => {
        const client = mqtt.connect(url(), { protocolVersion: 5, clientId: persistentId, clean: false,
            reconnectPeriod: 0, connectTimeout: 10_000, properties: { sessionExpiryInterval: 300 } });
        const queued = messages(client, 1);
        client.once('connect', (ack) => queued.then((m) => resolve({ client, ack, m })));
        client.once('error', reject);
    });
    check('session resumed with its queued message', back.ack.sessionPresent === true
        && back.m[0][1] === 'while away', { sessionPresent: back.ack.sessionPresent });
    await end(back.client);

    const cleanId = `mq5-no-expiry-${run}`;
    const { client: brief } = await connect(cleanId, { clean: false });
    await brief.subscribeAsync(`mq5/${run}/brief`, { qos: 1 });
    await end(brief);
    const { client: again, connack: againAck } = await connect(cleanId, { clean: false });
    check('a session without expiry ends with its connection', againAck.sessionPresent === false,
        { sessionPresent: againAck.sessionPresent });
    await end(again);

    await end(sub);
    await end(pub);
} catch (err) {
    check('no error', false, { error: err?.message ?? String(err) });
}
finish();
