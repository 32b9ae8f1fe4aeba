package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceAddressTest {

    @Test
    void twentyThousandAgentsDialFromTwentyThousandLoopbackAddresses() {
        Set<InetAddress> seen = new HashSet<>();
        for (int number = 1; number <= 20_000; number++) {
            InetAddress address = FleetTransport.sourceAddress(number);
            byte[] bytes = address.getAddress();
            assertThat(address.isLoopbackAddress())
                    .as("agent %d: %s", number, address)
                    .isTrue();
            assertThat(bytes[3] & 0xff).as("agent %d's host byte", number).isBetween(1, 254);
            assertThat(bytes[1] & 0xff)
                    .as("agent %d: not 127.0.x.x, the usual loopback", number)
                    .isNotZero();
            seen.add(address);
        }
        assertThat(seen).hasSize(20_000);
        assertThat(FleetTransport.sourceAddress(1).getHostAddress()).isEqualTo("127.1.0.1");
        assertThat(FleetTransport.sourceAddress(255).getHostAddress()).isEqualTo("127.1.1.1");
    }
}
