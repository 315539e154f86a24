// AWS IoT's topic-filter rules, for the live view's filter (the emulator applies the same ones to subscriptions):
// '+' is one whole level, '#' the rest and only last, 'a/#' does not match 'a', and a filter starting with a
// wildcard does not match topics starting with '$'.

/** Why `filter` is not a valid MQTT topic filter, or null when it is. */
export function filterProblem(filter) {
    if (!filter) {
        return 'a topic filter cannot be empty';
    }
    const levels = filter.split('/');
    for (let i = 0; i < levels.length; i++) {
        const level = levels[i];
        if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
            return "'#' must be a whole level and the last one";
        }
        if (level.includes('+') && level !== '+') {
            return "'+' must be a whole level";
        }
    }
    return null;
}

/** Whether `topic` matches `filter` as AWS IoT matches it; false for an invalid filter. */
export function matches(filter, topic) {
    if (filterProblem(filter) || topic == null) {
        return false;
    }
    const f = filter.split('/');
    const t = topic.split('/');
    if ((f[0] === '+' || f[0] === '#') && topic.startsWith('$')) {
        return false;
    }
    for (let i = 0; i < f.length; i++) {
        if (f[i] === '#') {
            return t.length > i;
        }
        if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) {
            return false;
        }
    }
    return f.length === t.length;
}
