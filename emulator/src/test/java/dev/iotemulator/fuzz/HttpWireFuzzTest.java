package dev.iotemulator.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests with fuzzed methods, paths of every route family, headers (the WebSocket upgrade's among them) and JSON
 * bodies on the HTTP port: each gets an HTTP answer below 500 whose body names no Java class, and the emulator stays
 * healthy.
 */
class HttpWireFuzzTest extends WireFuzzing.OnARunningEmulator {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "OPTIONS"};
    private static final String[] PATHS = {"/mqtt", "/__emulator/journal", "/__emulator/publish",
        "/__emulator/clients/x/disconnect", "/__emulator/policies/test", "/__emulator/certificates",
        "/__emulator/certificates/abc", "/__emulator/presign", "/__emulator/stats", "/topics/a",
        "/things/t/shadow", "/retainedMessage", "/retainedMessage/a", "/api/things/shadow/ListNamedShadowsForThing/t",
        "/", "/__emulator/demo/"};
    private static final String[] HEADERS = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol: mqtt",
        "Content-Type: application/json", "X-Amz-Target: AWSCognitoIdentityService.GetId",
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iotdata/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=00", "X-Amz-Date: 20240101T000000Z",
        "Origin: http://127.0.0.1"};
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
    private static final Pattern JAVA_CLASS = Pattern.compile("\\b(java|javax|io\\.netty|com\\.fasterxml)\\.[a-z.]*[A-Z]");

    static final WireFuzzing WIRE = new WireFuzzing();

    @FuzzTest(maxDuration = "15s")
    void any_request_gets_an_answer_below_500_naming_no_java_class(FuzzedDataProvider data) throws Exception {
        String method = data.pickValue(METHODS);
        String path = data.pickValue(PATHS) + data.consumeString(40).replaceAll("[\\s]", "");
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(iot.endpoints().httpPort()).append("\r\n");
        int headers = data.consumeInt(0, 4);
        for (int i = 0; i < headers; i++) {
            head.append(data.pickValue(HEADERS)).append("\r\n");
        }
        byte[] body = data.consumeRemainingAsBytes();
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body);
        String answer = new String(WireFuzzing.exchange(iot.endpoints().httpPort(), request.toByteArray()),
                StandardCharsets.ISO_8859_1);
        Matcher status = STATUS.matcher(answer);
        if (!status.find()) {
            throw new AssertionError("no HTTP answer to " + head + ": '" + answer + "'");
        }
        if (Integer.parseInt(status.group(1)) >= 500) {
            throw new AssertionError("answered " + status.group(1) + " to " + head + answer);
        }
        if (JAVA_CLASS.matcher(answer).find()) {
            throw new AssertionError("a Java class name in the answer to " + head + answer);
        }
        WIRE.checkHealthNowAndThen(iot);
    }
}
