package dev.iotemulator.internal.config;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyParseException;
import dev.iotemulator.internal.policy.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads IoT policy documents, one AWS-format JSON file per policy under {@code policies/}; the file name without
 * {@code .json} is the policy name.
 *
 * <p>From a directory every {@code *.json} file is parsed, attached or not, so a broken file always fails start-up.
 * From the class path (the embedded default) a directory cannot be listed reliably, so only the policies that
 * {@code credentials.json} attaches are read, by name.
 */
final class PolicyFiles {

    static final String DIRECTORY = "policies";
    /** AWS's policy name rule: 1 to 128 of {@code [\w+=,.@-]}. */
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private PolicyFiles() {
    }

    static Map<String, PolicyDocument> fromDirectory(Path configDirectory) {
        Path directory = configDirectory.resolve(DIRECTORY);
        Map<String, PolicyDocument> policies = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return policies;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + directory + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String name = policyName(file.getFileName().toString(), file.toString());
            try {
                policies.put(name, parse(name, Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read policy file " + file + ": " + e.getMessage(), e);
            }
        }
        return policies;
    }

    static Map<String, PolicyDocument> fromClassPath(String base, Collection<String> names) {
        Map<String, PolicyDocument> policies = new TreeMap<>();
        for (String name : names) {
            String resource = base + DIRECTORY + "/" + name + ".json";
            try (InputStream in = PolicyFiles.class.getResourceAsStream(resource)) {
                if (in != null) {
                    policies.put(name, parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            DIRECTORY + "/" + name + ".json (embedded)"));
                }
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the embedded policy " + resource + ": " + e.getMessage(),
                        e);
            }
        }
        return policies;
    }

    /** The text of every policy file under the directory's {@code policies/}, by policy name. */
    static Map<String, String> textsFromDirectory(Path configDirectory) {
        Path directory = configDirectory.resolve(DIRECTORY);
        Map<String, String> texts = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return texts;
        }
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                texts.put(policyName(file.getFileName().toString(), file.toString()),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the policies in " + directory + ": " + e.getMessage(), e);
        }
        return texts;
    }

    /** The text of every policy file of the embedded default configuration, by policy name. */
    static Map<String, String> textsFromClassPath(String base) {
        Map<String, String> texts = new TreeMap<>();
        java.net.URL url = PolicyFiles.class.getResource(base + DIRECTORY + "/");
        if (url == null) {
            return texts;
        }
        try {
            List<String> names;
            if ("jar".equals(url.getProtocol())) {
                java.net.JarURLConnection jar = (java.net.JarURLConnection) url.openConnection();
                jar.setUseCaches(false);
                String prefix = base.substring(1) + DIRECTORY + "/";
                try (java.util.jar.JarFile file = jar.getJarFile()) {
                    names = file.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.endsWith(".json") && n.indexOf('/', prefix.length()) < 0)
                            .map(n -> n.substring(prefix.length())).toList();
                }
            } else {
                try (Stream<Path> listing = Files.list(Path.of(url.toURI()))) {
                    names = listing.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
                }
            }
            for (String fileName : names) {
                try (InputStream in = PolicyFiles.class.getResourceAsStream(base + DIRECTORY + "/" + fileName)) {
                    texts.put(policyName(fileName, fileName), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new ConfigurationException("Cannot read the embedded policies: " + e.getMessage(), e);
        }
        return texts;
    }

    static boolean isValidName(String name) {
        return POLICY_NAME.matcher(name).matches();
    }

    private static String policyName(String fileName, String source) {
        String name = fileName.substring(0, fileName.length() - ".json".length());
        if (!isValidName(name)) {
            throw new ConfigurationException("Policy file " + source + ": the file name without .json is the policy "
                    + "name and must be 1 to 128 of the characters A-Z a-z 0-9 _ + = , . @ - as in AWS IoT; rename it.");
        }
        return name;
    }

    private static PolicyDocument parse(String name, String json, String source) {
        try {
            return PolicyParser.parse(name, json, source);
        } catch (PolicyParseException e) {
            throw new ConfigurationException(e.getMessage() + ". Fix the policy file; it must be an AWS IoT policy "
                    + "document exactly as AWS accepts it.", e);
        }
    }
}
