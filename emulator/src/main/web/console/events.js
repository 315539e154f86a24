// The emulator's live events (server-sent events from /__emulator/console/events), handed to every view.
import { withToken } from './api.js';

export const EVENT_TYPES = ['message', 'client', 'denial', 'refusal', 'dropped', 'ready'];

/**
 * Opens the stream; `dispatch(type, data)` gets every event, and ('reset') whenever the stream is opened again
 * (the emulator then sends its backlog anew). `status(state)` gets 'connecting', 'live' or 'reconnecting'.
 */
export function openEvents(dispatch, status) {
    let opened = false;
    status('connecting');
    const source = new EventSource(withToken('/__emulator/console/events'));
    source.addEventListener('open', () => {
        if (opened) {
            dispatch('reset', null);
        }
        opened = true;
        status('live');
    });
    source.addEventListener('error', () => status(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
    for (const type of EVENT_TYPES) {
        source.addEventListener(type, (event) => dispatch(type, JSON.parse(event.data)));
    }
    return source;
}
