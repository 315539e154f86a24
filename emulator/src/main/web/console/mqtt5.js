// MQTT 5 in the test client: user properties typed as name=value lines, and the properties of a PUBLISH as mqtt.js
// hands them over, in the shape the emulator's journal writes (so one panel shows both). Pure, tested with node --test.

/**
 * `name=value` lines (blank lines ignored; a name may repeat, the order is kept) as mqtt.js takes user properties:
 * {name: value} or {name: [values]}. Returns {userProperties} or {problem} for a line without `=` or a name.
 */
export function parseUserProperties(text) {
    const userProperties = {};
    for (const [index, raw] of text.split('\n').entries()) {
        const line = raw.trim();
        if (!line) {
            continue;
        }
        const at = line.indexOf('=');
        if (at <= 0) {
            return { problem: `line ${index + 1}, "${line}": write a user property as name=value` };
        }
        const name = line.slice(0, at).trim();
        const value = line.slice(at + 1).trim();
        const before = userProperties[name];
        userProperties[name] = before === undefined ? value : [].concat(before, value);
    }
    return { userProperties };
}

/** A received PUBLISH's properties (mqtt.js) as the journal writes them; undefined when it has none. */
export function journalProperties(properties) {
    if (!properties || Object.keys(properties).length === 0) {
        return undefined;
    }
    const out = {};
    if (properties.payloadFormatIndicator !== undefined) {
        out.payloadFormatIndicator = properties.payloadFormatIndicator ? 1 : 0;
    }
    for (const key of ['contentType', 'responseTopic', 'messageExpiryInterval']) {
        if (properties[key] !== undefined) {
            out[key] = properties[key];
        }
    }
    if (properties.correlationData !== undefined) {
        out.correlationData = btoa(String.fromCharCode(...properties.correlationData));
    }
    out.userProperties = Object.entries(properties.userProperties ?? {})
        .flatMap(([name, value]) => [].concat(value).map((v) => ({ name, value: String(v) })));
    return out;
}
