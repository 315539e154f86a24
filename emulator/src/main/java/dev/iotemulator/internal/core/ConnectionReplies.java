package dev.iotemulator.internal.core;

import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.pipeline.DirectReplies;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.Source;
import dev.iotemulator.internal.session.Session;
import dev.iotemulator.internal.session.SessionRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DirectReplies} through the requesting client's session: the answer joins that session's queue as a QoS 1
 * delivery, like a message the broker routed to it, so the session's usual checks apply (a subscription that matches
 * the answer's topic, {@code iot:Receive}). Every answer is journaled as the service's, so tests and the console
 * still see it.
 */
final class ConnectionReplies implements DirectReplies {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReplies.class);

    private final SessionRegistry sessions;
    private final Journal journal;

    ConnectionReplies(SessionRegistry sessions, Journal journal) {
        this.sessions = sessions;
        this.journal = journal;
    }

    @Override
    public void reply(Publish request, String topic, byte[] payload) {
        if (journal.enabled()) {
            journal.publish(null, null, topic, payload, 1, false, Source.SERVICE.label());
        }
        Optional<Session> session = request.clientId() == null ? Optional.empty()
                : sessions.session(request.clientId());
        if (session.isEmpty()) {
            LOG.info("event=reply_without_connection topic={} source={} message=\"AWS answers this request only to "
                    + "the MQTT connection that published it; there is none, so the answer is only journaled\"",
                    LogValues.escape(topic), request.source().label());
            return;
        }
        Session s = session.get();
        s.execute(() -> {
            s.delivered(topic, payload, 1, null);
            // Answers made off the session's loop (fleet provisioning works on its own thread) have no batch of
            // client packets after them to flush the queue: end one here.
            s.brokerBatchEnd();
        });
    }
}
