// Drives the emulator's control plane with the AWS SDK for JavaScript v3 (@aws-sdk/client-iot), as a setup script
// would: a thing type, a thing with attributes, a policy, keys and a certificate, attachments, the endpoint; then a
// device connects over MQTT with TLS (mqtt.js) with that certificate, is authorized by that policy, and is refused
// once the certificate is INACTIVE. Also paging through 250 things and AWS's error codes.
// Usage: node control-plane.mjs <host:port> <accessKeyId> <secretAccessKey> <mqttsPort> <caPem>

import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import {
    IoTClient, CreateThingTypeCommand, CreateThingCommand, DescribeThingCommand, UpdateThingCommand,
    CreatePolicyCommand, CreateKeysAndCertificateCommand, AttachPolicyCommand, AttachThingPrincipalCommand,
    DescribeEndpointCommand, UpdateCertificateCommand, paginateListThings,
} from '@aws-sdk/client-iot';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, accessKeyId, secretAccessKey, mqttsPort, caPem] = process.argv.slice(2);
const iot = new IoTClient({ endpoint: `http://${endpoint}`, region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey } });
deadline(60_000);

const policy = JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 'iot:Connect',
      Resource: 'arn:aws:iot:us-east-1:000000000000:client/${iot:Connection.Thing.ThingName}' },
    { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'],
      Resource: 'arn:aws:iot:us-east-1:000000000000:topic/${iot:Connection.Thing.ThingTypeName}/${iot:Connection.Thing.ThingName}/*' },
    { Effect: 'Allow', Action: 'iot:Subscribe',
      Resource: 'arn:aws:iot:us-east-1:000000000000:topicfilter/${iot:Connection.Thing.ThingTypeName}/${iot:Connection.Thing.ThingName}/*' },
] });

/** Connects over MQTT with TLS and a client certificate; resolves to the client, or rejects with why not. */
function connect(host, cert, key, clientId) {
    return new Promise((resolve, reject) => {
        const client = mqtt.connect(`mqtts://${host}:${mqttsPort}`, { clientId, cert, key, ca: readFileSync(caPem),
            protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000 });
        client.once('connect', () => resolve(client));
        client.once('error', (e) => { client.end(true); reject(e); });
        client.once('close', () => reject(new Error('closed before CONNACK')));
    });
}

async function errorName(promise) {
    try {
        await promise;
        return 'no error';
    } catch (e) {
        return `${e.name} ${e.$metadata?.httpStatusCode}`;
    }
}

try {
    await iot.send(new CreateThingTypeCommand({ thingTypeName: 'sensor' }));
    const thing = await iot.send(new CreateThingCommand({ thingName: 'js-sensor', thingTypeName: 'sensor',
        attributePayload: { attributes: { floor: '3' } } }));
    const described = await iot.send(new DescribeThingCommand({ thingName: 'js-sensor' }));
    check('thing-created', thing.thingArn === 'arn:aws:iot:us-east-1:000000000000:thing/js-sensor'
        && described.attributes.floor === '3' && described.version === 1, described);
    await iot.send(new CreatePolicyCommand({ policyName: 'JsSensorPolicy', policyDocument: policy }));
    const keys = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(new AttachPolicyCommand({ policyName: 'JsSensorPolicy', target: keys.certificateArn }));
    await iot.send(new AttachThingPrincipalCommand({ thingName: 'js-sensor', principal: keys.certificateArn }));
    const { endpointAddress } = await iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }));
    check('endpoint-is-a-host-name', endpointAddress === 'localhost', endpointAddress);

    const device = await connect(endpointAddress, keys.certificatePem, keys.keyPair.PrivateKey, 'js-sensor');
    const received = new Promise((resolve) => device.once('message', (topic, payload) => resolve(`${payload}`)));
    await device.subscribeAsync('sensor/js-sensor/temperature', { qos: 1 });
    await device.publishAsync('sensor/js-sensor/temperature', '21.5', { qos: 1 });
    check('device-authorized-by-the-policy', await received === '21.5');
    const denied = await device.subscribeAsync('sensor/other/temperature', { qos: 1 }).then(() => 'subscribed',
        () => 'refused');
    check('device-refused-outside-the-policy', denied === 'refused' || !device.connected, denied);
    device.end(true);

    await iot.send(new UpdateCertificateCommand({ certificateId: keys.certificateId, newStatus: 'INACTIVE' }));
    const refused = await connect(endpointAddress, keys.certificatePem, keys.keyPair.PrivateKey, 'js-sensor')
        .then((c) => { c.end(true); return 'connected'; }, (e) => `refused: ${e.message}`);
    check('inactive-certificate-refused', refused.startsWith('refused'), refused);

    for (let i = 0; i < 250; i += 25) {
        await Promise.all(Array.from({ length: 25 }, (_, j) => iot.send(new CreateThingCommand({
            thingName: `js-paged-${String(i + j).padStart(3, '0')}`, attributePayload: { attributes: { batch: 'js' } } }))));
    }
    const names = [];
    let pages = 0;
    for await (const page of paginateListThings({ client: iot, pageSize: 100 },
        { attributeName: 'batch', attributeValue: 'js' })) {
        pages++;
        names.push(...page.things.map((t) => t.thingName));
    }
    check('paging-through-250-things', names.length === 250 && pages === 3 && names[249] === 'js-paged-249',
        { count: names.length, pages });

    check('duplicate-name', await errorName(iot.send(new CreatePolicyCommand({ policyName: 'JsSensorPolicy',
        policyDocument: policy }))) === 'ResourceAlreadyExistsException 409');
    check('missing-resource', await errorName(iot.send(new DescribeThingCommand({ thingName: 'js-missing' })))
        === 'ResourceNotFoundException 404');
    check('version-conflict', await errorName(iot.send(new UpdateThingCommand({ thingName: 'js-sensor',
        expectedVersion: 7, attributePayload: { attributes: { floor: '4' } } }))) === 'VersionConflictException 409');
    finish();
} catch (e) {
    finish(`${e.name}: ${e.message}`);
}
