// Why was I refused? Policy denials (with the deciding statement) and refusals (SigV4 with the canonical request and
// string to sign, TLS, CONNECT, protocol errors), newest first, each with its client and time.
import { badge, facts, fill, h } from '../dom.js';
import { clockTime } from '../format.js';
import { explain } from '../explain.js';

const KEEP = 300;
const KINDS = ['POLICY', 'SIGV4', 'TLS', 'CONNECT', 'PROTOCOL'];

export function createRefusals(section, { navigate }) {
    let entries = [];
    let scheduled = false;
    const shownKinds = new Set(KINDS);
    const list = h('ol', { id: 'refusals-list', class: 'refusals' });
    const count = h('span', { class: 'muted', role: 'status' });
    section.append(
        h('p', { class: 'intro' }, 'AWS IoT answers a bad signature with a bare 403 and a denied publish by closing '
            + 'the connection. The emulator says why, here and in its log.'),
        h('div', { class: 'toolbar' },
            h('fieldset', { class: 'inline' }, h('legend', { class: 'sr-only' }, 'Show'), KINDS.map((kind) =>
                h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: true, id: `refusals-${kind}`,
                    onChange: (e) => {
                        if (e.target.checked) {
                            shownKinds.add(kind);
                        } else {
                            shownKinds.delete(kind);
                        }
                        render();
                    } }), ' ', kind))),
            h('button', { type: 'button', onClick: () => {
                entries = [];
                render();
            } }, 'Clear'), count),
        list);

    function render() {
        scheduled = false;
        const shown = entries.filter((e) => shownKinds.has(e.view.kind));
        fill(count, `${shown.length} shown`);
        fill(list, shown.length ? shown.map(item) : h('li', { class: 'muted' }, 'Nothing refused yet.'));
    }

    function item({ type, data, view }) {
        const playground = type === 'denial' ? h('button', { type: 'button', class: 'small', onClick: () =>
            navigate('playground', { accessKeyId: data.principal ?? '', clientId: data.clientId ?? '',
                action: data.action, resource: data.resource }) }, 'Try in the policy playground') : null;
        return h('li', { class: 'refusal', dataset: { kind: view.kind, code: view.code } },
            h('div', { class: 'refusal-head' },
                h('span', { class: 'mono muted' }, clockTime(data.time)), badge(view.kind), ' ',
                h('strong', null, view.title), ' ', badge(view.code, 'code'), ' ',
                h('span', { class: 'muted' }, view.who)),
            h('p', { class: 'refusal-message' }, view.message),
            h('details', { open: view.sections.some((s) => s.pre) }, h('summary', null, 'Details'),
                facts(view.sections.filter((s) => !s.pre).map((s) => [s.label, s.text])),
                view.sections.filter((s) => s.pre).map((s) => [h('h4', null, s.label),
                    h('pre', { class: 'signing' }, s.text)]),
                playground));
    }

    return {
        onEvent(type, data) {
            if (type === 'reset') {
                entries = [];
            } else if (type === 'denial' || type === 'refusal') {
                // Newest first; the backlog sends denials and refusals as two lists, so order by time.
                entries.push({ type, data, view: explain(type, data), at: Date.parse(data.time) });
                entries.sort((a, b) => b.at - a.at);
                entries.length = Math.min(entries.length, KEEP);
            } else {
                return;
            }
            if (!scheduled) {
                scheduled = true;
                requestAnimationFrame(render);
            }
        },
        show() {
            render();
        },
    };
}
