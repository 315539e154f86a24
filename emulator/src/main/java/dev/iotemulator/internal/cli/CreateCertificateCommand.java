package dev.iotemulator.internal.cli;

import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.IotEmulatorException;
import dev.iotemulator.RemoteEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-certificate}: asks a running emulator for a device key pair and certificate through its admin API
 * ({@link RemoteEmulator}) and writes them, with the CA certificate, into a directory.
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
        URI admin = URI.create("http://" + host + ":" + httpPort);
        DeviceCertificate created;
        String ca;
        try {
            RemoteEmulator emulator = RemoteEmulator.connect(admin, Duration.ofSeconds(30));
            created = emulator.createDeviceCertificate(thing,
                    policies == null ? new String[0] : policies.toArray(String[]::new));
            ca = emulator.caCertificatePem();
        } catch (IotEmulatorException e) {
            System.err.println("iot-emulator: " + e.getMessage() + " (the emulator is looked for at " + admin
                    + "; pass --host/--http-port)");
            return 1;
        }
        DeviceCertificate.Files files = created.writeTo(out);
        Path caFile = out.resolve("iot-emulator-root-ca.pem");
        Files.writeString(caFile, ca);
        System.out.println("certificateId  " + created.certificateId());
        System.out.println("certificateArn " + created.certificateArn());
        System.out.println("certificate    " + files.certificate());
        System.out.println("private key    " + files.privateKey());
        System.out.println("public key     " + files.publicKey());
        System.out.println("CA certificate " + caFile);
        return 0;
    }
}
