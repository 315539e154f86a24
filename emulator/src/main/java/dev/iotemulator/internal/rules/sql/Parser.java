package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.iotemulator.internal.rules.sql.Expr.Item;
import dev.iotemulator.internal.rules.sql.Expr.Select;
import dev.iotemulator.internal.rules.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for IoT SQL. Precedence, lowest first: {@code OR}, {@code AND}, {@code NOT},
 * comparisons, {@code + -}, {@code * / %}, unary minus, then member access {@code .name} and indexing {@code [i]}.
 */
final class Parser {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");

    private final String sql;
    private final SqlVersion version;
    private final List<Token> tokens;
    private int pos;

    private Parser(String sql, SqlVersion version) {
        this.sql = sql;
        this.version = version;
        this.tokens = Lexer.tokenize(sql);
    }

    static SqlStatement statement(String sql, SqlVersion version) {
        Parser p = new Parser(sql, version);
        p.expectKeyword("SELECT");
        Select select = p.selectList();
        String from = null;
        if (p.peek().isKeyword("FROM")) {
            p.pos++;
            Token t = p.peek();
            if (t.kind() != Kind.STRING) {
                throw p.error(t, "FROM takes a topic filter in single quotes, such as FROM 'sensors/+/telemetry', "
                        + "but found " + t.describe());
            }
            p.pos++;
            from = TopicFilters.checked(t.text(), msg -> p.error(t, msg));
        }
        Expr where = null;
        if (p.peek().isKeyword("WHERE")) {
            p.pos++;
            where = p.expression();
        }
        Token end = p.peek();
        if (end.kind() != Kind.END) {
            throw p.error(end, "expected " + (from == null && where == null ? "FROM, WHERE or " : where == null
                    ? "WHERE or " : "") + "the end of the statement but found " + end.describe());
        }
        return new SqlStatement(sql, version, select, from, where);
    }

    /** Parses a lone expression, as in a substitution template {@code ${...}}. */
    static Expr lone(String text, SqlVersion version) {
        Parser p = new Parser(text, version);
        Expr e = p.expression();
        if (p.peek().kind() != Kind.END) {
            throw p.error(p.peek(), "unexpected " + p.peek().describe() + " after the expression");
        }
        return e;
    }

    private Select selectList() {
        boolean valueOnly = false;
        if (peek().isKeyword("VALUE")) {
            pos++;
            valueOnly = true;
        }
        List<Item> items = new ArrayList<>();
        do {
            items.add(item());
        } while (acceptSymbol(","));
        if (valueOnly && items.size() != 1) {
            throw error(peek(), "SELECT VALUE takes exactly one expression");
        }
        return new Select(valueOnly, items);
    }

    private Item item() {
        Token start = peek();
        if (start.isSymbol("*") && (peekAt(1).isSymbol(",") || peekAt(1).kind() == Kind.END
                || peekAt(1).isKeyword("FROM") || peekAt(1).isKeyword("WHERE") || peekAt(1).isSymbol(")"))) {
            pos++;
            return new Item(new Expr.Payload(), null);
        }
        Expr e = expression();
        String alias = null;
        if (peek().isKeyword("AS")) {
            pos++;
            alias = aliasPath();
        }
        return new Item(e, alias);
    }

    /** An alias may be dotted ({@code AS bar.baz}), as in AWS's JSON extensions page. */
    private String aliasPath() {
        StringBuilder alias = new StringBuilder(name("a name after AS"));
        while (peek().isSymbol(".")) {
            pos++;
            alias.append('.').append(name("a name after '.'"));
        }
        return alias.toString();
    }

    private String name(String what) {
        Token t = peek();
        if (t.kind() == Kind.IDENT || t.kind() == Kind.KEYWORD) {
            pos++;
            return t.kind() == Kind.KEYWORD ? t.text().toLowerCase(Locale.ROOT) : t.text();
        }
        throw error(t, "expected " + what + " but found " + t.describe());
    }

    Expr expression() {
        Expr left = and();
        while (peek().isKeyword("OR")) {
            pos++;
            left = new Expr.Binary("OR", left, and(), "OR");
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isKeyword("AND")) {
            pos++;
            left = new Expr.Binary("AND", left, not(), "AND");
        }
        return left;
    }

    private Expr not() {
        if (peek().isKeyword("NOT")) {
            pos++;
            return new Expr.Unary("NOT", not());
        }
        return comparison();
    }

    private Expr comparison() {
        int start = peek().offset();
        Expr left = additive();
        Token t = peek();
        if (t.kind() == Kind.SYMBOL && COMPARISONS.contains(t.text())) {
            pos++;
            Expr right = additive();
            return new Expr.Binary(t.text(), left, right, sql.substring(start, previousEnd()).trim());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            String op = tokens.get(pos++).text();
            left = new Expr.Binary(op, left, multiplicative(), op);
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            String op = tokens.get(pos++).text();
            left = new Expr.Binary(op, left, unary(), op);
        }
        return left;
    }

    private Expr unary() {
        if (peek().isSymbol("-")) {
            pos++;
            return new Expr.Unary("-", unary());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            if (peek().isSymbol(".")) {
                pos++;
                e = new Expr.Member(e, name("a name after '.'"));
            } else if (peek().isSymbol("[") && !(e instanceof Expr.Literal)) {
                pos++;
                Expr index = expression();
                expectSymbol("]");
                e = new Expr.Index(e, index);
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                pos++;
                return new Expr.Literal(Values.number(t.text()));
            }
            case STRING -> {
                pos++;
                return new Expr.Literal(TextNode.valueOf(t.text()));
            }
            case IDENT -> {
                pos++;
                return peek().isSymbol("(") ? call(t) : new Expr.Field(t.text());
            }
            case KEYWORD -> {
                return keyword(t);
            }
            case SYMBOL -> {
                return symbol(t);
            }
            default -> throw error(t, "expected an expression but found " + t.describe());
        }
    }

    private Expr keyword(Token t) {
        pos++;
        return switch (t.text()) {
            case "TRUE" -> new Expr.Literal(BooleanNode.TRUE);
            case "FALSE" -> new Expr.Literal(BooleanNode.FALSE);
            case "NULL" -> new Expr.Literal(NullNode.instance);
            case "CASE" -> caseExpression();
            default -> throw error(t, "expected an expression but found " + t.describe());
        };
    }

    private Expr symbol(Token t) {
        if (t.isSymbol("*")) {
            pos++;
            return new Expr.Payload();
        }
        if (t.isSymbol("(")) {
            pos++;
            if (peek().isKeyword("SELECT")) {
                requireV2(t, "a nested SELECT");
                Expr sub = subQuery();
                expectSymbol(")");
                return sub;
            }
            Expr inner = expression();
            expectSymbol(")");
            return inner;
        }
        if (t.isSymbol("{")) {
            requireV2(t, "an object literal");
            pos++;
            return objectLiteral();
        }
        if (t.isSymbol("[")) {
            requireV2(t, "an array literal");
            pos++;
            List<Expr> items = new ArrayList<>();
            if (!acceptSymbol("]")) {
                do {
                    items.add(expression());
                } while (acceptSymbol(","));
                expectSymbol("]");
            }
            return new Expr.ArrayLiteral(items);
        }
        throw error(t, "expected an expression but found " + t.describe());
    }

    private Expr objectLiteral() {
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (!acceptSymbol("}")) {
            do {
                Token key = peek();
                if (key.kind() != Kind.STRING && key.kind() != Kind.IDENT) {
                    throw error(key, "expected a key such as 'name' in the object literal but found " + key.describe());
                }
                pos++;
                expectSymbol(":");
                keys.add(key.text());
                values.add(expression());
            } while (acceptSymbol(","));
            expectSymbol("}");
        }
        return new Expr.ObjectLiteral(keys, values);
    }

    private Expr subQuery() {
        expectKeyword("SELECT");
        Select select = selectList();
        expectKeyword("FROM");
        Expr from = expression();
        Expr where = null;
        if (peek().isKeyword("WHERE")) {
            pos++;
            where = expression();
        }
        return new Expr.SubQuery(select, from, where);
    }

    private Expr caseExpression() {
        Expr subject = expression();
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        while (peek().isKeyword("WHEN")) {
            pos++;
            whens.add(expression());
            expectKeyword("THEN");
            thens.add(expression());
        }
        if (whens.isEmpty()) {
            throw error(peek(), "CASE needs at least one WHEN clause but found " + peek().describe());
        }
        Expr otherwise = null;
        if (peek().isKeyword("ELSE")) {
            pos++;
            otherwise = expression();
        }
        expectKeyword("END");
        return new Expr.Case(subject, whens, thens, otherwise);
    }

    private Expr call(Token nameToken) {
        String name = nameToken.text().toLowerCase(Locale.ROOT);
        expectSymbol("(");
        if (name.equals("cast")) {
            Expr value = expression();
            expectKeyword("AS");
            Token type = peek();
            String typeName = name("a type after AS, such as String, Int, Double").toLowerCase(Locale.ROOT);
            if (!Cast.knows(typeName, version)) {
                throw error(type, "cannot cast to '" + type.text() + "'; " + Cast.typesFor(version));
            }
            expectSymbol(")");
            return new Expr.Cast(value, typeName);
        }
        if (!Functions.exists(name)) {
            throw error(nameToken, "unknown function '" + nameToken.text() + "'");
        }
        if (Functions.needsV2(name)) {
            requireV2(nameToken, "the function " + name + "()");
        }
        List<Expr> args = new ArrayList<>();
        if (!acceptSymbol(")")) {
            do {
                args.add(expression());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        return new Expr.Call(name, List.copyOf(args), nameToken.offset());
    }

    private void requireV2(Token at, String what) {
        if (!version.v2()) {
            throw error(at, what + " needs awsIotSqlVersion 2016-03-23; this rule uses " + version.label());
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private int previousEnd() {
        Token prev = tokens.get(pos - 1);
        int end = prev.offset() + prev.text().length();
        return prev.kind() == Kind.STRING ? Math.min(sql.length(), end + 2) : end;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw error(peek(), "expected '" + symbol + "' but found " + peek().describe());
        }
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw error(peek(), "expected " + keyword + " but found " + peek().describe());
        }
        pos++;
    }

    private SqlParseException error(Token at, String problem) {
        return new SqlParseException(sql, at.offset(), problem);
    }
}
