// What the refusals view says about one denial or refusal: a title, its code, who, the message, and the details
// to show folded (the canonical request and string to sign the emulator computed, the deciding statement).

const KIND_TITLES = {
    SIGV4: 'Signature refused',
    TLS: 'TLS handshake failed',
    CONNECT: 'CONNECT refused',
    PROTOCOL: 'Connection closed for a protocol error',
};

/** For a `denial` event (an IoT policy decision) or a `refusal` event (SigV4, TLS, CONNECT, protocol). */
export function explain(type, event) {
    if (type === 'denial') {
        const statement = event.statement
            ? `${event.statement.policy} statement ${event.statement.index}${event.statement.sid ? ` (Sid ${event.statement.sid})` : ''}`
            : 'none: no statement allows it';
        return {
            kind: 'POLICY',
            code: event.decision,
            title: `${event.action} denied`,
            who: who(event),
            message: event.reason,
            sections: [
                { label: 'Action', text: event.action },
                { label: 'Resource', text: event.resource },
                { label: 'Deciding statement', text: statement },
                { label: 'What the emulator did', text: event.consequence },
                ...(event.notes?.length ? [{ label: 'Notes', text: event.notes.join('\n') }] : []),
            ],
        };
    }
    const details = event.details ?? {};
    const sections = [];
    if (details.request) {
        sections.push({ label: 'Request', text: details.request });
    }
    if (details.canonicalRequest) {
        sections.push({ label: 'Canonical request (as the emulator computed it)', text: details.canonicalRequest,
            pre: true });
        sections.push({ label: 'String to sign', text: details.stringToSign ?? '', pre: true });
    }
    for (const [key, value] of Object.entries(details)) {
        if (!['request', 'canonicalRequest', 'stringToSign'].includes(key)) {
            sections.push({ label: key, text: value });
        }
    }
    return {
        kind: event.kind,
        code: event.reason,
        title: KIND_TITLES[event.kind] ?? event.kind,
        who: who(event),
        message: event.message,
        sections,
    };
}

function who(event) {
    return [event.clientId && `client ${event.clientId}`, event.principal && `principal ${event.principal}`,
        event.remote && `from ${event.remote}`].filter(Boolean).join(', ');
}
