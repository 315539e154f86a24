package dev.iotemulator.internal.rules.sql;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * AWS IoT's SQL versions ({@code awsIotSqlVersion}; developer guide, "SQL versions"). {@code 2016-03-23} adds object
 * and array literals, nested SELECTs, {@code encode}/{@code decode}, {@code SELECT VALUE} of arrays and handles
 * whole-number decimals such as {@code 10.0} as Int; {@code beta} behaves as {@code 2016-03-23} here.
 */
public enum SqlVersion {
    V2015_10_08("2015-10-08"),
    V2016_03_23("2016-03-23"),
    BETA("beta");

    /** What AWS uses when a rule names no version (CLI, API and CloudFormation). */
    public static final SqlVersion DEFAULT = V2015_10_08;

    private final String label;

    SqlVersion(String label) {
        this.label = label;
    }

    /** The value of {@code awsIotSqlVersion}. */
    public String label() {
        return label;
    }

    /** Whether the 2016-03-23 features are available. */
    public boolean v2() {
        return this != V2015_10_08;
    }

    /** The version named {@code label}; null or empty means {@link #DEFAULT}. */
    public static SqlVersion of(String label) {
        if (label == null || label.isEmpty()) {
            return DEFAULT;
        }
        for (SqlVersion v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("awsIotSqlVersion must be one of " + Arrays.stream(values())
                .map(SqlVersion::label).collect(Collectors.joining(", ")) + ", not '" + label + "'");
    }
}
