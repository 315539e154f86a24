// The policy playground: would this key, as this client, be allowed this action on this resource? Asks the
// emulator's explain route (POST /__emulator/policies/test), which evaluates the key's policies like AWS's
// TestAuthorization and names the deciding statement.
import { api } from '../api.js';
import { badge, facts, field, fill, h } from '../dom.js';

const ACTIONS = {
    'iot:Connect': 'client', 'iot:Publish': 'topic', 'iot:RetainPublish': 'topic', 'iot:Subscribe': 'topicfilter',
    'iot:Receive': 'topic', 'iot:GetThingShadow': 'thing', 'iot:UpdateThingShadow': 'thing',
    'iot:DeleteThingShadow': 'thing', 'iot:GetRetainedMessage': 'topic', 'iot:ListRetainedMessages': 'topic',
};

export function createPlayground(section) {
    let loaded = false;
    const identity = h('select', { id: 'playground-identity' });
    const clientId = h('input', { id: 'playground-client', size: 20, value: 'device-1', spellcheck: 'false' });
    const action = h('select', { id: 'playground-action', onChange: hint },
        Object.keys(ACTIONS).map((a) => h('option', { value: a }, a)));
    const resource = h('input', { id: 'playground-resource', size: 40, value: 'topic/room/1', spellcheck: 'false' });
    const resourceHint = h('span', { class: 'hint' });
    const answer = h('div', { id: 'playground-answer', 'aria-live': 'polite' });
    section.append(
        h('p', { class: 'intro' }, 'Asks the emulator whether a key\'s IoT policies allow an action, as AWS IoT\'s '
            + 'TestAuthorization does, and which statement decides. Nothing is changed.'),
        h('form', { class: 'card', onSubmit: (e) => {
            e.preventDefault();
            evaluate();
        } }, h('div', { class: 'row' }, field('Access key', identity), field('Client id', clientId),
            field('Action', action)),
        field('Resource (ARN or its tail)', resource, resourceHint),
        h('button', { id: 'playground-evaluate' }, 'Evaluate')),
        answer);

    function hint() {
        const kind = ACTIONS[action.value];
        fill(resourceHint, `e.g. ${kind}/${{ client: 'device-1', topic: 'room/1', topicfilter: 'room/#',
            thing: 'lamp' }[kind]}`);
    }

    async function evaluate() {
        try {
            const decision = await api.testPolicy({ accessKeyId: identity.value, clientId: clientId.value.trim(),
                action: action.value, resource: resource.value.trim() });
            const statement = decision.statement
                ? `${decision.statement.policy} statement ${decision.statement.index}`
                    + (decision.statement.sid ? ` (Sid ${decision.statement.sid})` : '') : 'none';
            fill(answer, h('div', { class: `decision ${decision.allowed ? 'allowed' : 'denied'}` },
                badge(decision.decision), ' ', h('strong', null, decision.allowed ? 'Allowed' : 'Denied'),
                facts([['Resource', decision.resource], ['Policies', decision.policies?.join(', ')
                    ?? 'none: not subject to IoT policies'], ['Deciding statement', statement],
                ['Reason', decision.reason], ['Notes', decision.notes?.join('\n')]])));
        } catch (err) {
            fill(answer, h('p', { class: 'error' }, err.message));
        }
    }

    return {
        async show(params) {
            if (!loaded) {
                const identities = (await api.identities()).identities;
                fill(identity, identities.map((i) => h('option', { value: i.accessKeyId, selected: i.default },
                    `${i.name} · ${i.accessKeyId}`)));
                loaded = true;
                hint();
            }
            for (const [key, input] of [['accessKeyId', identity], ['clientId', clientId], ['action', action],
                ['resource', resource]]) {
                if (params.get(key)) {
                    input.value = key === 'resource' ? params.get(key).replace(/^arn:aws:iot:[^:]*:[^:]*:/, '')
                        : params.get(key);
                }
            }
            hint();
            if (params.get('action')) {
                evaluate();
            }
        },
    };
}
