package dev.iotemulator.internal.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A flag value picocli could not convert ("'abc' is not an int"), with the environment variable that sets the same
 * option: the value may have come from there, which picocli's message does not say.
 */
final class FlagErrors {

    /** Every option's description names its variable ("Env IOT_EMULATOR_HTTP_PORT."). */
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("Env (IOT_EMULATOR_[A-Z0-9_]+)");

    private FlagErrors() {
    }

    static String describe(CommandLine.ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (!(arg instanceof OptionSpec option)) {
            return e.getMessage();
        }
        Matcher variable = ENVIRONMENT_VARIABLE.matcher(String.join(" ", option.description()));
        return variable.find() ? e.getMessage() + " (the option " + option.longestName()
                + " is also set by the environment variable " + variable.group(1) + ")" : e.getMessage();
    }
}
