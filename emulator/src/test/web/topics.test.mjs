import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterProblem, matches } from '../../main/web/console/topics.js';

test('a filter matches its own topic and + matches exactly one level', () => {
    assert.equal(matches('demo/room1', 'demo/room1'), true);
    assert.equal(matches('demo/+', 'demo/room1'), true);
    assert.equal(matches('demo/+', 'demo/room1/x'), false);
    assert.equal(matches('+/+', 'demo/room1'), true);
});

test('# matches everything below, but a/# does not match a itself (AWS IoT)', () => {
    assert.equal(matches('demo/#', 'demo/a/b/c'), true);
    assert.equal(matches('demo/#', 'demo'), false);
    assert.equal(matches('#', 'anything/at/all'), true);
});

test('a filter starting with a wildcard does not match $ topics', () => {
    assert.equal(matches('#', '$aws/things/t/shadow/update'), false);
    assert.equal(matches('+/things/#', '$aws/things/t'), false);
    assert.equal(matches('$aws/things/+/shadow/#', '$aws/things/t/shadow/update/delta'), true);
});

test('invalid filters are named and never match', () => {
    assert.match(filterProblem('demo/#/more'), /last/);
    assert.match(filterProblem('demo/ro+'), /whole level/);
    assert.match(filterProblem(''), /empty/);
    assert.equal(filterProblem('a/+/#'), null);
    assert.equal(matches('demo/ro+', 'demo/room'), false);
});
