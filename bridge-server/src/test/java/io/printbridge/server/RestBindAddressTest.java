package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.printbridge.server.testing.Bridge;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST port is plain HTTP meant for the reverse proxy on the same machine: by default it
 * listens on the loopback address only; {@code micronaut.server.host} (BRIDGE_HTTP_HOST) opens it.
 */
class RestBindAddressTest {

    @TempDir
    Path dir;

    @Test
    void byDefaultTheRestPortAnswersOnLoopbackOnly() throws Exception {
        InetAddress external = externalAddress();
        try (Bridge bridge = new Bridge(dir, List.of("alger-01"))) {
            assertThat(connects(InetAddress.getLoopbackAddress(), bridge.httpPort()))
                    .isTrue();
            assertThat(connects(external, bridge.httpPort()))
                    .as("reachable on " + external)
                    .isFalse();
        }
    }

    @Test
    void theHostSettingOpensItToOtherInterfaces() throws Exception {
        InetAddress external = externalAddress();
        try (Bridge bridge = new Bridge(dir, List.of("alger-01"), Map.of("micronaut.server.host", "0.0.0.0"))) {
            assertThat(connects(external, bridge.httpPort()))
                    .as("reachable on " + external)
                    .isTrue();
        }
    }

    /** An IPv4 address of this machine other than loopback; the test is skipped on a machine without one. */
    private static InetAddress externalAddress() throws SocketException {
        Optional<InetAddress> address = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeThat(address).as("a non-loopback IPv4 address on this machine").isPresent();
        return address.orElseThrow();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
