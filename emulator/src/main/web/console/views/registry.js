// Read-only views of what the emulator is configured with: access keys (never secrets), the IoT policies attached
// to something, device certificates and the things they are attached to.
import { api } from '../api.js';
import { badge, fill, h } from '../dom.js';

export function createRegistry(section, { navigate }) {
    const keys = h('tbody', { id: 'registry-keys' });
    const policies = h('div', { id: 'registry-policies' });
    const certificates = h('tbody', { id: 'registry-certificates' });
    const things = h('ul', { id: 'registry-things', class: 'chips' });
    const certificateNote = h('p', { class: 'muted' });
    section.append(
        h('h3', null, 'Access keys'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid' }, h('thead', null, h('tr', null,
            ['Name', 'Access key id', 'Kind', 'IoT policies', ''].map((c) => h('th', { scope: 'col' }, c)))), keys)),
        h('h3', null, 'Policies'), policies,
        h('h3', null, 'Device certificates'), certificateNote,
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid' }, h('thead', null, h('tr', null,
            ['Certificate id', 'Status', 'Things', 'Policies', 'Created', 'Source']
                .map((c) => h('th', { scope: 'col' }, c)))), certificates)),
        h('h3', null, 'Things'),
        h('p', { class: 'muted' }, 'A thing exists here when a certificate is attached to it; shadows exist for any '
            + 'thing name.'),
        things);

    async function refresh() {
        const [identities, attached, certs] = await Promise.all([api.identities(), api.policies(),
            api.certificates().catch((err) => ({ error: err.message }))]);
        fill(keys, identities.identities.map((i) => h('tr', null,
            h('td', null, i.name, i.default ? [' ', badge('default')] : null),
            h('td', { class: 'mono' }, i.accessKeyId),
            h('td', null, i.temporary ? 'temporary (session token)' : 'long-term'),
            h('td', null, i.policies === null ? h('span', { class: 'muted' }, 'not subject to IoT policies')
                : i.policies.length ? i.policies.join(', ') : 'none: everything denied'),
            h('td', null, h('button', { type: 'button', class: 'small', onClick: () =>
                navigate('playground', { accessKeyId: i.accessKeyId }) }, 'Playground'),
            ' ', h('button', { type: 'button', class: 'small', onClick: () =>
                navigate('client', { accessKeyId: i.accessKeyId }) }, 'Test client')))));
        fill(policies, attached.policies.map((p) => h('details', { class: 'policy', dataset: { policy: p.name } },
            h('summary', null, h('strong', null, p.name), ' ', h('span', { class: 'muted' }, p.source),
                p.warnings.length ? [' ', badge(`${p.warnings.length} warnings`, 'warning')] : null),
            p.warnings.map((w) => h('p', { class: 'warning' }, w)),
            h('pre', { class: 'payload' }, p.document ? JSON.stringify(p.document, null, 2) : '(not kept)'))));
        if (certs.error) {
            fill(certificateNote, certs.error);
            fill(certificates);
            fill(things);
            return;
        }
        fill(certificateNote, `${certs.certificates.length} registered; create one with POST /__emulator/certificates `
            + 'or the jar\'s create-certificate command.');
        fill(certificates, certs.certificates.map((c) => h('tr', null,
            h('td', { class: 'mono', title: c.certificateArn }, `${c.certificateId.slice(0, 16)}…`),
            h('td', null, badge(c.status)), h('td', { class: 'mono' }, c.things.join(', ') || '—'),
            h('td', null, c.policies.join(', ') || '—'), h('td', { class: 'nowrap' }, c.creationDate),
            h('td', { class: 'muted' }, c.source))));
        const names = [...new Set(certs.certificates.flatMap((c) => c.things))].sort();
        fill(things, names.map((name) => h('li', null, h('a', { class: 'mono',
            href: `#/shadows?${new URLSearchParams({ thing: name })}` }, name))));
    }

    return { show: refresh };
}
