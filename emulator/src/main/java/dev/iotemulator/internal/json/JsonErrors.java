package dev.iotemulator.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's syntax errors in plain words. Its messages name parser internals ("start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ...", character codes, feature names); someone fixing a
 * configuration file needs the place and what is wrong there.
 */
public final class JsonErrors {

    private static final Pattern UNCLOSED = Pattern.compile(
            "Unexpected end-of-input: expected close marker for (Object|Array) \\(start marker at .*line: (\\d+), "
                    + "column: (\\d+)\\]\\)", Pattern.DOTALL);
    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile(
            "Unexpected character \\('(.{1,2})' \\(code \\d+\\)\\):? (.*)", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']*)'.*",
            Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\[Source: [^\\]]*\\]\\)?");

    private JsonErrors() {
    }

    /** "line L, column C: what is wrong", for a message that already names the file. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + plain(e.getOriginalMessage());
    }

    static String plain(String message) {
        Matcher m = UNCLOSED.matcher(message);
        if (m.matches()) {
            boolean object = "Object".equals(m.group(1));
            return "the file ends before the " + (object ? "object" : "list") + " opened at line " + m.group(2)
                    + ", column " + m.group(3) + " is closed with '" + (object ? "}" : "]")
                    + "'; is the file cut short?";
        }
        if (message.startsWith("Unexpected end-of-input: was expecting closing quote")) {
            return "the file ends inside a string: its closing double quote is missing";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "the file ends in the middle of the JSON; is it cut short?";
        }
        if (message.startsWith("Unexpected close marker")) {
            return "a closing " + (message.contains("'}'") ? "'}'" : "']'") + " that closes nothing: one too many, "
                    + "or text after the end of the JSON document";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more text after the end of the JSON document";
        }
        m = UNEXPECTED_CHARACTER.matcher(message);
        if (m.matches()) {
            return unexpected(m.group(1), m.group(2));
        }
        m = UNRECOGNIZED_TOKEN.matcher(message);
        if (m.matches()) {
            return "'" + m.group(1) + "' is not a JSON value: strings need double quotes, and the other words JSON "
                    + "knows are true, false and null";
        }
        m = DUPLICATE.matcher(message);
        if (m.matches()) {
            return "the field \"" + m.group(1) + "\" appears twice in the same object";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character (such as a tab or a line break) inside a string must be escaped with a "
                    + "backslash";
        }
        return SOURCE.matcher(message).replaceAll("").replaceAll(" \\(code \\d+\\)", "");
    }

    private static String unexpected(String character, String expectation) {
        String found = "found '" + character + "'";
        if (expectation.contains("double-quote to start field name")) {
            return found + " where a field name in double quotes was expected"
                    + ("}".equals(character) ? " (JSON allows no comma before '}')" : "");
        }
        if (expectation.contains("comma to separate Object entries")) {
            return found + " where a comma between two fields, or the '}' closing the object, was expected";
        }
        if (expectation.contains("comma to separate Array entries")) {
            return found + " where a comma between two list items, or the ']' closing the list, was expected";
        }
        if (expectation.contains("comment")) {
            return found + ": JSON allows no comments";
        }
        if (expectation.contains("colon to separate field name and value")) {
            return found + " where a colon between a field name and its value was expected";
        }
        return found + " where " + ("]".equals(character) ? "a value (JSON allows no comma before ']')"
                : "a JSON value") + " was expected";
    }
}
