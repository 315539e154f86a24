package dev.iotemulator.internal.rules.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * An action field with AWS's substitution templates (developer guide, "Substitution templates"): each
 * {@code ${expression}} is evaluated against the original message (not the SELECT output, so AS aliases are not
 * visible) and replaced by its String form, Undefined by nothing; {@code $$} stands for a literal {@code $}.
 */
public final class Template {

    private final String source;
    private final List<Object> parts;

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses the templates in {@code text}.
     *
     * @throws SqlParseException when an expression does not parse or a {@code ${} is not closed
     */
    public static Template parse(String text, SqlVersion version) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = closing(text, i + 2);
                if (end < 0) {
                    throw new SqlParseException(text, i, "substitution template '${' is not closed with '}'");
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(Parser.lone(text.substring(i + 2, end), version));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(text, List.copyOf(parts));
    }

    /** The position of the brace closing a template, skipping quoted strings and nested braces; -1 if none. */
    private static int closing(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** Whether the text has any {@code ${...}}. */
    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof String);
    }

    /** The text with every template replaced. */
    public String render(EvalContext context, SqlVersion version) {
        StringBuilder out = new StringBuilder();
        Evaluator evaluator = null;
        for (Object part : parts) {
            if (part instanceof String s) {
                out.append(s);
            } else {
                if (evaluator == null) {
                    evaluator = new Evaluator(context, version);
                }
                String value = Values.toText(evaluator.eval((Expr) part, evaluator.payloadScope()));
                out.append(value == null ? "" : value);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
