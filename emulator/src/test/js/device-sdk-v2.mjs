// The AWS IoT Device SDK for JavaScript v2 (npm aws-iot-device-sdk-v2 1.28.0, over the native aws-crt 1.33.1 binding
// shipped in the package), MQTT 3.1.1 connection, the way a device app builds it. Two modes:
//   node device-sdk-v2.mjs <host:port> wss  <caPemPath> <accessKeyId> <secretKey> <region> [sessionToken]
//   node device-sdk-v2.mjs <host:port> mtls <caPemPath> <certPemPath> <privateKeyPemPath>
// Prints one JSON line per check and exits 0 when every check holds, 1 otherwise (45 s deadline).
// Set CRT_LOG=error|warn|info|debug|trace to have the native libraries log to stderr.
//
// How the SDK is pointed at a local endpoint:
// - The IoT builders always use TLS; the local CA replaces the system trust store through
//   with_certificate_authority_from_path(undefined, caPem). Verification stays on.
// - new_with_websockets() sets port 443, new_mtls_builder_from_path() 8883: with_port() overrides both.
// - The endpoint is both the TLS SNI / certificate name and the signed Host: use a host name (localhost), which the
//   server certificate must name.
// - wss: signs connection;host with the host WITHOUT the port, service iotdevicegateway, no X-Amz-Expires; a session
//   token is appended after signing. Subprotocol mqtt; no ALPN.
// - mtls: offers ALPN x-amzn-mqtt-ca whatever the port (as AWS IoT wants on 443); a server that does not negotiate
//   ALPN is fine.
// - connect() rejects on the first failure (no retries for the initial connect); disconnect() frees the native
//   connection. The process is ended with finish() (process.exit) in any case.
// - A server certificate the client does not trust fails only after 10-30 s: s2n-tls "blinding" delays the close
//   after a verification error (the CRT log says "Certificate is untrusted" at once). Hence the 45 s deadline.
//   A client certificate the server refuses fails at once (AWS_IO_TLS_ERROR_READ_FAILURE).

import { auth, io, iot, mqtt } from 'aws-iot-device-sdk-v2';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, mode, caPath, ...rest] = process.argv.slice(2);
const usage = 'usage: node device-sdk-v2.mjs <host:port> wss <caPemPath> <accessKeyId> <secretKey> <region> '
    + '[sessionToken]\n   or: node device-sdk-v2.mjs <host:port> mtls <caPemPath> <certPemPath> <privateKeyPemPath>';
if (!endpoint || !caPath || !((mode === 'wss' && rest.length >= 3) || (mode === 'mtls' && rest.length === 2))) {
    console.error(usage);
    process.exit(2);
}
const colon = endpoint.lastIndexOf(':');
const host = endpoint.slice(0, colon);
const port = Number(endpoint.slice(colon + 1));
deadline(45000);

if (process.env.CRT_LOG) {
    io.enable_logging(io.LogLevel[process.env.CRT_LOG.toUpperCase()]);
}

const clientId = `sdk-js-v2-${mode}-${process.pid}-${Date.now()}`;
const topic = `sdk/js-v2/${clientId}`;

function builder() {
    if (mode === 'wss') {
        const [accessKeyId, secretKey, region, sessionToken] = rest;
        return iot.AwsIotMqttConnectionConfigBuilder.new_with_websockets({
            region,
            credentials_provider: auth.AwsCredentialsProvider.newStatic(accessKeyId, secretKey,
                sessionToken || undefined),
        });
    }
    const [certPath, keyPath] = rest;
    return iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder_from_path(certPath, keyPath);
}

const config = builder()
    .with_certificate_authority_from_path(undefined, caPath)
    .with_endpoint(host)
    .with_port(port)
    .with_client_id(clientId)
    .with_clean_session(true)
    .with_keep_alive_seconds(60)
    .with_timeout_ms(10000)
    .build();
const connection = new mqtt.MqttClient().new_connection(config);
connection.on('error', (err) => console.error(`connection error: ${err?.message ?? err}`));

const started = Date.now();
let connected;
try {
    const sessionPresent = await connection.connect();
    connected = { ok: true, sessionPresent };
} catch (err) {
    connected = { ok: false, error: err?.message ?? String(err), errorName: err?.error_name };
}
check(`connected (${mode})`, connected.ok, { clientId, host, port, ms: Date.now() - started, ...connected });
if (!connected.ok) {
    finish();
}

const payload = `hello from ${clientId}`;
let onMessage;
const received = new Promise((resolve) => {
    onMessage = (t, body) => resolve({ topic: t, payload: new TextDecoder().decode(body) });
});
const granted = await connection.subscribe(topic, mqtt.QoS.AtLeastOnce, onMessage)
    .catch((err) => ({ error: err?.message ?? String(err) }));
check('subscribed (QoS 1 granted)', granted.qos === mqtt.QoS.AtLeastOnce, granted);

const published = await connection.publish(topic, payload, mqtt.QoS.AtLeastOnce)
    .then(() => null, (err) => err?.message ?? String(err));
check('published (QoS 1 acknowledged)', published === null, { error: published });

const echoed = await received;
check('own publish received back', echoed.topic === topic && echoed.payload === payload, echoed);

const closed = await connection.disconnect().then(() => null, (err) => err?.message ?? String(err));
check('clean close', closed === null, { error: closed });
finish();
