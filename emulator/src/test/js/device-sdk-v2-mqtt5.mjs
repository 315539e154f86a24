// The AWS IoT Device SDK for JavaScript v2 (npm aws-iot-device-sdk-v2 1.28.0, native aws-crt 1.33.1) MQTT 5 client,
// over WSS with SigV4, built the way a device app builds it (AwsIotMqtt5ClientConfigBuilder), with topic aliases
// switched on both ways:
//   node device-sdk-v2-mqtt5.mjs <host:port> <caPemPath> <accessKeyId> <secretKey> <region> [sessionToken]
// Checks: connected (MQTT 5 CONNACK), subscribed, two publishes with user properties and a response topic
// acknowledged, and both received intact (the second on an alias); then a second client with a session expiry
// stops, misses a message and starts again: its session is resumed and the message delivered. One JSON line per
// check; exit 0 when all hold.
// The host must be a name the server certificate names (localhost); withPort() overrides the builder's 443.

import { auth, iot, mqtt5 } from 'aws-iot-device-sdk-v2';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, caPath, accessKeyId, secretKey, region, sessionToken] = process.argv.slice(2);
if (!endpoint || !caPath || !region) {
    console.error('usage: node device-sdk-v2-mqtt5.mjs <host:port> <caPemPath> <accessKeyId> <secretKey> <region> '
        + '[sessionToken]');
    process.exit(2);
}
const colon = endpoint.lastIndexOf(':');
const host = endpoint.slice(0, colon);
const port = Number(endpoint.slice(colon + 1));
deadline(45000);

const clientId = `sdk-js-v2-mqtt5-${process.pid}-${Date.now()}`;
const topic = `sdk/js-v2-mqtt5/${clientId}`;

function builder(connectProperties) {
    return iot.AwsIotMqtt5ClientConfigBuilder.newWebsocketMqttBuilderWithSigv4Auth(host, {
        region, credentialsProvider: auth.AwsCredentialsProvider.newStatic(accessKeyId, secretKey,
            sessionToken || undefined),
    })
        .withCertificateAuthorityFromPath(undefined, caPath)
        .withPort(port)
        .withConnectProperties({ keepAliveIntervalSeconds: 60, ...connectProperties });
}

const client = new mqtt5.Mqtt5Client(builder({ clientId })
    .withTopicAliasingOptions({
        outboundBehavior: mqtt5.OutboundTopicAliasBehaviorType.LRU,
        inboundBehavior: mqtt5.InboundTopicAliasBehaviorType.Enabled,
    })
    .build());
const received = [];
let onTwo;
const two = new Promise((resolve) => { onTwo = resolve; });
client.on('messageReceived', (event) => {
    received.push(event.message);
    if (received.length === 2) {
        onTwo();
    }
});
const connected = new Promise((resolve, reject) => {
    client.on('connectionSuccess', (event) => resolve(event.connack));
    client.on('connectionFailure', (event) => reject(event.error));
});
const stopped = new Promise((resolve) => client.on('stopped', resolve));

try {
    client.start();
    const connack = await connected;
    check('connected (mqtt5, wss)', connack.reasonCode === 0, { clientId, topicAliasMaximum: connack.topicAliasMaximum,
        receiveMaximum: connack.receiveMaximum });
    const suback = await client.subscribe({ subscriptions: [{ topicFilter: topic, qos: mqtt5.QoS.AtLeastOnce }] });
    check('subscribed', suback.reasonCodes[0] === mqtt5.SubackReasonCode.GrantedQoS1, { reasonCodes: suback.reasonCodes });
    const acks = [];
    for (const n of ['first', 'second']) {
        const result = await client.publish({ topicName: topic, qos: mqtt5.QoS.AtLeastOnce, payload: n,
            responseTopic: `${topic}/reply`, userProperties: [{ name: 'n', value: n }, { name: 'sdk', value: 'js' }] });
        acks.push(result?.reasonCode);
    }
    check('published', acks.every((c) => c === mqtt5.PubackReasonCode.Success), { acks });
    await two;
    const texts = received.map((m) => Buffer.from(m.payload).toString());
    const props = received.map((m) => (m.userProperties ?? []).map((p) => `${p.name}=${p.value}`).join(','));
    check('received intact', received.every((m) => m.topicName === topic && m.responseTopic === `${topic}/reply`)
        && texts.join() === 'first,second' && props.join(';') === 'n=first,sdk=js;n=second,sdk=js',
    { texts, props, topics: received.map((m) => m.topicName) });
    await resumeSession();
} catch (err) {
    check('no error', false, { error: err?.message ?? String(err) });
}
client.stop();
await stopped;
client.close();
finish();

/** A client with a session expiry stops, misses a message, starts again: the session and the message are back. */
async function resumeSession() {
    const sessionTopic = `${topic}/session`;
    const persistent = new mqtt5.Mqtt5Client(builder({ clientId: `${clientId}-p`, sessionExpiryIntervalSeconds: 300 })
        .withSessionBehavior(mqtt5.ClientSessionBehavior.RejoinAlways).build());
    const acks = [];
    const messages = [];
    persistent.on('connectionSuccess', (event) => acks.push(event.connack));
    persistent.on('messageReceived', (event) => messages.push(Buffer.from(event.message.payload).toString()));
    const next = (event) => new Promise((resolve) => persistent.once(event, resolve));
    let up = next('connectionSuccess');
    persistent.start();
    await up;
    await persistent.subscribe({ subscriptions: [{ topicFilter: sessionTopic, qos: mqtt5.QoS.AtLeastOnce }] });
    const down = next('stopped');
    persistent.stop();
    await down;
    await client.publish({ topicName: sessionTopic, qos: mqtt5.QoS.AtLeastOnce, payload: 'while stopped' });
    up = next('connectionSuccess');
    const delivered = next('messageReceived');
    persistent.start();
    await up;
    await delivered;
    check('session resumed after a restart', acks[1]?.sessionPresent === true,
        { sessionPresent: acks.map((a) => a.sessionPresent) });
    check('queued message delivered on return', messages[0] === 'while stopped', { messages });
    const gone = next('stopped');
    persistent.stop();
    await gone;
    persistent.close();
}
