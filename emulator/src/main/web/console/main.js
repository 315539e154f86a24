// The console: a view per task, a shared live event stream, keyboard shortcuts and a light/dark theme.
import { h } from './dom.js';
import { openEvents } from './events.js';
import { createLive } from './views/live.js';
import { createClient } from './views/client.js';
import { createConnections } from './views/connections.js';
import { createRefusals } from './views/refusals.js';
import { createShadows } from './views/shadows.js';
import { createRetained } from './views/retained.js';
import { createRegistry } from './views/registry.js';
import { createPlayground } from './views/playground.js';

const VIEWS = [
    { id: 'live', key: '1', title: 'Live messages', create: createLive },
    { id: 'client', key: '2', title: 'MQTT test client', create: createClient },
    { id: 'connections', key: '3', title: 'Connections', create: createConnections },
    { id: 'refusals', key: '4', title: 'Why was I refused?', create: createRefusals },
    { id: 'shadows', key: '5', title: 'Device Shadows', create: createShadows },
    { id: 'retained', key: '6', title: 'Retained messages', create: createRetained },
    { id: 'registry', key: '7', title: 'Keys, policies, certificates', create: createRegistry },
    { id: 'playground', key: '8', title: 'Policy playground', create: createPlayground },
];
const THEMES = ['auto', 'light', 'dark'];

const $ = (id) => document.getElementById(id);
const views = new Map();
let current = null;

/** #/<view>?a=b, so views can be linked to with their inputs filled in. */
function route() {
    const [id, query] = location.hash.replace(/^#\/?/, '').split('?');
    return { id: views.has(id) ? id : 'live', params: new URLSearchParams(query ?? '') };
}

function show() {
    const { id, params } = route();
    for (const [viewId, view] of views) {
        view.section.hidden = viewId !== id;
        view.link.setAttribute('aria-current', viewId === id ? 'page' : 'false');
    }
    const view = views.get(id);
    document.title = `${view.title} · IoT Core emulator`;
    if (current !== id) {
        current = id;
    }
    view.instance.show?.(params);
}

function navigate(id, params) {
    const query = params ? `?${new URLSearchParams(params)}` : '';
    location.hash = `#/${id}${query}`;
}

function setTheme(theme) {
    document.documentElement.dataset.theme = theme;
    $('theme').textContent = `Theme: ${theme}`;
    localStorage.setItem('iot-emulator-theme', theme);
}

function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
        || target instanceof HTMLSelectElement || target?.isContentEditable;
}

function keyboard(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
        return;
    }
    const view = VIEWS.find((v) => v.key === event.key);
    if (view) {
        event.preventDefault();
        navigate(view.id);
        $('main').focus();
    } else if (event.key === '?') {
        event.preventDefault();
        $('help').showModal();
    } else {
        views.get(current)?.instance.key?.(event);
    }
}

function start() {
    setTheme(localStorage.getItem('iot-emulator-theme') ?? 'auto');
    $('theme').addEventListener('click', () => {
        const theme = document.documentElement.dataset.theme;
        setTheme(THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]);
    });
    $('help-button').addEventListener('click', () => $('help').showModal());
    const context = { navigate };
    for (const view of VIEWS) {
        const section = h('section', { id: `view-${view.id}`, class: 'view', 'aria-labelledby': `title-${view.id}`,
            hidden: true }, h('h2', { id: `title-${view.id}` }, view.title));
        $('main').append(section);
        const link = h('a', { href: `#/${view.id}`, id: `nav-${view.id}` }, h('kbd', null, view.key), ' ', view.title);
        $('nav').append(h('li', null, link));
        views.set(view.id, { ...view, section, link, instance: view.create(section, context) });
    }
    const keys = [...VIEWS.map((v) => [v.key, v.title]), ['/', 'Filter the live messages'],
        ['p', 'Pause or resume the live messages'], ['Enter', 'Open the focused row'], ['?', 'This help']];
    $('help-keys').append(...keys.flatMap(([key, what]) => [h('dt', null, h('kbd', null, key)), h('dd', null, what)]));
    document.addEventListener('keydown', keyboard);
    window.addEventListener('hashchange', show);
    show();
    openEvents((type, data) => {
        for (const view of views.values()) {
            view.instance.onEvent?.(type, data);
        }
    }, (state) => {
        $('stream').dataset.state = state;
        $('stream').textContent = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…',
            closed: 'disconnected' }[state] ?? state;
    });
}

document.addEventListener('DOMContentLoaded', start);
