package dev.iotemulator.internal.controlplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every operation AWS's service models define for {@code iot} and {@code iot-jobs-data}, with its HTTP binding, read
 * from {@code aws-operations.tsv}: what lets the emulator name an operation it does not emulate.
 */
final class AwsOperations {

    private static final String RESOURCE = "aws-operations.tsv";

    record Entry(Service service, String method, PathTemplate template, String operation) {
    }

    private final List<Entry> entries;

    private AwsOperations(List<Entry> entries) {
        this.entries = entries;
    }

    static AwsOperations load() {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = AwsOperations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; the build is broken");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Service service = f[0].equals("iot") ? Service.IOT : Service.JOBS_DATA;
                entries.add(new Entry(service, f[1], new PathTemplate(f[2]), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AwsOperations(List.copyOf(entries));
    }

    /** The most specific operation of {@code service} with this method and path. */
    Optional<Entry> find(Service service, String method, String rawPath) {
        return entries.stream()
                .filter(e -> e.service == service && e.method.equals(method)
                        && e.template.match(rawPath) != null)
                .max(Comparator.comparingInt(e -> e.template.specificity()));
    }
}
