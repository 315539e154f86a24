package dev.iotemulator.internal.http;

import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Operation;
import dev.iotemulator.internal.core.Core;
import dev.iotemulator.internal.dataplane.DataPlane;
import dev.iotemulator.internal.http.admin.CertificatesRoute;
import dev.iotemulator.internal.http.admin.ClientDisconnectRoute;
import dev.iotemulator.internal.http.admin.ClientsRoute;
import dev.iotemulator.internal.http.admin.ControlPlaneAdminRoute;
import dev.iotemulator.internal.http.admin.IdentitiesRoute;
import dev.iotemulator.internal.http.admin.JournalRoute;
import dev.iotemulator.internal.http.admin.PoliciesRoute;
import dev.iotemulator.internal.http.admin.PolicyDenialsRoute;
import dev.iotemulator.internal.http.admin.PolicyTestRoute;
import dev.iotemulator.internal.http.admin.RefusalsRoute;
import dev.iotemulator.internal.http.admin.ResetRoute;
import dev.iotemulator.internal.http.admin.RetainedRoute;
import dev.iotemulator.internal.http.admin.RuleExecutionsRoute;
import dev.iotemulator.internal.http.admin.RuleNearMissesRoute;
import dev.iotemulator.internal.http.admin.RulesRoute;
import dev.iotemulator.internal.http.admin.ServerPublishRoute;
import dev.iotemulator.internal.http.admin.ShadowsRoute;
import dev.iotemulator.internal.http.admin.ThingsRoute;
import dev.iotemulator.internal.http.admin.StatsRoute;
import dev.iotemulator.internal.http.console.ConsolePresignRoute;
import dev.iotemulator.internal.http.console.EventStreamRoute;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every HTTP route of the emulator, in one table, on the HTTP and HTTPS ports alike. AWS's paths stay as AWS has
 * them (the data plane, the control plane and the Jobs data plane, Cognito Identity on {@code /}); the emulator's own
 * live under {@code /__emulator/}. A request for no route gets a 404 that lists this table, unless it is signed for
 * the control plane: then it names the AWS operation it is and says that it is not emulated.
 */
public final class HttpRoutes {

    /** The path of MQTT over WebSocket, as at AWS IoT. */
    public static final String MQTT_PATH = "/mqtt";
    /** Where the emulator's own routes live; every route under it is an admin route unless it is open. */
    public static final String EMULATOR_PREFIX = "/__emulator/";
    public static final String HEALTH_PATH = "/__emulator/health";
    /**
     * The emulator's routes anyone may call: health (for health checks), the CA certificate (public by nature), the
     * presigned-URL vending and the demo page (browser routes with their own CORS policy from browser.json), and the
     * console's scripts, styles and icon (code anyone can read in the jar; the console's page and everything it
     * reads stay admin routes).
     */
    private static final Set<String> OPEN = Set.of(HEALTH_PATH, CertificatesRoute.CA_PATH, PresignRoute.PATH,
            StaticFilesRoute.DEMO.template(), StaticFilesRoute.CONSOLE.template());

    private final List<Route> routes;
    private final ControlPlaneRoute controlPlane;
    private final AdminAccess adminAccess;

    /** @param webSocket upgrades {@code GET /mqtt} to MQTT over a WebSocket once its SigV4 signature checks out */
    public HttpRoutes(Core core, Route.Handler webSocket) {
        this.adminAccess = new AdminAccess(core.settings().bindAddress(), core.settings().adminToken(),
                core.settings().hostNames());
        BrowserAccess browser = BrowserAccess.of(core.browser(), core.credentials(), core.clock());
        List<Route> table = new ArrayList<>(List.of(
                Route.of("GET", MQTT_PATH, "MQTT over a SigV4-presigned WebSocket", webSocket),
                Route.of("GET", HEALTH_PATH, "health", new HealthRoute(core::brokerHealth)),
                Route.of("GET", JournalRoute.PATH, "what happened: connects, publishes, deliveries, denials",
                        new JournalRoute(core.journal())),
                Route.of("GET", ClientsRoute.PATH, "connected clients", new ClientsRoute(core.admin())),
                Route.of("POST", ClientDisconnectRoute.TEMPLATE, "disconnect a client",
                        new ClientDisconnectRoute(core.admin())),
                Route.of("POST", ServerPublishRoute.PATH, "publish as the emulator",
                        new ServerPublishRoute(core.admin())),
                Route.of("POST", ResetRoute.PATH, "reset between tests", new ResetRoute(core.admin())),
                Route.of("GET", StatsRoute.PATH, "dropped messages and back-pressure", new StatsRoute(core.admin())),
                Route.of("GET", RulesRoute.PATH, "topic rules", new RulesRoute(core.rules())),
                Route.of("POST,DELETE", RulesRoute.PATH + "/{ruleName}", "create or delete a topic rule",
                        new RulesRoute(core.rules())),
                Route.of("GET", RuleExecutionsRoute.PATH, "what each rule did, and why",
                        new RuleExecutionsRoute(core.rules())),
                Route.of("GET", RuleNearMissesRoute.PATH, "which rules nearly matched a topic, and why not",
                        new RuleNearMissesRoute(core.rules())),
                Route.of("GET,POST", PolicyTestRoute.PATH, "would a policy allow this?",
                        new PolicyTestRoute(core.credentials(), core.authorizer())),
                Route.of("GET", PolicyDenialsRoute.PATH, "latest policy denials",
                        new PolicyDenialsRoute(core.authorizer().denials())),
                Route.of("GET", CertificatesRoute.CA_PATH, "the local CA certificate",
                        new CertificatesRoute(core.tls(), core.authorizer())),
                Route.of("GET,POST", CertificatesRoute.PATH, "list or create device certificates",
                        new CertificatesRoute(core.tls(), core.authorizer())),
                Route.of("PUT", CertificatesRoute.PATH + "/{certificateId}", "set a certificate's status",
                        new CertificatesRoute(core.tls(), core.authorizer())),
                Route.of("POST", ControlPlaneAdminRoute.THINGS, "a thing with a certificate and policy",
                        new ControlPlaneAdminRoute(core.controlPlaneAdmin())),
                Route.of("POST", ControlPlaneAdminRoute.JOBS, "a job for some things",
                        new ControlPlaneAdminRoute(core.controlPlaneAdmin())),
                Route.of("GET", ControlPlaneAdminRoute.EXECUTION, "a job execution's status",
                        new ControlPlaneAdminRoute(core.controlPlaneAdmin())),
                Route.of("GET,OPTIONS", PresignRoute.PATH, "a presigned URL for a browser",
                        new PresignRoute(browser, core.credentials(), core.settings().region())),
                Route.of("GET", StaticFilesRoute.DEMO.template(), "the browser demo", StaticFilesRoute.DEMO),
                Route.of("POST,OPTIONS", CognitoIdentityRoute.PATH, "Cognito Identity GetId and "
                        + "GetCredentialsForIdentity", new CognitoIdentityRoute(browser))));
        table.addAll(inspection(core));
        DataPlaneRoute dataPlane = new DataPlaneRoute(core.dataPlane());
        for (DataPlane.Operation op : core.dataPlane().operations()) {
            table.add(new Route(List.of(op.method()), op.template(), "AWS IoT " + op.operation(),
                    path -> op.path().matcher(path).matches(), dataPlane));
        }
        this.controlPlane = new ControlPlaneRoute(core.controlPlane());
        table.addAll(controlPlaneRows(core.controlPlane(), controlPlane));
        this.routes = List.copyOf(table);
    }

    /** The console, and the admin routes it reads besides those above. */
    private static List<Route> inspection(Core core) {
        return List.of(
                Route.of("GET", "/", "redirects to the console", (ctx, request, path) -> redirect(ctx, request,
                        StaticFilesRoute.CONSOLE.prefix() + "/")),
                Route.of("GET", EventStreamRoute.PATH, "the console's live events (server-sent events)",
                        new EventStreamRoute(core.journal(), core.authorizer().denials(), core.refusals())),
                Route.of("GET", ConsolePresignRoute.PATH, "a presigned URL for the console's MQTT test client",
                        new ConsolePresignRoute(core.credentials(), core.settings().region(), core.clock())),
                Route.of("GET", RefusalsRoute.PATH, "latest SigV4, TLS, CONNECT and protocol refusals",
                        new RefusalsRoute(core.refusals())),
                Route.of("GET", ShadowsRoute.PATH, "every Device Shadow", new ShadowsRoute(core.shadows())),
                Route.of("GET,POST,DELETE", ShadowsRoute.PATH + "/{thingName}", "get, update or delete a shadow",
                        new ShadowsRoute(core.shadows())),
                Route.of("GET", RetainedRoute.PATH, "every retained message", new RetainedRoute(core.retained())),
                Route.of("GET", IdentitiesRoute.PATH, "the configured access keys and their policies",
                        new IdentitiesRoute(core.credentials(), core.authorizer())),
                Route.of("GET", PoliciesRoute.PATH, "every IoT policy",
                        new PoliciesRoute(core.authorizer(), core.registry())),
                Route.of("GET", ControlPlaneAdminRoute.THINGS, "the registry's things",
                        new ThingsRoute(core.registry())),
                new Route(List.of("GET"), StaticFilesRoute.CONSOLE.prefix() + "/", "the console",
                        StaticFilesRoute.CONSOLE.page(), StaticFilesRoute.CONSOLE),
                // After the console's own routes above, which its files' template would otherwise take.
                Route.of("GET", StaticFilesRoute.CONSOLE.template(), "the console's scripts, styles and icon",
                        StaticFilesRoute.CONSOLE));
    }

    /**
     * 302 to {@code location}, keeping the request's query string. Anything in the query a header value may not hold
     * (control characters, spaces, bytes above ASCII) is percent-encoded, so a hostile query still gets its redirect.
     */
    private static void redirect(ChannelHandlerContext ctx, FullHttpRequest request, String location) {
        int q = request.uri().indexOf('?');
        String target = q < 0 ? location : location + headerSafe(request.uri().substring(q));
        HttpResponses.send(ctx, HttpResponseStatus.FOUND, new byte[0], h -> h.set(HttpHeaderNames.LOCATION, target));
    }

    /** Netty reads the request line byte by byte (ISO-8859-1), so each char of the query is one byte of the wire. */
    static String headerSafe(String query) {
        StringBuilder safe = new StringBuilder(query.length());
        for (byte b : query.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F) {
                safe.append((char) c);
            } else {
                safe.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return safe.toString();
    }

    /**
     * One row per method and path of the control plane's operations; operations of two services on the same path
     * (the control plane's ListJobExecutionsForThing and the Jobs data plane's GetPendingJobExecutions) share a row,
     * and the control plane tells them apart by the signing service.
     */
    private static List<Route> controlPlaneRows(ControlPlane plane, ControlPlaneRoute handler) {
        Map<String, List<Operation>> byRow = new LinkedHashMap<>();
        for (Operation op : plane.byPath()) {
            byRow.computeIfAbsent(op.method() + " " + op.template(), k -> new ArrayList<>()).add(op);
        }
        List<Route> rows = new ArrayList<>();
        byRow.forEach((key, ops) -> rows.add(Route.of(ops.get(0).method(), ops.get(0).template(),
                String.join(" / ", ops.stream().map(o -> o.service().title() + " " + o.name()).toList()), handler)));
        return rows;
    }

    /** Answers a request no route serves when it is signed for the control plane; false otherwise. */
    boolean answerUnrouted(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        return controlPlane.answerUnrouted(ctx, request, path);
    }

    public List<Route> all() {
        return routes;
    }

    /**
     * Whether {@code route} is part of the admin surface, which {@link AdminAccess} guards: every route under
     * {@value #EMULATOR_PREFIX} but the open ones, so a route added there is guarded unless it says otherwise.
     */
    public boolean isAdmin(Route route) {
        return route.template().startsWith(EMULATOR_PREFIX) && !OPEN.contains(route.template());
    }

    AdminAccess adminAccess() {
        return adminAccess;
    }

    /** The table as one line per route, for the 404 answer. */
    String describe() {
        return String.join("; ", routes.stream().map(Route::describe).toList());
    }
}
