// Device Shadows: list them, read one, edit its desired and reported state (with the version check AWS applies), or
// delete it. Updates go through the emulator's shadow service, so devices get /update/accepted, /delta and
// /documents as from any update.
import { api } from '../api.js';
import { activatable, facts, field, fill, h } from '../dom.js';
import { shadowUpdate } from '../shadow-edit.js';

export function createShadows(section) {
    let current = null;
    let timer = null;
    const rows = h('tbody', { id: 'shadows-rows' });
    const thing = h('input', { id: 'shadow-thing', size: 20, spellcheck: 'false', placeholder: 'thing name' });
    const name = h('input', { id: 'shadow-name', size: 14, spellcheck: 'false', placeholder: 'classic' });
    const editor = h('div', { id: 'shadow-editor', class: 'detail' },
        h('p', { class: 'muted' }, 'Select a shadow, or open one by thing name.'));
    section.append(
        h('form', { class: 'toolbar', onSubmit: (e) => {
            e.preventDefault();
            open(thing.value.trim(), name.value.trim());
        } }, field('Thing', thing), field('Shadow name', name), h('button', { id: 'shadow-open' }, 'Open or create'),
        h('button', { type: 'button', onClick: refresh }, 'Refresh')),
        h('div', { class: 'split open even' },
            h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'shadows-table' },
                h('thead', null, h('tr', null, ['Thing', 'Shadow', 'Version'].map((c) => h('th', { scope: 'col' }, c)))),
                rows)),
            editor));

    async function refresh() {
        const answer = await api.shadows().catch(() => ({ shadows: [] }));
        fill(rows, answer.shadows.length ? answer.shadows.map((s) => activatable(
            h('tr', { dataset: { thing: s.thingName, shadow: s.shadowName ?? '' } },
                h('td', { class: 'mono' }, s.thingName), h('td', { class: 'mono' }, s.shadowName ?? 'classic'),
                h('td', { class: 'num' }, s.version)),
            () => open(s.thingName, s.shadowName ?? '')))
            : h('tr', null, h('td', { colspan: 3, class: 'muted' }, 'No shadow yet.')));
    }

    async function open(thingName, shadowName) {
        if (!thingName) {
            return;
        }
        let document = null;
        try {
            document = await api.shadow(thingName, shadowName);
        } catch (err) {
            if (err.status !== 404) {
                fill(editor, h('p', { class: 'error' }, err.message));
                return;
            }
        }
        current = { thingName, shadowName, document };
        render();
    }

    /** What the last update or delete came to, without touching what the user typed. */
    function setOutcome(outcome) {
        const el = editor.querySelector('#shadow-outcome');
        if (!el) {
            return;
        }
        el.className = outcome.error ? 'error' : 'ok';
        el.setAttribute('role', outcome.error ? 'alert' : 'status');
        el.textContent = outcome.error ?? outcome.ok;
    }

    function render() {
        const { thingName, shadowName, document } = current;
        const state = document?.state ?? {};
        const desired = h('textarea', { id: 'shadow-desired', rows: 8, spellcheck: 'false' },
            state.desired ? JSON.stringify(state.desired, null, 2) : '');
        const reported = h('textarea', { id: 'shadow-reported', rows: 8, spellcheck: 'false' },
            state.reported ? JSON.stringify(state.reported, null, 2) : '');
        const checkVersion = h('input', { type: 'checkbox', id: 'shadow-check-version', checked: !!document });
        fill(editor,
            h('h3', { class: 'mono' }, thingName, shadowName ? ` / ${shadowName}` : ' (classic shadow)'),
            document ? facts([['Version', String(document.version)],
                ['Delta', state.delta ? JSON.stringify(state.delta) : 'none (reported matches desired)']])
                : h('p', { class: 'muted' }, 'This shadow does not exist yet; an update creates it.'),
            h('form', { class: 'shadow-form', onSubmit: async (e) => {
                e.preventDefault();
                const version = document && checkVersion.checked ? document.version : null;
                const update = shadowUpdate(document ? state : null, desired.value, reported.value, version);
                if (update.error) {
                    setOutcome({ error: update.error });
                    return;
                }
                try {
                    const accepted = await api.updateShadow(thingName, shadowName, update.body);
                    await open(thingName, shadowName);
                    setOutcome({ ok: `Accepted: version ${accepted.version}.` });
                } catch (err) {
                    setOutcome({ error: `${err.body?.code ?? err.status} ${err.message}` });
                }
                refresh();
            } },
            h('div', { class: 'columns' }, field('Desired', desired), field('Reported', reported)),
            h('div', { class: 'row' },
                document ? h('label', { class: 'check' }, checkVersion, ` Only if still version ${document.version}`)
                    : null,
                h('button', { id: 'shadow-update' }, 'Update'),
                document ? h('button', { type: 'button', id: 'shadow-delete', class: 'danger', onClick: async () => {
                    try {
                        await api.deleteShadow(thingName, shadowName);
                        await open(thingName, shadowName);
                        setOutcome({ ok: 'Deleted.' });
                    } catch (err) {
                        setOutcome({ error: err.message });
                    }
                    refresh();
                } }, 'Delete') : null)),
            h('p', { id: 'shadow-outcome', 'aria-live': 'polite' }),
            document ? h('details', null, h('summary', null, 'Full document'),
                h('pre', { class: 'payload' }, JSON.stringify(document, null, 2))) : null);
    }

    return {
        show(params) {
            refresh();
            if (params.get('thing')) {
                open(params.get('thing'), params.get('name') ?? '');
            }
        },
        onEvent(type, data) {
            if (type === 'message' && !section.hidden && data.topic?.startsWith('$aws/things/')
                && data.topic.includes('/shadow/')) {
                clearTimeout(timer);
                timer = setTimeout(refresh, 250);
            }
        },
    };
}
