package io.printbridge.agent;

/** The agent build's version, from the jar manifest ("dev" when run from classes). */
final class AgentVersion {

    private AgentVersion() {}

    static String current() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
