package io.printbridge.fleetsim;

import java.net.InetSocketAddress;

/**
 * One server the agents may dial, resolved once: twenty thousand channels built from a host name
 * would each start a DNS lookup on grpc's shared resolver threads.
 *
 * @param host the name the server's certificate holds, checked by TLS
 */
record ServerAddress(String host, int port, InetSocketAddress socketAddress) {

    static ServerAddress of(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("server port: " + port + " (expected: 1 to 65535)");
        }
        return new ServerAddress(host, port, new InetSocketAddress(host, port));
    }

    /** What TLS checks the server's certificate against. */
    String authority() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return authority();
    }
}
