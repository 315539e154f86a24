import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveFilter } from '../../main/web/console/filter.js';

const http = { topic: 'demo/cli', source: 'http', clientId: null, principal: 'AKIAIOSFODNN7EXAMPLE' };
const mqtt = { topic: 'sensors/t1', source: 'mqtt', clientId: 'device-1', principal: 'AKIAI44QH8DHBEXAMPLE' };
const shadow = { topic: '$aws/things/lamp/shadow/update/accepted', source: 'service' };

test('no filter shows every message', () => {
    const show = liveFilter();
    assert.deepEqual([http, mqtt, shadow].map(show), [true, true, true]);
});

test('a topic filter uses MQTT wildcards, other text is a substring', () => {
    assert.deepEqual([http, mqtt, shadow].map(liveFilter({ topic: 'demo/#' })), [true, false, false]);
    assert.deepEqual([http, mqtt, shadow].map(liveFilter({ topic: '$aws/things/+/shadow/#' })), [false, false, true]);
    assert.deepEqual([http, mqtt, shadow].map(liveFilter({ topic: 'demo/#/x' })), [false, false, false]);
    assert.deepEqual([http, mqtt, shadow].map(liveFilter({ topic: 'sensors/t1' })), [false, true, false]);
});

test('the client filter matches the client id or the principal, ignoring case', () => {
    assert.deepEqual([http, mqtt].map(liveFilter({ client: 'DEVICE-1' })), [false, true]);
    assert.deepEqual([http, mqtt].map(liveFilter({ client: 'iosfodnn7' })), [true, false]);
});

test('only the chosen sources are shown', () => {
    assert.deepEqual([http, mqtt, shadow].map(liveFilter({ sources: ['mqtt', 'service'] })), [false, true, true]);
});
