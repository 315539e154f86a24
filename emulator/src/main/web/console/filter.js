// The live view's filter: a topic filter (MQTT wildcards, AWS rules) or, when the text is not a valid filter, a
// substring of the topic; a client id or principal substring; and the sources to show.
import { filterProblem, matches } from './topics.js';

export const SOURCES = ['mqtt', 'http', 'admin', 'service'];

/** A predicate over the emulator's message events. */
export function liveFilter({ topic = '', client = '', sources = SOURCES } = {}) {
    const topicText = topic.trim();
    const wildcardFilter = topicText !== '' && !filterProblem(topicText);
    const clientText = client.trim().toLowerCase();
    const allowed = new Set(sources);
    return (message) => {
        if (!allowed.has(message.source ?? 'mqtt')) {
            return false;
        }
        if (topicText !== '') {
            const topicMatches = wildcardFilter ? matches(topicText, message.topic)
                : (message.topic ?? '').includes(topicText);
            if (!topicMatches) {
                return false;
            }
        }
        if (clientText !== '') {
            const who = `${message.clientId ?? ''} ${message.principal ?? ''}`.toLowerCase();
            if (!who.includes(clientText)) {
                return false;
            }
        }
        return true;
    };
}
