package dev.iotemulator.sample;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sample connects to and what it sends. Only endpoint, scheme, region and credentials differ between AWS IoT
 * Core and the local emulator, which is why they come from the standard AWS environment variables or from arguments
 * rather than from code.
 *
 * @param scheme {@code wss} (AWS IoT) or {@code ws} (local emulator)
 * @param host endpoint host name, such as {@code abcdefghij1234-ats.iot.us-east-1.amazonaws.com}
 * @param port 443 for AWS IoT; the emulator's HTTP port locally
 * @param sessionToken null for long-term keys
 * @param timeout bound on connecting and on waiting for the message to come back
 */
public record Settings(String scheme, String host, int port, String region, String accessKeyId,
        String secretAccessKey, String sessionToken, String topic, String clientId, String message,
        Duration timeout) {

    /** Usage text for {@link PubSubSample#main}; each option also has an environment variable. */
    public static final String USAGE = String.join("\n",
            "Usage: PubSubSample [--option value]...",
            "  --endpoint  host[:port]  IOT_ENDPOINT           e.g. abcdefghij1234-ats.iot.us-east-1.amazonaws.com"
                    + " or 127.0.0.1:8080",
            "  --scheme    wss|ws       IOT_SCHEME             default wss; ws for the local emulator",
            "  --region    region       AWS_REGION             default: taken from an *.iot.<region>.amazonaws.com"
                    + " endpoint",
            "  --access-key-id          AWS_ACCESS_KEY_ID",
            "  --secret-access-key      AWS_SECRET_ACCESS_KEY",
            "  --session-token          AWS_SESSION_TOKEN      only for temporary credentials",
            "  --topic                  IOT_TOPIC              default sample/pubsub",
            "  --client-id              IOT_CLIENT_ID          default sample-<random>",
            "  --message                IOT_MESSAGE            default 'hello from the Paho sample'",
            "  --timeout-seconds        IOT_TIMEOUT_SECONDS    default 10");

    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("--endpoint", "IOT_ENDPOINT"),
            Map.entry("--scheme", "IOT_SCHEME"),
            Map.entry("--region", "AWS_REGION"),
            Map.entry("--access-key-id", "AWS_ACCESS_KEY_ID"),
            Map.entry("--secret-access-key", "AWS_SECRET_ACCESS_KEY"),
            Map.entry("--session-token", "AWS_SESSION_TOKEN"),
            Map.entry("--topic", "IOT_TOPIC"),
            Map.entry("--client-id", "IOT_CLIENT_ID"),
            Map.entry("--message", "IOT_MESSAGE"),
            Map.entry("--timeout-seconds", "IOT_TIMEOUT_SECONDS"));

    private static final Pattern AWS_ENDPOINT_REGION = Pattern.compile("\\.iot\\.([a-z0-9-]+)\\.amazonaws\\.com$");

    /** Never shows the secret or the token. */
    @Override
    public String toString() {
        return "Settings[" + scheme + "://" + host + ":" + port + ", region=" + region + ", accessKeyId="
                + accessKeyId + (sessionToken == null ? "" : " (temporary)") + ", topic=" + topic + ", clientId="
                + clientId + ", timeout=" + timeout + "]";
    }

    /**
     * Arguments win over environment variables.
     *
     * @throws IllegalArgumentException naming the missing or malformed option and its environment variable
     */
    public static Settings from(String[] args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        OPTIONS.values().forEach(variable -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(variable, value);
            }
        });
        if (!values.containsKey("AWS_REGION") && environment.get("AWS_DEFAULT_REGION") != null) {
            values.put("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
        }
        for (int i = 0; i < args.length; i++) {
            String variable = OPTIONS.get(args[i]);
            if (variable == null || i + 1 == args.length) {
                throw new IllegalArgumentException("Unknown option or missing value: " + args[i]);
            }
            values.put(variable, args[++i]);
        }
        return from(values);
    }

    private static Settings from(Map<String, String> values) {
        String scheme = values.getOrDefault("IOT_SCHEME", "wss").toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws")) {
            throw new IllegalArgumentException("Scheme must be wss or ws, not '" + scheme + "' (--scheme, IOT_SCHEME).");
        }
        String endpoint = required(values, "IOT_ENDPOINT", "--endpoint");
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        int port = colon < 0 ? (scheme.equals("wss") ? 443 : 80) : parseInt(endpoint.substring(colon + 1),
                "port in '" + endpoint + "' (--endpoint, IOT_ENDPOINT)");
        String region = values.get("AWS_REGION");
        if (region == null) {
            Matcher m = AWS_ENDPOINT_REGION.matcher(host.toLowerCase(Locale.ROOT));
            if (!m.find()) {
                throw new IllegalArgumentException("No region: set AWS_REGION or pass --region; it can only be "
                        + "taken from the endpoint when that looks like *.iot.<region>.amazonaws.com.");
            }
            region = m.group(1);
        }
        return new Settings(scheme, host, port, region,
                required(values, "AWS_ACCESS_KEY_ID", "--access-key-id"),
                required(values, "AWS_SECRET_ACCESS_KEY", "--secret-access-key"),
                values.get("AWS_SESSION_TOKEN"),
                values.getOrDefault("IOT_TOPIC", "sample/pubsub"),
                values.getOrDefault("IOT_CLIENT_ID", "sample-" + UUID.randomUUID().toString().substring(0, 8)),
                values.getOrDefault("IOT_MESSAGE", "hello from the Paho sample"),
                Duration.ofSeconds(parseInt(values.getOrDefault("IOT_TIMEOUT_SECONDS", "10"),
                        "--timeout-seconds (IOT_TIMEOUT_SECONDS)")));
    }

    private static String required(Map<String, String> values, String variable, String option) {
        String value = values.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("Missing " + option + ": pass it or set " + variable + ".");
        }
        return value;
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number: " + what + " = '" + text + "'.");
        }
    }
}
