// Drives the emulator with AWS Amplify 6 PubSub exactly as an Amplify app is configured, apart from the endpoints:
// guest (unauthenticated) credentials from a Cognito identity pool, and PubSub with its default client id (a UUID)
// over wss:// (Amplify has no ws:// option). Amplify's bundled Paho client speaks MQTT 3.1 (protocol level 3).
//
//   node amplify-pubsub.mjs <host:httpsPort> <identityPoolId> <region>
//
// The emulator's CA must be trusted: NODE_EXTRA_CA_CERTS=<ca.pem>. Amplify's Paho client needs the WebSocket a
// browser has; in Node the `ws` package provides it.
//
// Checks: guest credentials (an identity id and a session token from the emulator's Cognito), subscribed (PubSub
// reports Connected), message received (what PubSub published to the identity's own inbox comes back), client id
// (PubSub's default, a 36-character UUID).

import WebSocket from 'ws';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { CONNECTION_STATE_CHANGE, ConnectionState, PubSub } from '@aws-amplify/pubsub';
import { check, deadline, finish } from './checks.mjs';

globalThis.WebSocket = WebSocket;

const [endpoint, identityPoolId, region] = process.argv.slice(2);
if (!endpoint || !identityPoolId || !region) {
    console.error('usage: node amplify-pubsub.mjs <host:httpsPort> <identityPoolId> <region>');
    process.exit(2);
}
deadline(30000);

Amplify.configure({
    Auth: {
        Cognito: {
            identityPoolId,
            allowGuestAccess: true,
            // Against AWS this is left out: Amplify derives cognito-identity.<region>.amazonaws.com.
            identityPoolEndpoint: `https://${endpoint}`,
        },
    },
});

const session = await fetchAuthSession();
const identityId = session.identityId;
check('guest credentials', Boolean(identityId && session.credentials?.sessionToken),
    { identityId, accessKeyId: session.credentials?.accessKeyId });

// Against AWS: wss://<prefix>-ats.iot.<region>.amazonaws.com/mqtt
const pubsub = new PubSub({ region, endpoint: `wss://${endpoint}/mqtt` });
const topic = `private/${identityId}/amplify`;
const payload = { from: 'amplify', at: Date.now() };

const connected = new Promise((resolve) => {
    Hub.listen('pubsub', ({ payload: event }) => {
        if (event.event === CONNECTION_STATE_CHANGE) {
            console.log(JSON.stringify({ connectionState: event.data.connectionState }));
            if (event.data.connectionState === ConnectionState.Connected) {
                resolve();
            }
        }
    });
});

const received = new Promise((resolve, reject) => {
    pubsub.subscribe({ topics: [topic] }).subscribe({
        next: (message) => resolve(message),
        error: (error) => reject(new Error(`subscription failed: ${JSON.stringify(error)}`)),
    });
});

try {
    await connected;
    check('subscribed', true, { topic });
    await pubsub.publish({ topics: [topic], message: payload });
    const message = await received;
    check('message received', message.at === payload.at && message.from === 'amplify', message);
    check('default client id', /^[0-9a-f-]{36}$/.test(pubsub.clientId ?? ''), { clientId: pubsub.clientId });
    finish();
} catch (error) {
    finish(String(error?.stack ?? error));
}
