import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journalProperties, parseUserProperties } from '../../main/web/console/mqtt5.js';

test('user properties are typed as name=value lines; a repeated name keeps every value in order', () => {
    assert.deepEqual(parseUserProperties('trace=a\n\n tenant = t1 \ntrace=b=c\n'),
        { userProperties: { trace: ['a', 'b=c'], tenant: 't1' } });
    assert.deepEqual(parseUserProperties(''), { userProperties: {} });
});

test('a line without a name or an equals sign is a problem, named by its line', () => {
    assert.match(parseUserProperties('a=1\njust text').problem, /^line 2, "just text"/);
    assert.match(parseUserProperties('=value').problem, /^line 1/);
});

test('a received PUBLISH\'s properties take the journal\'s shape, and none gives nothing', () => {
    assert.deepEqual(journalProperties({ payloadFormatIndicator: true, contentType: 'application/json',
        correlationData: Buffer.from('req-1'), userProperties: { trace: ['a', 'b'], tenant: 't1' } }),
    { payloadFormatIndicator: 1, contentType: 'application/json', correlationData: 'cmVxLTE=',
        userProperties: [{ name: 'trace', value: 'a' }, { name: 'trace', value: 'b' }, { name: 'tenant', value: 't1' }] });
    assert.equal(journalProperties(undefined), undefined);
    assert.equal(journalProperties({}), undefined);
});
