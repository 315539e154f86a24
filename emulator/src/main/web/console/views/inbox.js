// The test client's received messages: newest first, the newest 200 kept, each opening with its payload.
import { activatable, badge, fill, h } from '../dom.js';
import { bytesText, clockTime, describePayload, payloadOf } from '../format.js';
import { payloadPanel } from './payload.js';

const KEEP = 200;

export function createInbox() {
    const received = [];
    const rows = h('tbody', { id: 'client-received' });
    const detail = h('div', { class: 'detail' });
    const element = h('div', { class: 'split', id: 'client-split' },
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'client-received-table' },
            h('thead', null, h('tr', null, ['Time', 'Topic', 'QoS', 'Flags', 'Payload', 'Size']
                .map((c) => h('th', { scope: 'col' }, c)))), rows)),
        detail);

    function open(message) {
        fill(detail, h('h4', { class: 'mono' }, message.topic), payloadPanel(message));
        element.classList.add('open');
    }

    return {
        element,
        /** A message as mqtt.js hands it over: topic, payload bytes, the PUBLISH packet. */
        add(topic, bytes, packet) {
            received.unshift({ time: new Date().toISOString(), topic, qos: packet.qos, retain: packet.retain,
                ...payloadOf(bytes) });
            received.length = Math.min(received.length, KEEP);
            fill(rows, received.map((m) => {
                const shown = describePayload(m);
                return activatable(h('tr', { dataset: { topic: m.topic } },
                    h('td', { class: 'mono nowrap' }, clockTime(m.time)), h('td', { class: 'mono topic' }, m.topic),
                    h('td', { class: 'num' }, m.qos), h('td', null, m.retain ? badge('retain') : null),
                    h('td', { class: 'mono preview' }, shown.preview), h('td', { class: 'num' }, bytesText(shown.size))),
                () => open(m));
            }));
        },
    };
}
