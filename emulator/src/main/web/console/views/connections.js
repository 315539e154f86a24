// Connected clients: who, how, since when, what they subscribed to; disconnect one with an AWS disconnect reason.
import { api } from '../api.js';
import { badge, fill, h } from '../dom.js';
import { age, clockTime } from '../format.js';

const REASONS = ['API_INITIATED_DISCONNECT', 'SERVER_INITIATED_DISCONNECT', 'AUTH_ERROR', 'FORBIDDEN_ACCESS',
    'CLIENT_ERROR', 'CONNECTION_LOST', 'DUPLICATE_CLIENTID', 'MQTT_KEEP_ALIVE_TIMEOUT', 'SERVER_ERROR', 'THROTTLED',
    'WEBSOCKET_TTL_EXPIRATION'];
const PROTOCOLS = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5' };

export function createConnections(section) {
    let visible = false;
    let timer = null;
    const rows = h('tbody', { id: 'connections-rows' });
    const count = h('span', { class: 'muted', role: 'status', id: 'connections-count' });
    const message = h('div', { 'aria-live': 'polite' });
    section.append(
        h('div', { class: 'toolbar' }, h('button', { type: 'button', onClick: refresh }, 'Refresh'), count),
        message,
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'connections-table' },
            h('thead', null, h('tr', null, ['Client id', 'Principal', 'Transport', 'Protocol', 'Keep-alive',
                'Connected', 'Subscriptions', 'Queued / in flight', 'Disconnect']
                .map((c) => h('th', { scope: 'col' }, c)))), rows)));

    async function refresh() {
        let answer;
        try {
            answer = await api.clients();
        } catch (err) {
            fill(message, h('p', { class: 'error' }, err.message));
            return;
        }
        fill(message);
        fill(count, `${answer.count} connected`);
        fill(rows, answer.clients.length ? answer.clients.map(row)
            : h('tr', null, h('td', { colspan: 9, class: 'muted' }, 'No client is connected.')));
    }

    function row(c) {
        const reason = h('select', { 'aria-label': `Disconnect reason for ${c.clientId}` },
            REASONS.map((r) => h('option', { value: r }, r)));
        return h('tr', { dataset: { clientId: c.clientId } },
            h('td', { class: 'mono' }, c.clientId),
            h('td', { class: 'mono' }, c.principal),
            h('td', null, badge(c.transport)),
            h('td', null, PROTOCOLS[c.protocolVersion] ?? `level ${c.protocolVersion}`),
            h('td', { class: 'num nowrap' }, c.keepAliveSeconds === c.keepAliveEffectiveSeconds
                ? `${c.keepAliveSeconds} s` : `${c.keepAliveSeconds} s → ${c.keepAliveEffectiveSeconds} s`),
            h('td', { class: 'nowrap', title: c.connectedAt ?? '' },
                c.connectedAt ? `${clockTime(c.connectedAt)} (${age(c.connectedAt)})` : '—'),
            h('td', { class: 'mono' }, c.subscriptions.length ? c.subscriptions.join(', ') : '—'),
            h('td', { class: 'num' }, `${c.queued} / ${c.inFlight}`),
            h('td', { class: 'nowrap' }, reason, ' ', h('button', { type: 'button', class: 'small', onClick: async () => {
                try {
                    await api.disconnect(c.clientId, reason.value);
                } catch (err) {
                    fill(message, h('p', { class: 'error' }, err.message));
                }
                refresh();
            } }, 'Disconnect')));
    }

    return {
        show() {
            visible = true;
            refresh();
        },
        onEvent(type) {
            if (type !== 'client' || section.hidden) {
                return;
            }
            clearTimeout(timer);
            timer = setTimeout(refresh, 250);
        },
    };
}
