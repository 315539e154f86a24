package dev.iotemulator.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One row of the {@link HttpRoutes} table: the methods and path it serves, a line describing it, and its handler.
 *
 * @param methods the HTTP methods it answers; another method on its path gets 405
 * @param template the path as people read it, {@code /things/{thingName}/shadow}
 * @param paths whether a request path (raw, still percent-encoded) is this route's
 */
public record Route(List<String> methods, String template, String summary, Predicate<String> paths,
        Handler handler) {

    /** Answers a request on a route's path with an allowed method; the path is the raw (encoded) one. */
    @FunctionalInterface
    public interface Handler {
        void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path);
    }

    /**
     * A route on {@code template}, where {@code {name}} stands for one path segment and a trailing {@code /**} for
     * anything below (or nothing).
     */
    public static Route of(String methods, String template, String summary, Handler handler) {
        return new Route(List.of(methods.split(",")), template, summary, matcher(template), handler);
    }

    static Predicate<String> matcher(String template) {
        if (!template.contains("{") && !template.endsWith("/**")) {
            return template::equals;
        }
        StringBuilder regex = new StringBuilder();
        String rest = template;
        if (rest.endsWith("/**")) {
            rest = rest.substring(0, rest.length() - 3);
        }
        for (String part : rest.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        if (template.endsWith("/**")) {
            regex.append("(/.*)?");
        }
        Pattern pattern = Pattern.compile(regex.toString());
        return path -> pattern.matcher(path).matches();
    }

    boolean allows(String method) {
        return methods.contains(method);
    }

    /** The route as the 404 answer lists it: {@code GET|POST /path (summary)}. */
    String describe() {
        return String.join("|", methods) + " " + template + " (" + summary + ")";
    }
}
