package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConnectedClient;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorControl;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.IotEmulatorException;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.MessageNotReceivedException;
import dev.iotemulator.ReceivedMessage;
import dev.iotemulator.RuleExecution;
import dev.iotemulator.RemoteEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same assertions through {@link EmulatorControl}, once on the in-process {@link IotEmulator} and once through a
 * {@link RemoteEmulator} on its HTTP port: the two must behave alike.
 */
class EmulatorControlTest {

    static IotEmulator iot;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    /** The emulator is closed in {@link #stop()}, not by JUnit after each invocation: see autoCloseArguments. */
    static Stream<Arguments> controls() {
        return Stream.of(Arguments.of("in-process", iot),
                Arguments.of("remote", RemoteEmulator.connect(iot.endpoints().httpUri())));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("controls")
    void publish_await_and_journal(String name, EmulatorControl control) throws Exception {
        control.reset();
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), name + "-device")) {
            device.paho.subscribe("cmd/" + name, 1);
            control.publish("cmd/" + name, "go".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("go", new String(device.next().message().getPayload(), StandardCharsets.UTF_8));
            device.paho.publish("telemetry/" + name, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), 1, false);

            ReceivedMessage m = control.awaitMessage("telemetry/+", Duration.ofSeconds(10));
            assertEquals(name + "-device", m.clientId());
            assertEquals("{\"ok\":true}", m.payloadAsString());
            assertNull(control.awaitMessage(r -> r.topic().startsWith("cmd/"), Duration.ofSeconds(5)).clientId());

            // Only this device's entries and the emulator's own admin publish: a client of an earlier test may still
            // be journaling its disconnect, and lifecycle events are journaled too (source "service").
            List<JournalEntry.Kind> kinds = control.journalEntries().stream()
                    .filter(j -> !"service".equals(j.source()))
                    .filter(j -> j.clientId() == null || j.clientId().equals(name + "-device"))
                    .map(JournalEntry::kind).toList();
            assertEquals(List.of(JournalEntry.Kind.CONNECT, JournalEntry.Kind.SUBSCRIBE, JournalEntry.Kind.PUBLISH,
                    JournalEntry.Kind.DELIVERY, JournalEntry.Kind.PUBLISH), kinds);
            assertEquals(List.of("cmd/" + name, "telemetry/" + name), control.publishes().stream()
                    .filter(p -> !"service".equals(p.source())).map(ReceivedMessage::topic).toList());
            assertEquals(List.of("admin", "mqtt"), control.publishes().stream()
                    .filter(p -> !"service".equals(p.source())).map(ReceivedMessage::source).toList());

            MessageNotReceivedException e = assertThrows(MessageNotReceivedException.class,
                    () -> control.awaitMessage("telemetry/" + name + "/x", Duration.ofMillis(300)));
            // The lifecycle events are counted, not listed; how many depends on earlier tests' clients still leaving.
            assertEquals("No message on a topic matching 'telemetry/" + name + "/x' arrived within 300 ms. 2 message(s)"
                    + " did arrive, on these topics (nearest first; did you mean one of them?):\n  telemetry/" + name
                    + "  (1 message(s), last from client " + name + "-device, qos 1, 11 bytes)\n  cmd/" + name
                    + "  (1 message(s), last from the emulator, qos 1, 2 bytes)",
                    e.getMessage().substring(0, e.getMessage().indexOf("\n  (and ")));
            assertTrue(e.getMessage().matches("(?s).*\\(and \\d+ message\\(s\\) on reserved \\$ topics, such as "
                    + "lifecycle events, not listed\\)"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("controls")
    void topic_rules_created_awaited_explained_and_deleted(String name, EmulatorControl control) throws Exception {
        control.reset();
        String rule = "shadow_" + name.replace('-', '_');
        control.publish("$aws/things/lamp-" + name + "/shadow/update",
                "{\"state\":{\"reported\":{\"alarm\":\"ON\"}}}".getBytes(StandardCharsets.UTF_8), 1, false);
        control.createTopicRule(rule, "{\"sql\": \"SELECT temp, get_thing_shadow(topic(2), "
                + "'arn:aws:iam::000000000000:role/r').state.reported.alarm AS alarm FROM 'lamps/+/" + name
                + "' WHERE temp > 30\", \"awsIotSqlVersion\": \"2016-03-23\", \"actions\": []}");
        try {
            control.publish("lamps/lamp-" + name + "/" + name, "{\"temp\": 31}".getBytes(StandardCharsets.UTF_8), 0,
                    false);
            RuleExecution e = control.awaitRuleExecution(rule, Duration.ofSeconds(10));
            assertTrue(e.fired(), e.explanation());
            assertEquals("{\"temp\":31,\"alarm\":\"ON\"}", e.output());
            assertEquals(List.of("temp > 30: 31 > 30 is true"), e.comparisons());
            assertEquals(List.of("rule " + rule + ": FROM 'lamps/+/" + name + "': level 3 is 'x', not '" + name + "'"),
                    control.ruleNearMisses("lamps/l/x").stream().filter(l -> l.startsWith("rule " + rule)).toList());
            IotEmulatorException refused = assertThrows(IotEmulatorException.class, () -> control.createTopicRule(
                    "broken", "{\"sql\": \"SELECT FROM 'a'\", \"actions\": []}"));
            assertTrue(refused.getMessage().contains("line 1, column 8: expected an expression but found 'FROM'"),
                    refused.getMessage());
        } finally {
            control.deleteTopicRule(rule);
        }
        assertThrows(IotEmulatorException.class, () -> control.deleteTopicRule(rule));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("controls")
    void clients_and_disconnect(String name, EmulatorControl control) throws Exception {
        control.reset();
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), name + "-observer");
                PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), name + "-victim")) {
            device.paho.subscribe("a/#", 0);
            List<ConnectedClient> clients = control.connectedClients();
            assertEquals(List.of(name + "-observer", name + "-victim"),
                    clients.stream().map(ConnectedClient::clientId).sorted().toList());
            assertEquals(List.of("a/#"), clients.stream().filter(c -> c.clientId().equals(name + "-victim"))
                    .findFirst().orElseThrow().subscriptions());

            control.disconnect(name + "-victim", "SERVER_INITIATED_DISCONNECT");
            assertEquals("SERVER_INITIATED_DISCONNECT", observer.await("$aws/events/presence/disconnected/"
                    + name + "-victim").body().get("disconnectReason").asText());
            IotEmulatorException gone = assertThrows(IotEmulatorException.class,
                    () -> control.disconnect(name + "-victim"));
            assertTrue(gone.getMessage().contains("No client '" + name + "-victim' is connected"), gone.getMessage());
            assertThrows(IotEmulatorException.class, () -> control.disconnect(name + "-observer", "BORED"));
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("controls")
    void certificates(String name, EmulatorControl control) throws Exception {
        String caPem = control.caCertificatePem();
        assertEquals(iot.caCertificatePem(), caPem);
        Path ca = Files.writeString(dir.resolve("ca.pem"), caPem);
        DeviceCertificate device = control.createDeviceCertificate(name + "-thing", "AllowEverything");
        assertEquals("arn:aws:iot:" + iot.options().region() + ":" + iot.options().accountId() + ":cert/"
                + device.certificateId(), device.certificateArn());
        PahoClients.connectTls(iot.endpoints().mqttsUri().orElseThrow().toString(), name + "-thing",
                TlsMaterial.socketFactory(ca, device)).close();
        assertThrows(IotEmulatorException.class, () -> control.createDeviceCertificate(name, "NoSuchPolicy"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("controls")
    void a_thing_with_certificate_and_policy_in_one_call_runs_a_job_whose_status_is_read_back(String name,
            EmulatorControl control) throws Exception {
        String thing = name + "-pump";
        DeviceCertificate pump = control.createThing(thing, name + "PumpPolicy", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": [
                  "arn:aws:iot:us-east-1:000000000000:client/${iot:Connection.Thing.ThingName}",
                  "arn:aws:iot:us-east-1:000000000000:topic/$aws/things/${iot:Connection.Thing.ThingName}/jobs/*",
                  "arn:aws:iot:us-east-1:000000000000:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/jobs/*"
                ]}]}""");
        control.createJob(name + "-flush", "{\"action\":\"flush\"}", thing);
        assertEquals("QUEUED", control.jobExecutionStatus(name + "-flush", thing));
        Path ca = iot.endpoints().caCertificateFile().orElseThrow();
        try (PahoClients.Client device = PahoClients.connectTls(iot.endpoints().mqttsUri().orElseThrow().toString(),
                thing, TlsMaterial.socketFactory(ca, pump))) {
            String jobs = "$aws/things/" + thing + "/jobs/";
            device.paho.subscribe(jobs + name + "-flush/update/accepted", 1);
            device.paho.publish(jobs + name + "-flush/update", "{\"status\":\"SUCCEEDED\"}"
                    .getBytes(StandardCharsets.UTF_8), 1, false);
            assertTrue(device.next().topic().endsWith("/update/accepted"));
        }
        assertEquals("SUCCEEDED", control.jobExecutionStatus(name + "-flush", thing));
        IotEmulatorException missing = assertThrows(IotEmulatorException.class,
                () -> control.jobExecutionStatus(name + "-flush", "no-such-thing"));
        assertTrue(missing.getMessage().contains("ResourceNotFoundException"), missing.getMessage());
    }
}
