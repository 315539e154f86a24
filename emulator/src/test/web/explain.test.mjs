import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../main/web/console/explain.js';

test('a policy denial names the action, the resource and the deciding statement', () => {
    const shown = explain('denial', {
        action: 'iot:Subscribe', resource: 'arn:aws:iot:us-east-1:000000000000:topicfilter/room/admin',
        principal: 'AKIAI44QH8DHBEXAMPLE', clientId: 'device-1', consequence: 'disconnected',
        decision: 'EXPLICIT_DENY', statement: { policy: 'ScopedDevicePolicy', index: 3, sid: 'NeverTheAdminRoom' },
        reason: 'explicitly denied',
    });
    assert.equal(shown.kind, 'POLICY');
    assert.equal(shown.code, 'EXPLICIT_DENY');
    assert.equal(shown.title, 'iot:Subscribe denied');
    assert.equal(shown.who, 'client device-1, principal AKIAI44QH8DHBEXAMPLE');
    assert.deepEqual(shown.sections.find((s) => s.label === 'Deciding statement'),
        { label: 'Deciding statement', text: 'ScopedDevicePolicy statement 3 (Sid NeverTheAdminRoom)' });
});

test('an implicit denial says no statement allows it and keeps the notes', () => {
    const shown = explain('denial', { action: 'iot:Publish', resource: 'r', decision: 'IMPLICIT_DENY',
        statement: null, reason: 'no statement allows', notes: ['a near miss'] });
    assert.equal(shown.sections.find((s) => s.label === 'Deciding statement').text, 'none: no statement allows it');
    assert.equal(shown.sections.at(-1).text, 'a near miss');
});

test('a signature mismatch shows the canonical request and string to sign as preformatted text', () => {
    const shown = explain('refusal', { kind: 'SIGV4', reason: 'SIGNATURE_MISMATCH', message: 'does not match',
        principal: 'AKIAIOSFODNN7EXAMPLE', remote: '/127.0.0.1:5000',
        details: { request: 'GET /mqtt', canonicalRequest: 'GET\n/mqtt\n…', stringToSign: 'AWS4-HMAC-SHA256\n…' } });
    assert.equal(shown.title, 'Signature refused');
    assert.equal(shown.code, 'SIGNATURE_MISMATCH');
    assert.deepEqual(shown.sections.map((s) => s.label), ['Request',
        'Canonical request (as the emulator computed it)', 'String to sign']);
    assert.equal(shown.sections[1].pre, true);
});

test('other refusals keep their details by name', () => {
    const shown = explain('refusal', { kind: 'TLS', reason: 'HANDSHAKE_FAILED', message: 'trust the CA',
        details: { error: 'certificate_unknown' } });
    assert.equal(shown.title, 'TLS handshake failed');
    assert.deepEqual(shown.sections, [{ label: 'error', text: 'certificate_unknown' }]);
});
