package io.printbridge.server.grpc;

/** The server build's version, from the jar manifest ("dev" when run from classes). */
final class ServerVersion {

    private ServerVersion() {}

    static String current() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
