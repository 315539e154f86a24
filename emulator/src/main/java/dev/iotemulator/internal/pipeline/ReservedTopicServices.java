package dev.iotemulator.internal.pipeline;

import dev.iotemulator.internal.logging.LogValues;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4: the AWS services listening on reserved topics. Only topics under {@code $aws/} are offered to them, so
 * ordinary traffic pays one character comparison. A service that throws is logged and the message goes on.
 */
public final class ReservedTopicServices {

    private static final Logger LOG = LoggerFactory.getLogger(ReservedTopicServices.class);
    static final String RESERVED_PREFIX = "$aws/";

    private final List<ReservedTopicService> services = new CopyOnWriteArrayList<>();

    public void register(ReservedTopicService service) {
        services.add(service);
    }

    public void unregister(ReservedTopicService service) {
        services.remove(service);
    }

    /** Offers the message to the services that serve its topic; true when one of them consumed it. */
    boolean offer(Publish p) {
        if (!p.topic().startsWith(RESERVED_PREFIX)) {
            return false;
        }
        boolean consumed = false;
        for (ReservedTopicService service : services) {
            if (service.serves(p.topic())) {
                try {
                    consumed |= service.handle(p);
                } catch (RuntimeException e) {
                    LOG.error("event=service_failed service={} topic={} error=\"{}\"", service.getClass().getSimpleName(),
                            LogValues.escape(p.topic()), e.toString(), e);
                }
            }
        }
        return consumed;
    }
}
