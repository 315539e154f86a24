package dev.iotemulator.internal.policy;

/** The {@code Effect} of a policy statement; spelled exactly {@code "Allow"} or {@code "Deny"} in JSON. */
public enum Effect {
    /** The statement grants the request when it matches. */
    ALLOW("Allow"),
    /** The statement refuses the request when it matches, whatever any other statement allows. */
    DENY("Deny");

    private final String jsonName;

    Effect(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling AWS uses in policy JSON. */
    public String jsonName() {
        return jsonName;
    }
}
