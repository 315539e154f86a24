package dev.iotemulator.internal.policy;

import java.util.List;

/**
 * The outcome of evaluating a request against the policies attached to a principal.
 *
 * <p>A denial is an ordinary outcome, not an exception: callers switch over the three cases.
 */
public sealed interface Decision {

    /** Whether the request may proceed. */
    boolean allowed();

    /** One line explaining the outcome, suitable for a {@code key=value} log line or an admin route. */
    String reason();

    /**
     * Some statement allowed the request and no statement denied it.
     *
     * @param statement the first allowing statement, in policy order then statement order
     */
    record Allowed(StatementRef statement) implements Decision {
        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public String reason() {
            return "allowed by " + statement;
        }
    }

    /**
     * A {@code Deny} statement matched; it wins over every {@code Allow}.
     *
     * @param statement the denying statement
     * @param detail    extra explanation (for example an unknown condition operator failing closed), or empty
     */
    record ExplicitlyDenied(StatementRef statement, String detail) implements Decision {

        /** Treats a missing detail as empty. */
        public ExplicitlyDenied {
            detail = detail == null ? "" : detail;
        }

        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public String reason() {
            return "explicitly denied by " + statement + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /**
     * No statement allowed the request: AWS's default deny. No statement is named because none decided.
     *
     * @param notes why statements that might have applied did not (unresolved variables, unknown condition
     *              operators, an evaluation failure); empty when nothing noteworthy happened
     */
    record ImplicitlyDenied(List<String> notes) implements Decision {

        static final ImplicitlyDenied NOTHING_ALLOWS = new ImplicitlyDenied(List.of());

        /** Copies the notes so the decision stays immutable. */
        public ImplicitlyDenied {
            notes = List.copyOf(notes);
        }

        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public String reason() {
            return notes.isEmpty()
                    ? "implicitly denied: no statement allows the request"
                    : "implicitly denied: no statement allows the request; " + String.join("; ", notes);
        }
    }
}
