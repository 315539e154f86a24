// A payload shown in full, as the format detected or as the reader chooses (JSON, text, hex), with the MQTT 5
// properties of the message when it has any.
import { facts, h, fill } from '../dom.js';
import { describePayload, hexDump, payloadBytes } from '../format.js';

/** `entry` as the emulator writes it: {payload, payloadEncoding, payloadSize, payloadTruncated, properties?}. */
export function payloadPanel(entry) {
    const shown = describePayload(entry);
    const pre = h('pre', { class: 'payload', tabindex: 0, 'aria-label': 'Payload' });
    const formats = { json: shown.kind === 'json' ? shown.text : null, text: textOf(entry), hex: null };
    const buttons = [];
    const choose = (format) => {
        if (format === 'hex' && formats.hex === null) {
            formats.hex = hexDump(payloadBytes(entry));
        }
        fill(pre, formats[format] ?? '');
        for (const button of buttons) {
            button.setAttribute('aria-pressed', String(button.dataset.format === format));
        }
    };
    for (const format of ['json', 'text', 'hex']) {
        if (format === 'json' && formats.json === null) {
            continue;
        }
        const button = h('button', { type: 'button', class: 'small', dataset: { format },
            onClick: () => choose(format) }, format.toUpperCase());
        buttons.push(button);
    }
    choose(shown.kind === 'json' ? 'json' : shown.kind === 'binary' ? 'hex' : 'text');
    return h('div', { class: 'payload-panel' },
        h('div', { class: 'payload-formats', role: 'group', 'aria-label': 'Show the payload as' }, buttons,
            h('span', { class: 'muted' }, `${shown.kind}, ${entry.payloadSize ?? 0} bytes`
                + (entry.payloadTruncated ? ' (only the first 64 KB are shown)' : ''))),
        pre,
        propertiesPanel(entry.properties));
}

function textOf(entry) {
    return entry.payloadEncoding === 'base64' ? new TextDecoder().decode(payloadBytes(entry)) : (entry.payload ?? '');
}

/** MQTT 5 properties (content type, response topic, user properties, …) when the message carries any. */
export function propertiesPanel(properties) {
    if (!properties || Object.keys(properties).length === 0) {
        return null;
    }
    const rows = Object.entries(properties).map(([name, value]) => [name,
        typeof value === 'object' ? JSON.stringify(value) : String(value)]);
    return h('div', { class: 'properties' }, h('h4', null, 'MQTT 5 properties'), facts(rows));
}
