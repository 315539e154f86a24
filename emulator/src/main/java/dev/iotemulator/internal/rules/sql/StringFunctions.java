package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The string functions (developer guide, "Functions"). Arguments go through AWS's conversion to String, so
 * {@code lower(["HELLO"])} is the string {@code ["hello"]} and {@code length(false)} is 5; Null or Undefined gives
 * Undefined.
 */
final class StringFunctions {

    private StringFunctions() {
    }

    static void register(Map<String, Fn> fns) {
        unary(fns, "lower", s -> s.toLowerCase(Locale.ROOT));
        unary(fns, "upper", s -> s.toUpperCase(Locale.ROOT));
        unary(fns, "trim", String::strip);
        unary(fns, "ltrim", String::stripLeading);
        unary(fns, "rtrim", String::stripTrailing);
        fns.put("length", (a, c, v) -> text(a, 0, 1) == null ? null
                : Values.integer(text(a, 0, 1).codePointCount(0, text(a, 0, 1).length())));
        fns.put("numbytes", (a, c, v) -> text(a, 0, 1) == null ? null
                : Values.integer(text(a, 0, 1).getBytes(StandardCharsets.UTF_8).length));
        fns.put("startswith", (a, c, v) -> twoTexts(a) ? Values.bool(text(a, 0, 2).startsWith(text(a, 1, 2))) : null);
        fns.put("endswith", (a, c, v) -> twoTexts(a) ? Values.bool(text(a, 0, 2).endsWith(text(a, 1, 2))) : null);
        fns.put("indexof", (a, c, v) -> twoTexts(a) ? Values.integer(text(a, 0, 2).indexOf(text(a, 1, 2))) : null);
        fns.put("lpad", (a, c, v) -> pad(a, true));
        fns.put("rpad", (a, c, v) -> pad(a, false));
        fns.put("replace", (a, c, v) -> threeTexts(a) ? Values.text(text(a, 0, 3).replace(text(a, 1, 3),
                text(a, 2, 3))) : null);
        fns.put("regexp_matches", (a, c, v) -> regex(a, 2, (s, p) -> Values.bool(p.matcher(s).find())));
        fns.put("regexp_substr", (a, c, v) -> regex(a, 2, (s, p) -> {
            Matcher m = p.matcher(s);
            return Values.text(m.find() ? m.group() : "");
        }));
        fns.put("regexp_replace", (a, c, v) -> a.size() != 3 || text(a, 2, 3) == null ? null
                : regex(a.subList(0, 2), 2, (s, p) -> Values.text(p.matcher(s).replaceAll(text(a, 2, 3)))));
        fns.put("substring", StringFunctions::substring);
        fns.put("chr", (a, c, v) -> {
            BigInteger i = a.size() == 1 ? Values.toFlooredInt(a.get(0)) : null;
            return i == null || i.signum() < 0 || i.intValue() > 127 ? null
                    : Values.text(String.valueOf((char) i.intValue()));
        });
        fns.put("concat", StringFunctions::concat);
        fns.put("get", StringFunctions::get);
    }

    /** Argument {@code i} as a String when there are exactly {@code arity} arguments; else null. */
    static String text(List<JsonNode> a, int i, int arity) {
        return a.size() == arity ? Values.toText(a.get(i)) : null;
    }

    private static boolean twoTexts(List<JsonNode> a) {
        return text(a, 0, 2) != null && text(a, 1, 2) != null;
    }

    private static boolean threeTexts(List<JsonNode> a) {
        return text(a, 0, 3) != null && text(a, 1, 3) != null && text(a, 2, 3) != null;
    }

    private static void unary(Map<String, Fn> fns, String name, UnaryOperator<String> f) {
        fns.put(name, (a, c, v) -> text(a, 0, 1) == null ? null : Values.text(f.apply(text(a, 0, 1))));
    }

    private static JsonNode pad(List<JsonNode> a, boolean left) {
        String s = text(a, 0, 2);
        BigInteger n = a.size() == 2 ? Values.toInt(a.get(1)) : null;
        if (s == null || n == null || n.signum() < 0 || n.intValue() > 1000) {
            return null;
        }
        String spaces = " ".repeat(n.intValue());
        return Values.text(left ? spaces + s : s + spaces);
    }

    private interface RegexFn {
        JsonNode apply(String subject, Pattern pattern);
    }

    private static JsonNode regex(List<JsonNode> a, int arity, RegexFn f) {
        String s = text(a, 0, arity);
        String re = text(a, 1, arity);
        if (s == null || re == null) {
            return null;
        }
        try {
            return f.apply(s, Pattern.compile(re));
        } catch (PatternSyntaxException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static JsonNode substring(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.size() < 2 || a.size() > 3) {
            return null;
        }
        String s = Values.toText(a.get(0));
        BigInteger from = Values.toFlooredInt(a.get(1));
        BigInteger to = a.size() == 3 ? Values.toFlooredInt(a.get(2)) : BigInteger.valueOf(Long.MAX_VALUE);
        if (s == null || from == null || to == null) {
            return null;
        }
        int start = clamp(from, s.length());
        int end = clamp(to, s.length());
        return Values.text(start >= end ? "" : s.substring(start, end));
    }

    private static int clamp(BigInteger i, int length) {
        return i.signum() < 0 ? 0 : i.compareTo(BigInteger.valueOf(length)) > 0 ? length : i.intValue();
    }

    private static JsonNode concat(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.isEmpty()) {
            return null;
        }
        if (a.size() == 1) {
            return a.get(0);
        }
        if (a.stream().anyMatch(x -> x != null && x.isArray())) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode x : a) {
                if (x != null && x.isArray()) {
                    out.addAll((ArrayNode) x);
                } else if (x != null) {
                    out.add(x);
                }
            }
            return out;
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode x : a) {
            String s = Values.toText(x);
            if (s == null) {
                return null;
            }
            out.append(s);
        }
        return Values.text(out.toString());
    }

    private static JsonNode get(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.size() != 2 || a.get(0) == null) {
            return null;
        }
        JsonNode coll = a.get(0);
        if (coll.isObject()) {
            return a.get(1) != null && a.get(1).isTextual() ? coll.get(a.get(1).textValue()) : null;
        }
        BigInteger i = Values.toInt(a.get(1));
        if (i == null || i.signum() < 0) {
            return null;
        }
        if (coll.isArray()) {
            return i.intValue() < coll.size() ? coll.get(i.intValue()) : null;
        }
        if (coll.isTextual()) {
            String s = coll.textValue();
            return i.intValue() < s.length() ? Values.text(String.valueOf(s.charAt(i.intValue()))) : null;
        }
        return null;
    }
}
