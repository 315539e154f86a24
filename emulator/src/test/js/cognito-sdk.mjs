// The AWS SDK for JavaScript v3 Cognito Identity client, pointed at the emulator, gets temporary credentials for an
// unauthenticated identity; mqtt.js then opens an MQTT WebSocket presigned with them and round-trips a message.
//
//   node cognito-sdk.mjs --endpoint=127.0.0.1:8080 --pool=<identity pool id> [--region=us-east-1] [--topic=t]
//
// Events (one JSON object per line): identity, credentials (never the secret), connected, received, done.
// Exit 1 with a "fail" event on any failure or after 30 s.

import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import v4 from 'aws-signature-v4';
import mqtt from 'mqtt';

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (!m) {
        throw new Error(`unrecognised argument ${a}; use --name=value`);
    }
    return [m[1], m[2]];
}));
const region = args.region ?? 'us-east-1';
const topic = args.topic ?? 'demo/cognito-sdk';

function emit(event, fields = {}) {
    process.stdout.write(JSON.stringify({ event, ...fields }) + '\n');
}

async function main() {
    const cognito = new CognitoIdentityClient({ region, endpoint: `http://${args.endpoint}`, maxAttempts: 1 });
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: args.pool }));
    emit('identity', { identityId: IdentityId });
    const { Credentials: c, IdentityId: sameId } = await cognito.send(
        new GetCredentialsForIdentityCommand({ IdentityId }));
    emit('credentials', {
        identityId: sameId,
        accessKeyId: c.AccessKeyId,
        hasSecretKey: typeof c.SecretKey === 'string' && c.SecretKey.length > 0,
        hasSessionToken: typeof c.SessionToken === 'string' && c.SessionToken.length > 0,
        expirationIsDate: c.Expiration instanceof Date,
        expiration: c.Expiration instanceof Date ? c.Expiration.toISOString() : String(c.Expiration),
    });

    const url = v4.createPresignedURL('GET', args.endpoint, '/mqtt', 'iotdevicegateway', '', {
        key: c.AccessKeyId, secret: c.SecretKey, sessionToken: c.SessionToken, protocol: 'ws', region, expires: 300,
    });
    const client = await new Promise((resolve, reject) => {
        const m = mqtt.connect(url, { clientId: 'cognito-sdk', protocolVersion: 4, reconnectPeriod: 0,
            connectTimeout: 10_000 });
        m.once('connect', () => resolve(m));
        m.once('error', reject);
        m.once('close', () => reject(new Error('closed before CONNACK (the WebSocket upgrade was refused?)')));
    });
    client.removeAllListeners('close');
    emit('connected', { clientId: 'cognito-sdk' });
    const received = new Promise((resolve) => client.on('message', (t, p) => resolve({ topic: t, payload: `${p}` })));
    await client.subscribeAsync(topic, { qos: 1 });
    await client.publishAsync(topic, 'hello from the Cognito identity', { qos: 1 });
    emit('received', await received);
    await client.endAsync();
    emit('done');
}

const deadline = setTimeout(() => {
    emit('fail', { message: 'timed out after 30 s' });
    process.exit(1);
}, 30_000);
deadline.unref();
main().then(() => process.exit(0), (err) => {
    emit('fail', { message: `${err.name}: ${err.message}` });
    process.exit(1);
});
