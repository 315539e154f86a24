package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One IoT SQL function: evaluated arguments (null = Undefined) in, a value (null = Undefined) out. */
@FunctionalInterface
interface Fn {

    JsonNode apply(List<JsonNode> args, EvalContext context, SqlVersion version);
}
