// The page's three credential sources. Each returns {url, identity} ready for mqtt.js.
import { presignIotUrl } from './sigv4.js';

/** Amazon Cognito Identity, awsJson 1.1 (GetId and GetCredentialsForIdentity need no signature). */
async function cognitoCall(endpoint, operation, body) {
    let response;
    try {
        response = await fetch(endpoint, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/x-amz-json-1.1',
                'X-Amz-Target': `AWSCognitoIdentityService.${operation}`,
            },
            body: JSON.stringify(body),
        });
    } catch (err) {
        throw new Error(`Cognito ${operation} at ${endpoint} failed: ${err.message} (network error, or CORS refused `
            + 'this page\'s origin)');
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
        const type = String(json.__type ?? response.headers.get('x-amzn-ErrorType') ?? 'Error').split('#').pop();
        throw new Error(`Cognito ${operation} refused (HTTP ${response.status}, ${type}): ${json.message ?? ''}`);
    }
    return json;
}

export function defaultCognitoEndpoint(identityPoolId) {
    const region = String(identityPoolId).split(':')[0];
    return `https://cognito-identity.${region}.amazonaws.com/`;
}

export async function fromCognito(settings) {
    const endpoint = settings.cognitoEndpoint || defaultCognitoEndpoint(settings.identityPoolId);
    const { IdentityId } = await cognitoCall(endpoint, 'GetId', { IdentityPoolId: settings.identityPoolId });
    const { Credentials: c } = await cognitoCall(endpoint, 'GetCredentialsForIdentity', { IdentityId });
    const expiration = new Date(c.Expiration * 1000);
    const url = await presignIotUrl({
        endpoint: settings.endpoint,
        region: settings.region,
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretKey,
        sessionToken: c.SessionToken,
    });
    return { url, identity: `Cognito identity ${IdentityId} (credentials expire ${expiration.toLocaleTimeString()})` };
}

export async function fromPresignEndpoint(settings) {
    let response;
    try {
        response = await fetch(settings.presignUrl, { headers: { Accept: 'application/json' } });
    } catch (err) {
        throw new Error(`presign endpoint ${settings.presignUrl} failed: ${err.message} (network error, or CORS `
            + 'refused this page\'s origin)');
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok || !json.url) {
        throw new Error(`presign endpoint refused (HTTP ${response.status}): ${json.message ?? 'no url in answer'}`);
    }
    return { url: json.url, identity: `presigned for "${json.identity ?? '?'}" by ${new URL(settings.presignUrl).host}` };
}

export async function fromStaticKeys(settings) {
    if (!settings.accessKeyId || !settings.secretAccessKey) {
        throw new Error('Static keys: enter an access key id and a secret access key.');
    }
    const url = await presignIotUrl({
        endpoint: settings.endpoint,
        region: settings.region,
        accessKeyId: settings.accessKeyId,
        secretAccessKey: settings.secretAccessKey,
        sessionToken: settings.sessionToken || undefined,
    });
    return { url, identity: `static key ${settings.accessKeyId}` };
}

export const SOURCES = { cognito: fromCognito, presign: fromPresignEndpoint, static: fromStaticKeys };
