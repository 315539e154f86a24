// Live messages: every publish through the emulator (MQTT, HTTP, admin, its own services), newest first, with a
// filter, pause, clear and a bounded buffer.
import { activatable, badge, facts, fill, h } from '../dom.js';
import { liveFilter, SOURCES } from '../filter.js';
import { bytesText, clockTime, describePayload } from '../format.js';
import { Ring } from '../ring.js';
import { payloadPanel } from './payload.js';

const CAPACITY = 1000;
const COLUMNS = [{ id: 'time', title: 'Time' }, { id: 'source', title: 'Source' }, { id: 'topic', title: 'Topic' },
    { id: 'client', title: 'Client' }, { id: 'qos', title: 'QoS' }, { id: 'flags', title: 'Flags', optional: true },
    { id: 'payload', title: 'Payload' }, { id: 'size', title: 'Size', optional: true }];

export function createLive(section) {
    const ring = new Ring(CAPACITY);
    let paused = false;
    let unseen = 0;
    let lost = 0;
    let scheduled = false;
    let selected = null;
    let show = liveFilter();
    const messageOf = new WeakMap();

    const topic = h('input', { id: 'live-topic', type: 'search', placeholder: 'demo/# or any text', size: 28,
        onInput: refilter });
    const client = h('input', { id: 'live-client', type: 'search', placeholder: 'client id or key', size: 20,
        onInput: refilter });
    const sources = SOURCES.map((source) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', id: `live-source-${source}`, value: source, checked: true,
            onChange: refilter }), ' ', source));
    const pause = h('button', { id: 'live-pause', type: 'button', 'aria-pressed': 'false', onClick: togglePause },
        'Pause');
    const clear = h('button', { id: 'live-clear', type: 'button', onClick: () => {
        ring.clear();
        unseen = 0;
        selected = null;
        split.classList.remove('open');
        render();
    } }, 'Clear');
    const count = h('span', { id: 'live-count', class: 'muted', role: 'status' });
    const rows = h('tbody', { id: 'live-rows' });
    const detail = h('aside', { id: 'live-detail', class: 'detail', 'aria-live': 'polite' },
        h('p', { class: 'muted' }, 'Select a message to see its payload.'));

    const columns = h('colgroup');
    const head = h('thead');
    const split = h('div', { class: 'split' },
        h('div', { class: 'table-wrap' }, h('table', { id: 'live-table', class: 'grid fixed' }, columns, head, rows)),
        detail);
    section.append(
        h('form', { class: 'toolbar', role: 'search', onSubmit: (e) => e.preventDefault() },
            h('label', { class: 'field inline' }, h('span', { class: 'label' }, 'Topic'), topic),
            h('label', { class: 'field inline' }, h('span', { class: 'label' }, 'Client'), client),
            h('fieldset', { class: 'inline' }, h('legend', { class: 'sr-only' }, 'Sources'), sources),
            pause, clear, count),
        split);

    function refilter() {
        show = liveFilter({ topic: topic.value, client: client.value,
            sources: sources.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value) });
        render();
    }

    function togglePause() {
        paused = !paused;
        pause.textContent = paused ? 'Resume' : 'Pause';
        pause.setAttribute('aria-pressed', String(paused));
        if (!paused) {
            unseen = 0;
            render();
        } else {
            status();
        }
    }

    function status() {
        const shown = rows.childElementCount;
        fill(count, `${shown} shown of ${ring.size} kept (newest ${CAPACITY})`,
            paused ? ` · paused, ${unseen} new` : '', lost ? ` · ${lost} not received (the console fell behind)` : '');
    }

    /** The columns; with a message open beside the table, the narrow ones that matter least give way. */
    function shownColumns() {
        return COLUMNS.filter((c) => !(split.classList.contains('open') && c.optional));
    }

    function render() {
        scheduled = false;
        const shownCols = shownColumns();
        if (columns.childElementCount !== shownCols.length) {
            fill(columns, shownCols.map((c) => h('col', { class: `w-${c.id}` })));
            fill(head, h('tr', null, shownCols.map((c) => h('th', { scope: 'col' }, c.title))));
        }
        // Rows are rebuilt: keep the keyboard focus on the same message.
        const focused = messageOf.get(document.activeElement);
        const messages = ring.items().filter(show).reverse();
        fill(rows, messages.map((message) => row(message, shownCols)));
        if (focused) {
            [...rows.children].find((tr) => messageOf.get(tr) === focused)?.focus();
        }
        status();
    }

    function row(message, shownCols) {
        const payload = describePayload(message);
        const who = message.clientId ?? message.principal ?? '—';
        const cells = {
            time: () => h('td', { class: 'mono nowrap' }, clockTime(message.time)),
            source: () => h('td', null, badge(message.source ?? 'mqtt')),
            topic: () => h('td', { class: 'mono topic' }, message.topic),
            client: () => h('td', { class: 'mono clip', title: who }, who),
            qos: () => h('td', { class: 'num' }, message.qos),
            flags: () => h('td', null, message.retain ? badge('retain') : null,
                message.properties ? badge('MQTT 5', 'v5') : null),
            payload: () => h('td', { class: 'mono preview' }, payload.preview),
            size: () => h('td', { class: 'num nowrap' }, bytesText(payload.size)),
        };
        const tr = h('tr', { class: message === selected ? 'selected' : null,
            dataset: { topic: message.topic, source: message.source ?? 'mqtt' } }, shownCols.map((c) => cells[c.id]()));
        messageOf.set(tr, message);
        return activatable(tr, () => open(message));
    }

    function open(message) {
        selected = message;
        split.classList.add('open');
        render();
        fill(detail, h('div', { class: 'detail-head' }, h('h3', { class: 'mono' }, message.topic),
            h('button', { type: 'button', class: 'small', 'aria-label': 'Close the message', onClick: () => {
                selected = null;
                split.classList.remove('open');
                render();
            } }, '×')),
            facts([['Time', message.time], ['Source', message.source], ['Client id', message.clientId],
                ['Principal', message.principal], ['QoS', String(message.qos)],
                ['Retain', message.retain ? 'yes' : 'no']]),
            payloadPanel(message));
    }

    return {
        onEvent(type, data) {
            if (type === 'reset') {
                ring.clear();
            } else if (type === 'dropped') {
                lost += data.count;
            } else if (type !== 'message') {
                return;
            } else {
                ring.push(data);
            }
            if (paused) {
                unseen += type === 'message' ? 1 : 0;
                status();
            } else if (!scheduled) {
                scheduled = true;
                requestAnimationFrame(render);
            }
        },
        key(event) {
            if (event.key === '/') {
                event.preventDefault();
                topic.focus();
            } else if (event.key === 'p') {
                togglePause();
            }
        },
    };
}
