package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The registry of IoT SQL functions: context functions ({@code topic}, {@code clientid}, ...), hashing,
 * {@code encode}/{@code decode}, type tests, and the external ones. Functions AWS lists but the emulator does not
 * reach ({@code get_dynamodb}, {@code get_secret}, ...) parse, evaluate to Undefined, and say so in the explanation.
 */
final class Functions {

    private static final Map<String, Fn> ALL = new HashMap<>();
    /** Documented as "supported by SQL version 2016-03-23 and later". */
    private static final Set<String> V2_ONLY = Set.of("encode", "decode", "indexof", "length", "numbytes",
            "isundefined", "parse_time", "time_to_epoch", "aws_lambda", "get_thing_shadow", "get_dynamodb",
            "transform");
    private static final Set<String> NOT_EMULATED = Set.of("get_dynamodb", "get_secret", "machinelearning_predict",
            "get_registry_data", "get_mqtt_property", "get_user_properties", "sourceip", "transform",
            "get_or_default");
    private static final Map<String, String> DIGESTS = Map.of("md2", "MD2", "md5", "MD5", "sha1", "SHA-1",
            "sha224", "SHA-224", "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    static {
        MathFunctions.register(ALL);
        StringFunctions.register(ALL);
        TimeFunctions.register(ALL);
        ALL.put("topic", Functions::topic);
        ALL.put("clientid", (a, c, v) -> Values.text(c.clientId() == null ? "n/a" : c.clientId()));
        ALL.put("principal", (a, c, v) -> c.principal() == null ? null : Values.text(c.principal()));
        ALL.put("accountid", (a, c, v) -> Values.text(c.accountId()));
        ALL.put("traceid", (a, c, v) -> c.clientId() == null ? null : Values.text(c.traceId()));
        ALL.put("sql_version", (a, c, v) -> Values.text(v.label()));
        ALL.put("newuuid", (a, c, v) -> Values.text(UUID.randomUUID().toString()));
        ALL.put("isnull", (a, c, v) -> a.size() != 1 ? null : Values.bool(a.get(0) != null && a.get(0).isNull()));
        ALL.put("isundefined", (a, c, v) -> a.size() != 1 ? null : Values.bool(a.get(0) == null));
        ALL.put("encode", Functions::encode);
        ALL.put("decode", Functions::decode);
        DIGESTS.forEach((name, algorithm) -> ALL.put(name, (a, c, v) -> digest(a, algorithm)));
        ALL.put("aws_lambda", (a, c, v) -> a.size() != 2 || Values.toText(a.get(0)) == null ? null
                : c.external().awsLambda(Values.toText(a.get(0)), a.get(1)));
        ALL.put("get_thing_shadow", Functions::thingShadow);
        NOT_EMULATED.forEach(name -> ALL.put(name, (a, c, v) -> {
            c.note(name + "() is not emulated: it evaluated to Undefined (see the README's fidelity table)");
            return null;
        }));
    }

    private Functions() {
    }

    static boolean exists(String name) {
        return ALL.containsKey(name);
    }

    static boolean needsV2(String name) {
        return V2_ONLY.contains(name);
    }

    static Fn named(String name) {
        return ALL.get(name);
    }

    private static JsonNode topic(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.isEmpty()) {
            return Values.text(c.topic());
        }
        BigInteger n = a.size() == 1 ? Values.toInt(a.get(0)) : null;
        String[] levels = c.topic().split("/", -1);
        if (n == null || n.signum() <= 0 || n.compareTo(BigInteger.valueOf(levels.length)) > 0) {
            return null;
        }
        return Values.text(levels[n.intValue() - 1]);
    }

    private static JsonNode encode(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.size() != 2 || !"base64".equals(Values.toText(a.get(1))) || a.get(0) == null) {
            return null;
        }
        byte[] bytes = a.get(0).isBinary() ? c.payload() : Values.toText(a.get(0)) == null ? null
                : Values.toText(a.get(0)).getBytes(StandardCharsets.UTF_8);
        return bytes == null ? null : Values.text(Base64.getEncoder().encodeToString(bytes));
    }

    private static JsonNode decode(List<JsonNode> a, EvalContext c, SqlVersion v) {
        String s = a.size() == 2 && "base64".equals(Values.toText(a.get(1))) ? Values.toText(a.get(0)) : null;
        if (s == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return com.fasterxml.jackson.databind.node.NullNode.instance;
        }
        JsonNode json = Values.parse(bytes);
        return json != null && json.isContainerNode() ? json : Values.text(new String(bytes, StandardCharsets.UTF_8));
    }

    private static JsonNode digest(List<JsonNode> a, String algorithm) {
        String s = a.size() == 1 ? Values.toText(a.get(0)) : null;
        if (s == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            return Values.text(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** {@code get_thing_shadow(thing, roleArn)} or {@code get_thing_shadow(thing, shadowName, roleArn)}. */
    private static JsonNode thingShadow(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.size() < 2 || a.size() > 3 || Values.toText(a.get(0)) == null) {
            return null;
        }
        String shadowName = a.size() == 3 ? Values.toText(a.get(1)) : null;
        return c.external().thingShadow(Values.toText(a.get(0)), shadowName);
    }
}
