package dev.iotemulator.internal.rules.actions;

/** Lambda function names from the ARNs rules name them by. */
public final class LambdaNames {

    private LambdaNames() {
    }

    /**
     * The function name from an ARN ({@code arn:aws:lambda:region:account:function:name[:qualifier]}), or the text
     * itself when it is a plain name.
     */
    public static String functionName(String arnOrName) {
        int at = arnOrName.indexOf(":function:");
        if (at < 0) {
            return arnOrName;
        }
        String rest = arnOrName.substring(at + ":function:".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
