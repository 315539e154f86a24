// The demo page: settings, connect/disconnect, publish, and a live list of what arrives.
import mqtt from 'mqtt';
import { SOURCES } from './credentials.js';

const $ = (id) => document.getElementById(id);
const DEMO_POOL = 'us-east-1:1c0a3b5e-0000-4000-8000-000000000001';
let client = null;
let socket = null;

function servedByEmulator() {
    return location.pathname.startsWith('/__emulator/demo');
}

/** Defaults: the emulator that served the page; any field can be preset with ?<field>=<value> (never secrets). */
function initialSettings() {
    const query = new URLSearchParams(location.search);
    const origin = location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:8080';
    const wsOrigin = origin.replace(/^http/, 'ws');
    const defaults = servedByEmulator() ? {
        endpoint: `${wsOrigin}/mqtt`,
        cognitoEndpoint: `${origin}/`,
        presignUrl: `${origin}/__emulator/presign?identity=browser-demo`,
        identityPoolId: DEMO_POOL,
    } : {};
    for (const field of ['endpoint', 'region', 'subprotocol', 'clientId', 'identityPoolId', 'cognitoEndpoint',
        'presignUrl', 'topic', 'accessKeyId']) {
        const value = query.get(field) ?? defaults[field];
        if (value != null) {
            $(field).value = value;
        }
    }
    if (!$('clientId').value) {
        $('clientId').value = `demo-${Math.random().toString(36).slice(2, 8)}`;
    }
    const source = query.get('source');
    if (source && SOURCES[source]) {
        document.querySelector(`input[name=source][value=${source}]`).checked = true;
    }
    showSource();
}

function settings() {
    const get = (id) => $(id).value.trim();
    return {
        source: document.querySelector('input[name=source]:checked').value,
        endpoint: get('endpoint'),
        region: get('region'),
        subprotocol: get('subprotocol'),
        clientId: get('clientId'),
        identityPoolId: get('identityPoolId'),
        cognitoEndpoint: get('cognitoEndpoint'),
        presignUrl: get('presignUrl'),
        accessKeyId: get('accessKeyId'),
        secretAccessKey: $('secretAccessKey').value,
        sessionToken: $('sessionToken').value.trim(),
        topic: get('topic'),
    };
}

function showSource() {
    const source = document.querySelector('input[name=source]:checked').value;
    for (const div of document.querySelectorAll('.source')) {
        div.hidden = div.dataset.source !== source;
    }
}

function setStatus(state, detail = '') {
    $('status').dataset.state = state;
    $('status').textContent = state;
    $('detail').textContent = detail;
    const connected = state === 'connected';
    $('connect').disabled = connected || state === 'connecting';
    $('disconnect').disabled = !(connected || state === 'connecting');
    $('publishButton').disabled = !connected;
}

function showError(title, reason = '', message = '', signing = null) {
    $('error-title').textContent = title;
    $('error-reason').textContent = reason;
    $('error-message').textContent = message;
    $('error-canonical').textContent = signing ? `Canonical request:\n${signing.canonicalRequest}` : '';
    $('error-string-to-sign').textContent = signing ? `String to sign:\n${signing.stringToSign}` : '';
    $('error-signing').hidden = !signing;
    $('error').hidden = false;
}

function clearError() {
    $('error').hidden = true;
}

/**
 * A browser cannot read the body of a refused WebSocket handshake. A plain GET of the same presigned URL is
 * checked the same way by the emulator, which answers 403 with {reason, message} and CORS headers. AWS answers
 * a bare 403 (or the browser blocks the answer), which is said as such.
 */
async function explainRefusal(url) {
    try {
        const response = await fetch(url.replace(/^ws/, 'http'), { cache: 'no-store' });
        const body = await response.json().catch(() => null);
        if (body?.reason || body?.message) {
            return { status: response.status, reason: body.reason ?? '', message: body.message ?? '',
                signing: body.canonicalRequest ? body : null };
        }
        return { status: response.status, reason: '', message: 'The endpoint gave no reason.' };
    } catch {
        return { status: 0, reason: '', message: 'No reason available: the endpoint did not answer a GET of the '
            + 'URL with CORS headers (AWS IoT answers a bad signature with a bare 403).' };
    }
}

async function connect(event) {
    event.preventDefault();
    clearError();
    disconnect();
    const s = settings();
    setStatus('connecting', `getting credentials (${s.source})…`);
    let presigned;
    try {
        presigned = await SOURCES[s.source](s);
    } catch (err) {
        setStatus('error');
        showError('Could not get credentials', '', err.message);
        return;
    }
    setStatus('connecting', `${presigned.identity}; opening WebSocket…`);
    let connectedOnce = false;
    const c = mqtt.connect(presigned.url, {
        clientId: s.clientId,
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        keepalive: 60,
        reconnectPeriod: 0,
        connectTimeout: 15_000,
        // Offer exactly the subprotocol chosen, as the AWS SDKs do (mqttv3.1) or mqtt.js does (mqtt).
        createWebsocket: (url) => {
            socket = new WebSocket(url, [s.subprotocol]);
            return socket;
        },
    });
    client = c;
    c.on('connect', () => {
        connectedOnce = true;
        c.subscribe(s.topic, { qos: 1 }, (err, granted) => {
            if (err || !granted?.length || granted[0].qos === 128) {
                showError('Subscription refused', '', `${s.topic}: ${err?.message ?? 'the broker refused it'}`);
                return;
            }
            setStatus('connected', `as ${s.clientId}, subprotocol ${socket?.protocol || '?'}, subscribed to `
                + `${s.topic}; ${presigned.identity}`);
        });
    });
    c.on('message', (topic, payload) => addMessage(topic, payload));
    c.on('error', (err) => {
        if (client === c && connectedOnce) {
            showError('Connection error', '', err.message);
        }
    });
    c.on('close', async () => {
        if (client !== c) {
            return;
        }
        client = null;
        c.end(true);
        if (connectedOnce) {
            setStatus('disconnected', 'the connection closed');
            return;
        }
        setStatus('error', 'the WebSocket handshake was refused');
        const why = await explainRefusal(presigned.url);
        showError(`Connection refused${why.status ? ` (HTTP ${why.status})` : ''}`, why.reason, why.message,
            why.signing);
    });
}

function disconnect() {
    if (client) {
        const c = client;
        client = null;
        c.end(true);
        setStatus('disconnected');
    }
}

function publish(event) {
    event.preventDefault();
    const s = settings();
    const text = $('message').value;
    if (!client || !text) {
        return;
    }
    const payload = JSON.stringify({ sender: s.clientId, text, sentAt: new Date().toISOString() });
    client.publish(s.topic, payload, { qos: 1 }, (err) => {
        if (err) {
            showError('Publish failed', '', err.message);
        }
    });
    $('message').value = '';
}

function addMessage(topic, payload) {
    const raw = new TextDecoder().decode(payload);
    let sender = '(unknown sender)';
    let text = raw;
    try {
        const json = JSON.parse(raw);
        if (json && typeof json === 'object' && 'text' in json) {
            text = String(json.text);
            sender = String(json.sender ?? sender);
        }
    } catch {
        // Not the page's JSON envelope: show it as sent.
    }
    const li = document.createElement('li');
    for (const [cls, value] of [['time', new Date().toLocaleTimeString()], ['topic', topic], ['sender', sender],
        ['text', text]]) {
        const span = document.createElement('span');
        span.className = cls;
        span.textContent = value;
        li.append(span, ' ');
    }
    $('messages').append(li);
}

document.addEventListener('DOMContentLoaded', () => {
    initialSettings();
    for (const radio of document.querySelectorAll('input[name=source]')) {
        radio.addEventListener('change', showSource);
    }
    $('settings').addEventListener('submit', connect);
    $('disconnect').addEventListener('click', disconnect);
    $('publish').addEventListener('submit', publish);
    $('clear').addEventListener('click', () => $('messages').replaceChildren());
});
