package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Gives an {@link Expr} its value against a scope (the payload, or the current element of a nested SELECT). Java
 * {@code null} is Undefined throughout. A failing external call is recorded in the trace and evaluates to Undefined.
 */
final class Evaluator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EvalContext context;
    private final SqlVersion version;

    Evaluator(EvalContext context, SqlVersion version) {
        this.context = context;
        this.version = version;
    }

    /** The payload as the top-level scope: its JSON, or its raw bytes when it is not JSON. */
    JsonNode payloadScope() {
        return context.json() != null ? context.json() : BinaryNode.valueOf(context.payload());
    }

    JsonNode eval(Expr e, JsonNode scope) {
        if (e instanceof Expr.Field f) {
            return member(scope, f.name());
        }
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Expr.Member m) {
            return member(eval(m.target(), scope), m.name());
        }
        if (e instanceof Expr.Call c) {
            return call(c, scope);
        }
        if (e instanceof Expr.Payload) {
            return scope;
        }
        if (e instanceof Expr.Index i) {
            return index(eval(i.target(), scope), eval(i.index(), scope));
        }
        if (e instanceof Expr.Unary u) {
            return u.op().equals("NOT") ? Operators.not(eval(u.operand(), scope))
                    : Operators.negate(eval(u.operand(), scope), version);
        }
        if (e instanceof Expr.Cast c) {
            return Cast.apply(eval(c.value(), scope), c.type(), version);
        }
        if (e instanceof Expr.Case c) {
            return caseOf(c, scope);
        }
        if (e instanceof Expr.ObjectLiteral o) {
            return object(o, scope);
        }
        if (e instanceof Expr.ArrayLiteral a) {
            return array(a, scope);
        }
        return subQuery((Expr.SubQuery) e, scope);
    }

    private JsonNode member(JsonNode target, String name) {
        if (target == null || !target.isObject()) {
            return null;
        }
        JsonNode v = target.get(name);
        if (v instanceof DecimalNode d && version.v2() && Values.isWhole(d.decimalValue())) {
            return Values.integer(d.decimalValue().toBigInteger());
        }
        return v;
    }

    private static JsonNode index(JsonNode target, JsonNode index) {
        BigInteger i = Values.toInt(index);
        if (target == null || !target.isArray() || i == null || i.signum() < 0 || i.intValue() >= target.size()) {
            return null;
        }
        return target.get(i.intValue());
    }

    private JsonNode binary(Expr.Binary b, JsonNode scope) {
        JsonNode l = eval(b.left(), scope);
        if (b.op().equals("AND") && Boolean.FALSE.equals(Values.toBoolean(l))) {
            JsonNode r = eval(b.right(), scope);
            return Values.toBoolean(r) == null ? null : Values.bool(false);
        }
        JsonNode r = eval(b.right(), scope);
        JsonNode result = Operators.apply(b.op(), l, r, version);
        if (context.trace() != null && !b.op().equals("AND") && !b.op().equals("OR") && b.text().length() > 2) {
            context.note(b.text() + ": " + Values.show(l) + " " + b.op() + " " + Values.show(r) + " is "
                    + (result == null ? "Undefined (" + Values.typeOf(l) + " " + b.op() + " " + Values.typeOf(r) + ")"
                    : Values.show(result)));
        }
        return result;
    }

    private JsonNode call(Expr.Call c, JsonNode scope) {
        List<JsonNode> args = new ArrayList<>(c.args().size());
        for (Expr arg : c.args()) {
            JsonNode v = eval(arg, scope);
            args.add(c.name().equals("encode") && arg instanceof Expr.Payload ? BinaryNode.valueOf(context.payload())
                    : v);
        }
        try {
            return Functions.named(c.name()).apply(args, context, version);
        } catch (RuntimeException e) {
            context.note(c.name() + "() failed, so it evaluated to Undefined: " + e.getMessage());
            return null;
        }
    }

    private JsonNode caseOf(Expr.Case c, JsonNode scope) {
        JsonNode subject = eval(c.subject(), scope);
        if (subject == null) {
            return null;
        }
        for (int i = 0; i < c.whens().size(); i++) {
            JsonNode when = eval(c.whens().get(i), scope);
            if (when != null && Operators.same(subject, when)) {
                return eval(c.thens().get(i), scope);
            }
        }
        return c.otherwise() == null ? null : eval(c.otherwise(), scope);
    }

    private JsonNode object(Expr.ObjectLiteral o, JsonNode scope) {
        ObjectNode out = NODES.objectNode();
        for (int i = 0; i < o.keys().size(); i++) {
            JsonNode v = eval(o.values().get(i), scope);
            if (v != null) {
                out.set(o.keys().get(i), v);
            }
        }
        return out;
    }

    private JsonNode array(Expr.ArrayLiteral a, JsonNode scope) {
        ArrayNode out = NODES.arrayNode();
        for (Expr item : a.items()) {
            JsonNode v = eval(item, scope);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private JsonNode subQuery(Expr.SubQuery q, JsonNode scope) {
        JsonNode from = eval(q.from(), scope);
        if (from == null || !from.isArray()) {
            return null;
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode element : from) {
            if (q.where() != null && !Boolean.TRUE.equals(Values.toBoolean(eval(q.where(), element)))) {
                continue;
            }
            JsonNode selected = select(q.select(), element);
            if (selected != null) {
                out.add(selected);
            }
        }
        return out;
    }

    /** The SELECT list against {@code scope}: one object of the items, or the lone value of {@code SELECT VALUE}. */
    JsonNode select(Expr.Select select, JsonNode scope) {
        if (select.valueOnly()) {
            return eval(select.items().get(0).expr(), scope);
        }
        if (select.items().size() == 1 && select.items().get(0).expr() instanceof Expr.Payload) {
            return scope;
        }
        ObjectNode out = NODES.objectNode();
        int position = 0;
        for (Expr.Item item : select.items()) {
            position++;
            if (item.expr() instanceof Expr.Payload) {
                if (scope != null && scope.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = scope.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        out.set(f.getKey(), f.getValue());
                    }
                }
                continue;
            }
            JsonNode v = eval(item.expr(), scope);
            if (v != null) {
                put(out, item.alias() != null ? item.alias() : nameOf(item.expr(), position), v);
            }
        }
        return out;
    }

    private static void put(ObjectNode out, String path, JsonNode v) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            out.set(path, v);
            return;
        }
        JsonNode child = out.get(path.substring(0, dot));
        ObjectNode nested = child instanceof ObjectNode o ? o : out.putObject(path.substring(0, dot));
        put(nested, path.substring(dot + 1), v);
    }

    /** The key of an item without AS: its field name, the function's name, or its position. */
    private static String nameOf(Expr e, int position) {
        if (e instanceof Expr.Field f) {
            return f.name();
        }
        if (e instanceof Expr.Member m) {
            return m.name();
        }
        return e instanceof Expr.Call c ? c.name() : "_" + position;
    }
}
