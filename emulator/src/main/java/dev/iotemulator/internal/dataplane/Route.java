package dev.iotemulator.internal.dataplane;

import java.util.regex.Matcher;

/** One data-plane operation, answering a request that has already been authenticated. */
@FunctionalInterface
interface Route {

    /**
     * @param path      the route's pattern matched against the raw path
     * @param principal the access key id that signed the request
     */
    HttpAnswer handle(HttpCall call, Matcher path, String principal);
}
