package io.printbridge.agent.config;

/** A setting with a wrong or missing value: the agent refuses to start and says which and why. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    /** {@code "<setting>: <value> (expected: <what>)"}, the message every bad setting gets. */
    static ConfigException of(String setting, String value, String expected) {
        return new ConfigException(setting + ": \"" + value + "\" (expected: " + expected + ")");
    }
}
