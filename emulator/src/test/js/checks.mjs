// What the check scripts (semantics.mjs, policy.mjs) share: one JSON line per check on stdout, and an exit code
// of 0 only when every check held, within a deadline.

const results = {};
let timer;

/** Fails the script if it has not finished within `ms` milliseconds. */
export function deadline(ms) {
    timer = setTimeout(() => finish(`timed out after ${ms} ms; checks so far: ${JSON.stringify(results)}`), ms);
}

export function check(name, ok, detail) {
    results[name] = ok;
    console.log(JSON.stringify({ check: name, ok, detail }));
}

/** Exits: 0 when every check held, 1 (with the failed checks on stderr) otherwise or when `failure` is given. */
export function finish(failure) {
    clearTimeout(timer);
    const failed = Object.entries(results).filter(([, ok]) => !ok).map(([name]) => name);
    if (failure || failed.length > 0) {
        console.error(failure || `failed checks: ${failed.join(', ')}`);
        process.exit(1);
    }
    process.exit(0);
}
