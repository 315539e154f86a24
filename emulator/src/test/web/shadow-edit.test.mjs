import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSection, shadowUpdate, withRemovals } from '../../main/web/console/shadow-edit.js';

test('a new shadow is created with what the editor holds, and the version when given', () => {
    assert.deepEqual(shadowUpdate(null, '{"color":"green"}', '', null),
        { body: { state: { desired: { color: 'green' } } } });
    assert.deepEqual(shadowUpdate({ desired: { color: 'red' } }, '{"color":"green"}', '', 7),
        { body: { state: { desired: { color: 'green' } }, version: 7 } });
});

test('keys removed in the editor are sent as null, at any depth, so AWS deletes them', () => {
    assert.deepEqual(withRemovals({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }), { a: null, b: { d: null, c: 2 } });
    assert.deepEqual(shadowUpdate({ desired: { a: 1 }, reported: { x: 1 } }, '{}', '{"x":1}', 3),
        { body: { state: { desired: { a: null }, reported: { x: 1 } }, version: 3 } });
});

test('an emptied section deletes the section; an untouched empty one is left out', () => {
    assert.deepEqual(shadowUpdate({ desired: { a: 1 }, reported: { b: 2 } }, '', '{"b":2}', 1),
        { body: { state: { desired: null, reported: { b: 2 } }, version: 1 } });
    assert.deepEqual(shadowUpdate({ reported: { b: 2 } }, '', '{"b":3}', 1),
        { body: { state: { reported: { b: 3 } }, version: 1 } });
});

test('text that is not a JSON object is refused with the section named', () => {
    assert.match(shadowUpdate(null, '{"color":', '', null).error, /^desired is not valid JSON/);
    assert.match(shadowUpdate(null, '', '[1,2]', null).error, /^reported must be a JSON object/);
    assert.match(shadowUpdate(null, '', '', null).error, /Nothing to update/);
    assert.deepEqual(parseSection('  ', 'desired'), { value: null });
});
