package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.connection.MqttConnectionHandler;
import dev.iotemulator.internal.core.Core;
import dev.iotemulator.internal.http.HttpRouter;
import dev.iotemulator.internal.http.HttpRoutes;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import dev.iotemulator.internal.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The two ends a client pipeline can have, the same on every port: HTTP (with its route table) and MQTT. */
final class Transports {

    /** The transport name of MQTT over TLS with a client certificate (port 8883, or ALPN on the HTTPS port). */
    static final String MTLS = "mtls";
    static final String HTTP_ROUTER = "http-router";
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
    private static final int MAX_HTTP_REQUEST_BYTES = 1024 * 1024;
    /**
     * Netty's decoder applies MQTT 3.1's 23-character client-id rule to protocol level 3; AWS IoT takes 1 to 128
     * bytes whatever the level (Amplify's Paho client sends MQTT 3.1 with a 36-character UUID). The decoder gets
     * the MQTT string maximum, and the connection path applies AWS's limit with a log line that names it.
     */
    private static final int MAX_DECODED_CLIENT_ID = 65_535;

    private final Core core;
    private final HttpRoutes routes;
    private final RateLimitedLog timeouts = new RateLimitedLog(LOG, Level.INFO, 10_000);

    Transports(Core core) {
        this.core = core;
        this.routes = new HttpRoutes(core, new MqttWebSocketUpgrade(core, this));
    }

    /** The HTTP end: codec, a bounded aggregator, the request deadline, and the router. */
    void http(ChannelPipeline pipeline) {
        pipeline.addLast("http-codec", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES))
                .addLast(RequestDeadline.NAME, new RequestDeadline(core.settings().httpRequestTimeout(), timeouts))
                .addLast(HTTP_ROUTER, new HttpRouter(routes));
    }

    /**
     * The MQTT end.
     *
     * @param identity who the client is, or null when it is established at CONNECT (plain TCP, client certificates)
     */
    void mqtt(ChannelPipeline pipeline, ConnectionIdentity identity, String transport) {
        pipeline.addLast("mqtt-decoder", new MqttDecoder(core.settings().maxMqttPacketBytes(),
                MAX_DECODED_CLIENT_ID));
        pipeline.addLast("mqtt-encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("mqtt", new MqttConnectionHandler(core.connections(), identity, transport));
    }

    Core core() {
        return core;
    }
}
