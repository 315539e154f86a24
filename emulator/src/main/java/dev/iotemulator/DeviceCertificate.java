package dev.iotemulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A device certificate the emulator created and signed with its local CA, with the key pair, as AWS IoT's
 * {@code CreateKeysAndCertificate} returns them. The emulator keeps the certificate (in its data directory, when it
 * has one) but never the private key.
 *
 * <pre>{@code
 * DeviceCertificate device = iot.createDeviceCertificate("sensor-1", "DevicePolicy");
 * DeviceCertificate.Files files = device.writeTo(tempDir);
 * // AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath(files.certificate().toString(), files.privateKey().toString())
 * }</pre>
 *
 * @param certificateId SHA-256 of the certificate, 64 hex digits, as AWS IoT's certificate ids
 * @param certificateArn {@code arn:aws:iot:<region>:<account>:cert/<certificateId>}
 * @param certificatePem the certificate
 * @param publicKeyPem the public key
 * @param privateKeyPem the RSA private key ({@code BEGIN RSA PRIVATE KEY})
 */
public record DeviceCertificate(String certificateId, String certificateArn, String certificatePem,
        String publicKeyPem, String privateKeyPem) {

    /** Where {@link #writeTo} put the files. */
    public record Files(Path certificate, Path privateKey, Path publicKey) {
    }

    /**
     * Writes the certificate and keys into {@code directory} with the AWS console's file names:
     * {@code <id prefix>-certificate.pem.crt}, {@code -private.pem.key} (owner-only where the file system allows)
     * and {@code -public.pem.key}.
     */
    public Files writeTo(Path directory) {
        String prefix = certificateId.substring(0, 10);
        try {
            java.nio.file.Files.createDirectories(directory);
            Path cert = directory.resolve(prefix + "-certificate.pem.crt");
            Path key = directory.resolve(prefix + "-private.pem.key");
            Path pub = directory.resolve(prefix + "-public.pem.key");
            java.nio.file.Files.writeString(cert, certificatePem);
            java.nio.file.Files.writeString(key, privateKeyPem);
            try {
                java.nio.file.Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            java.nio.file.Files.writeString(pub, publicKeyPem);
            return new Files(cert, key, pub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device certificate to " + directory, e);
        }
    }

    /** Leaves the private key out. */
    @Override
    public String toString() {
        return "DeviceCertificate[certificateId=" + certificateId + ", certificateArn=" + certificateArn + "]";
    }
}
