package io.moquette.broker;

import io.moquette.broker.security.IAuthenticator;
import io.netty.channel.ChannelHandler;
import java.lang.reflect.Field;
import java.util.List;

/**
 * The one class of the emulator that lives in Moquette's package, and why it must: Moquette 0.17 builds its MQTT
 * handler only inside its own socket acceptor, and every piece needed to build one elsewhere is package-private
 * ({@code NewNettyMQTTHandler}'s constructor, {@code MQTTConnectionFactory}, {@code BrokerConfiguration}) or a private
 * field of {@link Server} ({@code sessions}, {@code dispatcher}). This class builds the same handler for a broker
 * started with no listener at all, so the emulator can hand it decoded MQTT messages over an in-process channel.
 *
 * <p>It does nothing else. {@code InProcessMoquetteTest} fails on any Moquette version but 0.17 and proves the
 * handler routes messages; if it fails after an upgrade, check the names used here against the new {@code Server}.
 */
public final class InProcessMoquette {

    /** The Moquette version this class was written against. */
    public static final String SUPPORTED_VERSION = "0.17";

    private InProcessMoquette() {
    }

    /**
     * Moquette's MQTT handler for channels that {@code server} did not accept itself.
     *
     * @param server a started server (its {@code startServer} has returned)
     * @param authenticator checks the username and password of every CONNECT
     * @throws IllegalStateException on a Moquette version other than {@value #SUPPORTED_VERSION}
     */
    public static ChannelHandler mqttHandler(Server server, IAuthenticator authenticator) {
        if (!SUPPORTED_VERSION.equals(Server.MOQUETTE_VERSION)) {
            throw new IllegalStateException("the emulator embeds Moquette " + SUPPORTED_VERSION + " through "
                    + InProcessMoquette.class.getName() + ", but Moquette " + Server.MOQUETTE_VERSION
                    + " is on the class path");
        }
        SessionRegistry sessions = field(server, "sessions", SessionRegistry.class);
        PostOffice postOffice = field(server, "dispatcher", PostOffice.class);
        // anonymous refused, empty client ids refused, subscriptions not re-checked, every write flushed at once
        BrokerConfiguration configuration = new BrokerConfiguration(false, false, false,
                io.moquette.BrokerConstants.IMMEDIATE_BUFFER_FLUSH);
        return new NewNettyMQTTHandler(new MQTTConnectionFactory(configuration, authenticator, sessions, postOffice));
    }

    /**
     * The threads of Moquette's session loops ("Session Executor N"), which run every session's commands: a task that
     * throws ends its thread for good, and the sessions routed to it get no answer again, so the emulator watches them.
     */
    public static List<Thread> sessionLoopThreads(Server server) {
        PostOffice postOffice = field(server, "dispatcher", PostOffice.class);
        SessionEventLoopGroup loops = field(PostOffice.class, postOffice, "sessionLoops", SessionEventLoopGroup.class);
        return List.of(field(SessionEventLoopGroup.class, loops, "sessionExecutors", SessionEventLoop[].class));
    }

    private static <T> T field(Server server, String name, Class<T> type) {
        return field(Server.class, server, name, type);
    }

    private static <T> T field(Class<?> owner, Object instance, String name, Class<T> type) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            Object value = field.get(instance);
            if (value == null) {
                throw new IllegalStateException("Moquette's " + owner.getSimpleName() + "." + name
                        + " is null: start the server first");
            }
            return type.cast(value);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("Moquette's " + owner.getSimpleName() + " has no accessible field '" + name
                    + "' of type "
                    + type.getSimpleName() + "; " + InProcessMoquette.class.getName() + " needs updating", e);
        }
    }
}
