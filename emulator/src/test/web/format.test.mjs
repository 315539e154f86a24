import assert from 'node:assert/strict';
import { test } from 'node:test';
import { age, bytesText, clockTime, describePayload, hexDump, payloadOf } from '../../main/web/console/format.js';

test('a JSON payload is pretty-printed, with a one-line preview', () => {
    const shown = describePayload({ payload: '{"temp":21.5,"unit":"C"}', payloadEncoding: 'utf-8', payloadSize: 24 });
    assert.equal(shown.kind, 'json');
    assert.equal(shown.preview, '{"temp":21.5,"unit":"C"}');
    assert.equal(shown.text, '{\n  "temp": 21.5,\n  "unit": "C"\n}');
    assert.equal(shown.size, 24);
});

test('text that is not JSON stays text, whitespace folded in the preview', () => {
    const shown = describePayload({ payload: 'hello\n  world', payloadEncoding: 'utf-8' });
    assert.equal(shown.kind, 'text');
    assert.equal(shown.preview, 'hello world');
    assert.equal(shown.text, 'hello\n  world');
    assert.equal(describePayload({ payload: '{not json', payloadEncoding: 'utf-8' }).kind, 'text');
});

test('binary payloads (base64 from the emulator) are shown as a hex dump', () => {
    const shown = describePayload({ payload: Buffer.from([0, 1, 0xff, 0x41]).toString('base64'),
        payloadEncoding: 'base64' });
    assert.equal(shown.kind, 'binary');
    assert.equal(shown.preview, '00 01 ff 41');
    assert.equal(shown.size, 4);
    assert.equal(hexDump(Uint8Array.from([0x48, 0x69, 0, 0x7f])), `000000  48 69 00 7f${' '.repeat(36)}  Hi..`);
});

test('an empty payload says so (a retained-message delete)', () => {
    assert.equal(describePayload({ payload: '', payloadEncoding: 'utf-8' }).kind, 'empty');
});

test('long previews are clipped', () => {
    const shown = describePayload({ payload: 'x'.repeat(500), payloadEncoding: 'utf-8' });
    assert.equal(shown.preview.length, 161);
    assert.ok(shown.preview.endsWith('…'));
});

test('times, ages and sizes read as people write them', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5, 67);
    assert.equal(clockTime(at.toISOString()), '03:04:05.067');
    assert.equal(clockTime('not a time'), '');
    const now = Date.parse('2026-01-02T10:00:00Z');
    assert.equal(age('2026-01-02T09:59:18Z', now), '42 s');
    assert.equal(age('2026-01-02T07:55:00Z', now), '2 h 5 min');
    assert.equal(age('2025-12-31T07:00:00Z', now), '2 d 3 h');
    assert.equal(bytesText(128), '128 B');
    assert.equal(bytesText(1536), '1.5 KB');
    assert.equal(bytesText(131072), '128 KB');
});

test('received bytes become text when they are UTF-8 and base64 otherwise, as the emulator writes them', () => {
    assert.deepEqual(payloadOf(new TextEncoder().encode('{"a":"é"}')),
        { payload: '{"a":"é"}', payloadEncoding: 'utf-8', payloadSize: 10 });
    const binary = payloadOf(Uint8Array.from([0xff, 0x00, 0x41]));
    assert.deepEqual(binary, { payload: '/wBB', payloadEncoding: 'base64', payloadSize: 3 });
    assert.equal(describePayload(binary).preview, 'ff 00 41');
});
