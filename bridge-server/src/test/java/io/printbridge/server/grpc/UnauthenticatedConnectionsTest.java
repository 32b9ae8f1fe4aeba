package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UnauthenticatedConnectionsTest {

    private static final InetAddress FIRST = address(10, 0, 0, 1);
    private static final InetAddress SECOND = address(10, 0, 0, 2);

    @Test
    void anAddressPastItsBoundIsRefusedWhileOthersAreNot() {
        UnauthenticatedConnections connections = new UnauthenticatedConnections(2);

        assertThat(connections.open(FIRST)).isTrue();
        assertThat(connections.open(FIRST)).isTrue();
        assertThat(connections.open(FIRST)).as("a third from the same address").isFalse();
        assertThat(connections.open(SECOND)).as("another address").isTrue();

        assertThat(connections.count(FIRST)).isEqualTo(2);
        assertThat(connections.count(SECOND)).isEqualTo(1);
        assertThat(connections.refused()).isEqualTo(1);
    }

    @Test
    void aReleasedConnectionMakesRoomAndAnAddressWithNoneLeavesNoEntry() {
        UnauthenticatedConnections connections = new UnauthenticatedConnections(1);
        assertThat(connections.open(FIRST)).isTrue();
        assertThat(connections.open(FIRST)).isFalse();

        connections.release(FIRST);

        assertThat(connections.addresses()).as("addresses holding a connection").isZero();
        assertThat(connections.open(FIRST)).as("after the release").isTrue();
        connections.release(FIRST);
        connections.release(FIRST); // a stray release does not go negative nor leave an entry
        assertThat(connections.count(FIRST)).isZero();
        assertThat(connections.addresses()).isZero();
    }

    @Test
    void zeroMeansNoBound() {
        UnauthenticatedConnections connections = new UnauthenticatedConnections(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(connections.open(FIRST)).isTrue();
        }
        assertThat(connections.refused()).isZero();
        assertThat(connections.addresses())
                .as("nothing is kept when there is no bound")
                .isZero();
    }

    @Test
    void aNegativeBoundIsRefusedWithItsName() {
        assertThatThrownBy(() -> new UnauthenticatedConnections(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-unauthenticated-connections-per-address: -1");
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
