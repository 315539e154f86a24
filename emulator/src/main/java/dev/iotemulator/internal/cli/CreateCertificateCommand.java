package dev.iotemulator.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.DeviceCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-certificate}: asks a running emulator for a device key pair and certificate
 * ({@code POST /__emulator/certificates}) and writes them, with the CA certificate, into a directory.
 */
@Command(name = "create-certificate", mixinStandardHelpOptions = true,
        description = "Creates a device certificate in a running emulator (like CreateKeysAndCertificate), attaches "
                + "policies and a thing, and writes the certificate, keys and CA certificate to a directory.")
final class CreateCertificateCommand implements Callable<Integer> {

    @Option(names = "--thing", paramLabel = "NAME", description = "Thing to attach the certificate to.")
    String thing;

    @Option(names = "--policy", paramLabel = "NAME", description = "Policy to attach (repeatable); a file under "
            + "policies/ in the emulator's configuration, without .json.")
    List<String> policies;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory for the files. "
            + "Default: the current directory.")
    Path out;

    @Option(names = "--http-port", defaultValue = "${env:IOT_EMULATOR_HTTP_PORT:-8080}",
            description = "The running emulator's HTTP port. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The running emulator's host. "
            + "Default: ${DEFAULT-VALUE}.")
    String host;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode();
        if (thing != null) {
            body.put("thingName", thing);
        }
        policies(body);
        URI uri = URI.create("http://" + host + ":" + httpPort + "/__emulator/certificates");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("iot-emulator: no emulator answered at " + uri + " (" + e + "). Start one first, or "
                    + "pass --host/--http-port.");
            return 1;
        }
        JsonNode answer = json.readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println("iot-emulator: " + answer.path("message").asText(response.body()));
            return 1;
        }
        DeviceCertificate created = new DeviceCertificate(answer.get("certificateId").asText(),
                answer.get("certificateArn").asText(), answer.get("certificatePem").asText(),
                answer.path("keyPair").get("PublicKey").asText(), answer.path("keyPair").get("PrivateKey").asText());
        DeviceCertificate.Files files = created.writeTo(out);
        Path ca = out.resolve("iot-emulator-root-ca.pem");
        Files.writeString(ca, answer.get("caCertificatePem").asText());
        System.out.println("certificateId  " + created.certificateId());
        System.out.println("certificateArn " + created.certificateArn());
        System.out.println("certificate    " + files.certificate());
        System.out.println("private key    " + files.privateKey());
        System.out.println("public key     " + files.publicKey());
        System.out.println("CA certificate " + ca);
        return 0;
    }

    private void policies(ObjectNode body) {
        if (policies != null) {
            var list = body.putArray("policies");
            policies.forEach(list::add);
        }
    }
}
