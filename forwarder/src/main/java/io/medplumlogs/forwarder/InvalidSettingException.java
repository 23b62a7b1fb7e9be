package io.medplumlogs.forwarder;

/** A missing or invalid setting; fails the cold start with a message that names the variable. */
public class InvalidSettingException extends IllegalStateException {

    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
