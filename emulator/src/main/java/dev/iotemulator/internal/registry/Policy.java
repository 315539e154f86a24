package dev.iotemulator.internal.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An IoT policy with its versions (at most five), one of them the default, which is the one enforced.
 *
 * @param lastVersionNumber the highest version id given so far; ids are never reused
 * @param source where it came from: {@code api}, or the configuration file it was read from
 */
public record Policy(String name, List<Version> versions, String defaultVersionId, int lastVersionNumber,
        Instant creationDate, Instant lastModifiedDate, String generationId, String source) {

    /** One version of a policy's document. */
    public record Version(String versionId, String document, Instant createDate) {
    }

    public Policy {
        versions = List.copyOf(versions);
    }

    /** The default version, the one enforced. */
    public Version defaultVersion() {
        return version(defaultVersionId).orElseThrow();
    }

    public Optional<Version> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }
}
