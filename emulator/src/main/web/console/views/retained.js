// Retained messages: what a new subscriber to each topic gets; delete one as AWS does (an empty retained publish).
import { api } from '../api.js';
import { activatable, fill, h } from '../dom.js';
import { bytesText, clockTime, describePayload } from '../format.js';
import { payloadPanel } from './payload.js';

export function createRetained(section) {
    let timer = null;
    const rows = h('tbody', { id: 'retained-rows' });
    const detail = h('div', { class: 'detail' }, h('p', { class: 'muted' }, 'Select a message to see its payload.'));
    const count = h('span', { class: 'muted', role: 'status' });
    section.append(
        h('div', { class: 'toolbar' }, h('button', { type: 'button', onClick: refresh }, 'Refresh'), count),
        h('div', { class: 'split', id: 'retained-split' },
            h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'retained-table' },
                h('thead', null, h('tr', null, ['Topic', 'QoS', 'Set at', 'Payload', 'Size', '']
                    .map((c) => h('th', { scope: 'col' }, c)))), rows)),
            detail));

    async function refresh() {
        const answer = await api.retained().catch(() => ({ retained: [], count: 0 }));
        fill(count, `${answer.count} retained`);
        fill(rows, answer.retained.length ? answer.retained.map((r) => {
            const shown = describePayload(r);
            const remove = h('button', { type: 'button', class: 'small danger', onClick: async (e) => {
                e.stopPropagation();
                await api.publish(r.topic, '', 0, true);
                refresh();
            } }, 'Delete');
            return activatable(h('tr', { dataset: { topic: r.topic } },
                h('td', { class: 'mono topic' }, r.topic), h('td', { class: 'num' }, r.qos),
                h('td', { class: 'nowrap' }, clockTime(r.lastModified)),
                h('td', { class: 'mono preview' }, shown.preview), h('td', { class: 'num' }, bytesText(shown.size)),
                h('td', null, remove)),
            () => openDetail(h('h3', { class: 'mono' }, r.topic), payloadPanel(r)));
        }) : h('tr', null, h('td', { colspan: 6, class: 'muted' }, 'No retained message.')));
    }


    function openDetail(...content) {
        fill(detail, ...content);
        detail.parentElement.classList.add('open');
    }

    return {
        show: refresh,
        onEvent(type, data) {
            if (type === 'message' && data.retain && !section.hidden) {
                clearTimeout(timer);
                timer = setTimeout(refresh, 250);
            }
        },
    };
}
