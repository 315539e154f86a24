import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ring } from '../../main/web/console/ring.js';

test('keeps the newest items up to its capacity, oldest first, and counts what it dropped', () => {
    const ring = new Ring(3);
    for (const n of [1, 2, 3]) {
        assert.equal(ring.push(n), undefined);
    }
    assert.equal(ring.push(4), 1);
    assert.equal(ring.push(5), 2);
    assert.deepEqual(ring.items(), [3, 4, 5]);
    assert.equal(ring.size, 3);
    assert.equal(ring.dropped, 2);
});

test('clear empties it and it fills again from the start', () => {
    const ring = new Ring(2);
    ring.push('a');
    ring.push('b');
    ring.push('c');
    ring.clear();
    assert.deepEqual(ring.items(), []);
    ring.push('d');
    assert.deepEqual(ring.items(), ['d']);
});

test('refuses a capacity that is not positive', () => {
    assert.throws(() => new Ring(0), /positive/);
});
