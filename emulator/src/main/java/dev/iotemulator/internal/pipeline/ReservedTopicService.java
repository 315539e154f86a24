package dev.iotemulator.internal.pipeline;

/**
 * An AWS service that answers on reserved topics (Device Shadow now; Jobs, fleet provisioning and rules later). It
 * plugs into the {@link PublishPipeline} with one {@link ReservedTopicServices#register registration}: every message
 * on a topic it serves reaches it after the journal and before the broker, whatever its source.
 */
public interface ReservedTopicService {

    /** Whether this service handles {@code topic}. Asked only for topics under {@code $aws/}; must be quick. */
    boolean serves(String topic);

    /**
     * Handles a message on one of its topics. Runs on the publisher's thread: keep it short, and publish responses
     * through the pipeline. Returns true when it consumes the message, so the broker does not route it to
     * subscribers (AWS's Basic Ingest); false to let it through as usual.
     */
    boolean handle(Publish publish);
}
