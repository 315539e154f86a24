package dev.iotemulator.internal.policy;

/**
 * A policy document is malformed. The message names the source, the JSON path and what was expected, for
 * example {@code device.json: $.Statement[1].Effect: expected "Allow" or "Deny" but found "allow"}, so the
 * author can fix the file without guessing.
 */
public class PolicyParseException extends RuntimeException {

    private final String source;
    private final String path;
    private final String problem;

    PolicyParseException(String source, String path, String problem) {
        super("Invalid IoT policy " + source + " at " + path + ": " + problem);
        this.source = source;
        this.path = path;
        this.problem = problem;
    }

    /** Where the document came from, as the caller named it. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending element, such as {@code $.Statement[1].Effect}. */
    public String path() {
        return path;
    }

    /** What was expected and what was found. */
    public String problem() {
        return problem;
    }
}
