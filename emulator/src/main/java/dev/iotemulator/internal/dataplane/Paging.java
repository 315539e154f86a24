package dev.iotemulator.internal.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque {@code nextToken}s: the base64 of the offset of the next page. */
public final class Paging {

    private Paging() {
    }

    /** The page of {@code all} starting at the token's offset; throws IllegalArgumentException on a bad token. */
    public static <T> List<T> page(List<T> all, String nextToken, int size) {
        int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken);
        return all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
    }

    /** The token of the page after the one starting at {@code nextToken}, or null when there is none. */
    public static String next(int total, String nextToken, int size) {
        int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken);
        return from + size < total ? Base64.getUrlEncoder().encodeToString(
                Integer.toString(from + size).getBytes(StandardCharsets.UTF_8)) : null;
    }

    /** The page size asked for, within {@code [1, max]}, or the default; throws IllegalArgumentException. */
    public static int size(String value, int dflt, int max, String name) {
        if (value == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max + ", not '" + value + "'");
    }

    private static int offset(String token) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nextToken '" + token + "' is not one this endpoint issued", e);
        }
    }
}
