package dev.iotemulator.internal.cli;

import dev.iotemulator.ConfigurationException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --action-endpoint service=url} values. */
final class ActionEndpoints {

    private ActionEndpoints() {
    }

    static Map<String, URI> parse(List<String> values) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        if (values == null) {
            return endpoints;
        }
        for (String value : values) {
            String v = value.trim();
            if (v.isEmpty()) {
                continue;
            }
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("--action-endpoint takes SERVICE=URL, such as "
                        + "dynamodb=http://127.0.0.1:4567, not '" + v + "'.");
            }
            try {
                endpoints.put(v.substring(0, eq).trim(), URI.create(v.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--action-endpoint " + v + ": the URL is not valid (" + e.getMessage()
                        + ").");
            }
        }
        return endpoints;
    }
}
