// The emulator's admin routes, as the console calls them (same origin). When the emulator has an admin token (it
// always does beyond loopback), the console was opened with ?token=… (the banner's link carries it), and every call
// passes it on: as a bearer token, or in the query where a browser cannot set headers (EventSource).

const TOKEN = new URLSearchParams(location.search).get('token');

/** `path` with the admin token in its query, for requests that cannot carry an Authorization header. */
export function withToken(path) {
    if (!TOKEN) {
        return path;
    }
    const url = new URL(path, location.origin);
    url.searchParams.set('token', TOKEN);
    return `${url.pathname}${url.search}`;
}

export class ApiError extends Error {
    constructor(status, body, fallback) {
        super(body?.message ?? fallback);
        this.status = status;
        this.body = body;
    }
}

async function call(method, path, { query, body, json } = {}) {
    const url = new URL(path, location.origin);
    for (const [key, value] of Object.entries(query ?? {})) {
        if (value !== undefined && value !== null) {
            url.searchParams.set(key, String(value));
        }
    }
    const init = { method, cache: 'no-store', headers: TOKEN ? { authorization: `Bearer ${TOKEN}` } : {} };
    if (json !== undefined) {
        init.body = JSON.stringify(json);
        init.headers['content-type'] = 'application/json';
    } else if (body !== undefined) {
        init.body = body;
        init.headers['content-type'] = 'application/octet-stream';
    }
    const response = await fetch(url, init);
    const text = await response.text();
    let parsed = null;
    try {
        parsed = text ? JSON.parse(text) : null;
    } catch {
        parsed = null;
    }
    if (!response.ok) {
        throw new ApiError(response.status, parsed, `${method} ${url.pathname} answered HTTP ${response.status}`);
    }
    return parsed;
}

export const api = {
    identities: () => call('GET', '/__emulator/identities'),
    policies: () => call('GET', '/__emulator/policies'),
    certificates: () => call('GET', '/__emulator/certificates'),
    clients: () => call('GET', '/__emulator/clients'),
    disconnect: (clientId, reason) => call('POST', `/__emulator/clients/${encodeURIComponent(clientId)}/disconnect`,
        { query: { reason } }),
    retained: () => call('GET', '/__emulator/retained'),
    publish: (topic, payload, qos, retain) => call('POST', '/__emulator/publish',
        { query: { topic, qos, retain }, body: payload }),
    shadows: () => call('GET', '/__emulator/shadows'),
    shadow: (thing, name) => call('GET', `/__emulator/shadows/${encodeURIComponent(thing)}`,
        { query: { name: name || undefined } }),
    updateShadow: (thing, name, body) => call('POST', `/__emulator/shadows/${encodeURIComponent(thing)}`,
        { query: { name: name || undefined }, json: body }),
    deleteShadow: (thing, name) => call('DELETE', `/__emulator/shadows/${encodeURIComponent(thing)}`,
        { query: { name: name || undefined } }),
    presign: (accessKeyId) => call('GET', '/__emulator/console/presign', { query: { accessKeyId } }),
    testPolicy: (request) => call('POST', '/__emulator/policies/test', { json: request }),
};

/** Why a presigned WebSocket URL was refused: the emulator answers a plain GET of it with the same verdict. */
export async function explainRefusedUrl(url) {
    try {
        const response = await fetch(url.replace(/^ws/, 'http'), { cache: 'no-store' });
        const body = await response.json().catch(() => null);
        return body?.reason ? `${body.reason}: ${body.message}` : `HTTP ${response.status}`;
    } catch (err) {
        return err.message;
    }
}
