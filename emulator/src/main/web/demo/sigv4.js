// SigV4 query presigning of an AWS IoT WebSocket URL with WebCrypto, the way the AWS IoT SDKs do it:
// service iotdevicegateway, only the host signed (lower-cased, with the port when the URL has one, as the
// browser sends it in Host), and the session token appended AFTER signing (AWS IoT leaves it out of the
// canonical query). WebCrypto exists only in secure contexts: https://, http://localhost, http://127.0.0.1.

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const encoder = new TextEncoder();

function hex(buffer) {
    return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function rfc3986(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

async function hmac(key, data) {
    const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

/** 2024-01-01T00:00:00.000Z -> 20240101T000000Z */
export function amzDate(date) {
    return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * @param {object} o
 * @param {string} o.endpoint  ws://host:port/mqtt or wss://<prefix>-ats.iot.<region>.amazonaws.com/mqtt
 * @param {string} o.region
 * @param {string} o.accessKeyId
 * @param {string} o.secretAccessKey
 * @param {string} [o.sessionToken]  appended after signing
 * @param {number} [o.expires]       X-Amz-Expires in seconds; left out when 0, as the AWS SDKs do
 * @param {Date}   [o.now]
 * @returns {Promise<string>} the presigned URL
 */
export async function presignIotUrl({ endpoint, region, accessKeyId, secretAccessKey, sessionToken, expires = 0,
    now = new Date() }) {
    if (!globalThis.crypto?.subtle) {
        throw new Error('WebCrypto is not available: open the page over https://, or on http://localhost or '
            + 'http://127.0.0.1 (browsers offer crypto.subtle only in secure contexts).');
    }
    const url = new URL(endpoint);
    const path = url.pathname && url.pathname !== '/' ? url.pathname : '/mqtt';
    const date = amzDate(now);
    const scope = `${date.slice(0, 8)}/${region}/iotdevicegateway/aws4_request`;
    const params = [
        ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
        ['X-Amz-Credential', `${accessKeyId}/${scope}`],
        ['X-Amz-Date', date],
    ];
    if (expires > 0) {
        params.push(['X-Amz-Expires', String(expires)]);
    }
    params.push(['X-Amz-SignedHeaders', 'host']);
    const query = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
    const host = url.host.toLowerCase();
    const canonicalPath = path.split('/').map(rfc3986).join('/');
    const canonicalRequest = ['GET', canonicalPath, query, `host:${host}\n`, 'host', EMPTY_SHA256].join('\n');
    const digest = hex(await crypto.subtle.digest('SHA-256', encoder.encode(canonicalRequest)));
    const stringToSign = ['AWS4-HMAC-SHA256', date, scope, digest].join('\n');
    let key = await hmac(encoder.encode(`AWS4${secretAccessKey}`), date.slice(0, 8));
    for (const part of [region, 'iotdevicegateway', 'aws4_request']) {
        key = await hmac(key, part);
    }
    const signature = hex(await hmac(key, stringToSign));
    let signed = `${url.protocol}//${url.host}${path}?${query}&X-Amz-Signature=${signature}`;
    if (sessionToken) {
        signed += `&X-Amz-Security-Token=${rfc3986(sessionToken)}`;
    }
    return signed;
}
