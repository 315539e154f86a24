// Turns the shadow editor's two JSON sections into one UpdateThingShadow request. A shadow update merges, so keys
// the user removed from a section are sent as null (AWS deletes them); an emptied section deletes the section.

/** The section's value: an object, null for an empty text, or {error} when it is not a JSON object. */
export function parseSection(text, name) {
    const trimmed = (text ?? '').trim();
    if (trimmed === '') {
        return { value: null };
    }
    let value;
    try {
        value = JSON.parse(trimmed);
    } catch (err) {
        return { error: `${name} is not valid JSON: ${err.message}` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { error: `${name} must be a JSON object, as in {"color": "green"}` };
    }
    return { value };
}

/** `next` with every key of `previous` that `next` lacks set to null, at every depth both are objects. */
export function withRemovals(previous, next) {
    if (!isObject(previous) || !isObject(next)) {
        return next;
    }
    const result = {};
    for (const key of Object.keys(previous)) {
        if (!(key in next)) {
            result[key] = null;
        }
    }
    for (const [key, value] of Object.entries(next)) {
        result[key] = withRemovals(previous[key], value);
    }
    return result;
}

function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The request body for an update from the editor's texts: {body} or {error}. `current` is the shadow's state as
 * last read ({desired, reported}), or null for a new shadow; `version` is sent when given, so the emulator answers
 * 409 if someone else updated the shadow meanwhile.
 */
export function shadowUpdate(current, desiredText, reportedText, version) {
    const state = {};
    for (const [name, text] of [['desired', desiredText], ['reported', reportedText]]) {
        const parsed = parseSection(text, name);
        if (parsed.error) {
            return { error: parsed.error };
        }
        const before = current?.[name];
        if (parsed.value === null) {
            if (before !== undefined && before !== null) {
                state[name] = null;
            }
        } else {
            state[name] = withRemovals(before, parsed.value);
        }
    }
    if (Object.keys(state).length === 0) {
        return { error: 'Nothing to update: give desired or reported state' };
    }
    const body = { state };
    if (version != null) {
        body.version = version;
    }
    return { body };
}
