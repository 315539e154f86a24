// A small element builder: text always goes in as text (never as HTML), so nothing a device publishes can run in
// the console.

/** h('button', {class: 'x', onClick: fn, disabled: true}, 'text', child, [more]) */
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (key.startsWith('on') && typeof value === 'function') {
            el.addEventListener(key.slice(2).toLowerCase(), value);
        } else if (key === 'class') {
            el.className = value;
        } else if (key === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (key === 'value' || key === 'checked') {
            el[key] = value;
        } else {
            el.setAttribute(key, value === true ? '' : String(value));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (Array.isArray(child)) {
            append(el, child);
        } else if (child instanceof Node) {
            el.append(child);
        } else if (child !== null && child !== undefined && child !== false) {
            el.append(String(child));
        }
    }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

/** A labelled form field: <label>Text <input …></label>. */
export function field(text, input, hint) {
    return h('label', { class: 'field' }, h('span', { class: 'label' }, text), input,
        hint ? h('span', { class: 'hint' }, hint) : null);
}

/** A two-column list of names and values; rows with an empty value are left out. */
export function facts(rows) {
    return h('dl', { class: 'facts' }, rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([name, value]) => [h('dt', null, name), h('dd', null, value)]));
}

/** A short coloured label: source, kind, decision. */
export function badge(text, kind = text) {
    return h('span', { class: `badge badge-${String(kind).toLowerCase()}` }, text);
}

/** Makes a table row act like a button: click, Enter or Space runs `open`. */
export function activatable(row, open) {
    row.tabIndex = 0;
    row.addEventListener('click', open);
    row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            open();
        }
    });
    return row;
}
