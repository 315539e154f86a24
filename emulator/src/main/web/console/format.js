// How payloads, times and ages are shown: pure functions, unit-tested with node --test.

const PREVIEW_CHARS = 160;

/** The payload's bytes, from the emulator's JSON ({payload, payloadEncoding: 'utf-8' | 'base64'}). */
export function payloadBytes(entry) {
    if (entry.payloadEncoding === 'base64') {
        const binary = atob(entry.payload ?? '');
        return Uint8Array.from(binary, (c) => c.charCodeAt(0));
    }
    return new TextEncoder().encode(entry.payload ?? '');
}

/** Bytes as the emulator would write them: UTF-8 text when they decode, base64 otherwise. */
export function payloadOf(bytes) {
    try {
        return { payload: new TextDecoder('utf-8', { fatal: true }).decode(bytes), payloadEncoding: 'utf-8',
            payloadSize: bytes.length };
    } catch {
        return { payload: btoa(String.fromCharCode(...bytes)), payloadEncoding: 'base64', payloadSize: bytes.length };
    }
}

/**
 * What a payload is and how to show it: 'json' (pretty-printed), 'text', 'binary' (a hex dump) or 'empty', with a
 * one-line preview.
 */
export function describePayload(entry) {
    const size = entry.payloadSize ?? payloadBytes(entry).length;
    if (entry.payloadEncoding === 'base64') {
        const bytes = payloadBytes(entry);
        const preview = hex(bytes.subarray(0, 48)) + (bytes.length > 48 ? ' …' : '');
        return { kind: bytes.length ? 'binary' : 'empty', size, preview, text: hexDump(bytes) };
    }
    const text = entry.payload ?? '';
    if (text === '') {
        return { kind: 'empty', size, preview: '(empty)', text: '' };
    }
    const json = parseJson(text);
    if (json !== undefined) {
        return { kind: 'json', size, preview: clip(JSON.stringify(json)), text: JSON.stringify(json, null, 2) };
    }
    return { kind: 'text', size, preview: clip(text.replace(/\s+/g, ' ')), text };
}

function parseJson(text) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
        return undefined;
    }
    try {
        return JSON.parse(trimmed);
    } catch {
        return undefined;
    }
}

function clip(text) {
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Sixteen bytes a line: offset, hex, and the printable ASCII characters. */
export function hexDump(bytes) {
    const lines = [];
    for (let offset = 0; offset < bytes.length; offset += 16) {
        const row = bytes.subarray(offset, offset + 16);
        const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
        lines.push(`${offset.toString(16).padStart(6, '0')}  ${hex(row).padEnd(47)}  ${ascii}`);
    }
    return lines.join('\n');
}

/** 14:03:07.123 in local time. */
export function clockTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
        return '';
    }
    const two = (n) => String(n).padStart(2, '0');
    return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.`
        + String(d.getMilliseconds()).padStart(3, '0');
}

/** "42 s", "3 min", "2 h 5 min", "1 d 3 h" since `iso`. */
export function age(iso, now = Date.now()) {
    const seconds = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
    if (seconds < 60) {
        return `${seconds} s`;
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
        return `${minutes} min`;
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 24) {
        return `${hours} h ${minutes % 60} min`;
    }
    return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** 1.2 KB, 128 B: payload sizes as AWS's limits state them (1 KB = 1024 B). */
export function bytesText(n) {
    if (n < 1024) {
        return `${n} B`;
    }
    return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
}
