// The MQTT test client, like the AWS console's: connects as a configured access key over a WebSocket the emulator
// presigns, so the emulator checks it like any device (SigV4, IoT policies, AWS's limits), and a denial ends it as
// it would end a device's connection.
import mqtt from 'mqtt';
import { api, explainRefusedUrl } from '../api.js';
import { badge, facts, field, fill, h } from '../dom.js';
import { filterProblem } from '../topics.js';
import { explain } from '../explain.js';
import { createInbox } from './inbox.js';

export function createClient(section, { navigate }) {
    let client = null;
    let currentId = null;
    let denial = null;
    let identities = [];
    const subscriptions = new Map();

    const identity = h('select', { id: 'client-identity', onChange: suggestClientId });
    const clientId = h('input', { id: 'client-id', size: 24, spellcheck: 'false' });
    const connectButton = h('button', { id: 'client-connect', type: 'submit' }, 'Connect');
    const disconnectButton = h('button', { id: 'client-disconnect', type: 'button', disabled: true,
        onClick: () => end('disconnected') }, 'Disconnect');
    const state = h('strong', { id: 'client-state', dataset: { state: 'disconnected' } }, 'disconnected');
    const why = h('div', { id: 'client-why', class: 'why', 'aria-live': 'polite' });

    const filter = h('input', { id: 'client-filter', value: 'demo/#', size: 24, spellcheck: 'false' });
    const subQos = qosSelect('client-sub-qos');
    const subscribeButton = h('button', { id: 'client-subscribe', type: 'submit', disabled: true }, 'Subscribe');
    const subscribed = h('ul', { id: 'client-subscriptions', class: 'chips' });

    const topic = h('input', { id: 'client-topic', value: 'demo/console', size: 24, spellcheck: 'false' });
    const pubQos = qosSelect('client-pub-qos');
    const retain = h('input', { id: 'client-retain', type: 'checkbox' });
    const payload = h('textarea', { id: 'client-payload', rows: 4, cols: 48, spellcheck: 'false' },
        '{\n  "message": "Hello from the emulator console"\n}');
    const publishButton = h('button', { id: 'client-publish', type: 'submit', disabled: true }, 'Publish');
    const inbox = createInbox();

    section.append(
        h('p', { class: 'intro' }, 'Connects from this page as the chosen access key, over a WebSocket the emulator '
            + 'presigns: the emulator checks it like any device, so a denial ends the connection as it would end a '
            + 'device\'s (AWS IoT closes an MQTT 3.1.1 connection for a denied publish or subscribe).'),
        h('form', { class: 'toolbar', onSubmit: (e) => {
            e.preventDefault();
            connect();
        } }, field('Access key', identity), field('Client id', clientId), connectButton, disconnectButton,
        h('span', null, 'Status: ', state)),
        why,
        h('div', { class: 'columns' },
            h('form', { class: 'card', onSubmit: (e) => {
                e.preventDefault();
                subscribe();
            } }, h('h3', null, 'Subscribe'), field('Topic filter', filter), field('QoS', subQos), subscribeButton,
            subscribed),
            h('form', { class: 'card', onSubmit: (e) => {
                e.preventDefault();
                publish();
            } }, h('h3', null, 'Publish'), field('Topic', topic), h('div', { class: 'row' }, field('QoS', pubQos),
                h('label', { class: 'check' }, retain, ' Retain')), field('Payload', payload), publishButton)),
        h('h3', null, 'Received'),
        inbox.element);

    function qosSelect(id) {
        return h('select', { id }, h('option', { value: '0' }, '0'), h('option', { value: '1', selected: true }, '1'));
    }

    function suggestClientId() {
        const key = identities.find((i) => i.accessKeyId === identity.value);
        const scoped = key?.policies?.length && !key.policies.includes('AllowEverything');
        clientId.value = `${scoped ? 'device' : 'console'}-${Math.random().toString(36).slice(2, 8)}`;
    }

    function setState(name, text = name) {
        state.dataset.state = name;
        state.textContent = text;
        const connected = name === 'connected';
        connectButton.disabled = connected || name === 'connecting';
        disconnectButton.disabled = !(connected || name === 'connecting');
        subscribeButton.disabled = !connected;
        publishButton.disabled = !connected;
    }

    async function connect() {
        end(null);
        fill(why);
        setState('connecting', 'connecting…');
        let presigned;
        try {
            presigned = await api.presign(identity.value);
        } catch (err) {
            setState('error', 'error');
            fill(why, h('p', { class: 'error' }, err.message));
            return;
        }
        let connectedOnce = false;
        const id = clientId.value.trim();
        currentId = id;
        denial = null;
        const c = mqtt.connect(presigned.url, { clientId: id, protocolVersion: 4, clean: true, keepalive: 60,
            reconnectPeriod: 0, connectTimeout: 15_000 });
        client = c;
        subscriptions.clear();
        renderSubscriptions();
        c.on('connect', () => {
            connectedOnce = true;
            setState('connected', `connected as ${id} (${presigned.name})`);
        });
        c.on('message', (t, message, packet) => inbox.add(t, message, packet));
        c.on('close', async () => {
            if (client !== c) {
                return;
            }
            client = null;
            c.end(true);
            if (connectedOnce) {
                setState('disconnected', 'closed by the emulator');
                if (!denial) {
                    fill(why, h('p', null, 'The emulator closed the connection. If a policy denied something, it is ',
                        'shown here and in ', h('a', { href: '#/refusals' }, 'Why was I refused?'), '.'));
                }
            } else {
                setState('error', 'refused');
                fill(why, h('p', { class: 'error' }, 'The WebSocket was refused: ',
                    await explainRefusedUrl(presigned.url)));
            }
        });
    }

    function end(stateName) {
        if (client) {
            const c = client;
            client = null;
            c.end(true);
        }
        if (stateName) {
            setState(stateName);
        }
    }

    function subscribe() {
        const text = filter.value.trim();
        const problem = filterProblem(text);
        if (problem) {
            fill(why, h('p', { class: 'error' }, `${text}: ${problem}`));
            return;
        }
        const qos = Number(subQos.value);
        client?.subscribe(text, { qos }, (err, granted) => {
            if (denial) {
                return; // the denial that ended the connection says more than "Connection closed"
            }
            if (err || granted?.[0]?.qos === 128) {
                fill(why, h('p', { class: 'error' }, `Subscription to ${text} refused: ${err?.message ?? 'SUBACK 0x80'}`));
                return;
            }
            subscriptions.set(text, qos);
            renderSubscriptions();
        });
    }

    function renderSubscriptions() {
        fill(subscribed, [...subscriptions].map(([text, qos]) => h('li', { dataset: { filter: text } },
            h('span', { class: 'mono' }, text), ` QoS ${qos} `,
            h('button', { type: 'button', class: 'small', 'aria-label': `Unsubscribe from ${text}`, onClick: () => {
                client?.unsubscribe(text);
                subscriptions.delete(text);
                renderSubscriptions();
            } }, '×'))));
    }

    function publish() {
        client?.publish(topic.value.trim(), payload.value, { qos: Number(pubQos.value), retain: retain.checked },
            (err) => {
                if (err && !denial) {
                    fill(why, h('p', { class: 'error' }, `Publish failed: ${err.message}`));
                }
            });
    }

    return {
        async show(params) {
            if (identities.length === 0) {
                try {
                    identities = (await api.identities()).identities;
                } catch (err) {
                    fill(why, h('p', { class: 'error' }, `Cannot list the access keys: ${err.message}`));
                    return;
                }
                fill(identity, identities.map((i) => h('option', { value: i.accessKeyId, selected: i.default },
                    `${i.name} · ${i.accessKeyId} · ${i.policies === null ? 'no IoT policy' : i.policies.join(', ')
                        || 'no policy: denied everything'}`)));
                suggestClientId();
            }
            if (params.get('accessKeyId')) {
                identity.value = params.get('accessKeyId');
            }
        },
        onEvent(type, data) {
            if (type === 'denial' && currentId && data.clientId === currentId) {
                denial = data;
                const shown = explain('denial', data);
                fill(why, h('div', { class: 'denied', role: 'alert' }, badge(shown.code),
                    h('strong', null, ` ${shown.title} `), h('span', { class: 'mono' }, data.resource),
                    facts(shown.sections.map((s) => [s.label, s.text])),
                    h('button', { type: 'button', class: 'small', onClick: () => navigate('refusals') },
                        'Open in Why was I refused?')));
            }
        },
    };
}
