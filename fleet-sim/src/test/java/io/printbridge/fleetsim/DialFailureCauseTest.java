package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class DialFailureCauseTest {

    @Test
    void aNativeResetIsNamedByItsReasonNotItsSystemCall() {
        Status status = Status.UNAVAILABLE.withCause(
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"));

        assertThat(DialFailureCause.of(status)).isEqualTo("IOException: Connection reset by peer");
    }

    @Test
    void theInnermostCauseCountsAndAddressesAreLeftOutSoThatAlikeFailuresGroup() {
        Status first = Status.UNAVAILABLE.withCause(
                new RuntimeException("wrapped", new ConnectException("Connection refused: localhost/127.0.0.1:40671")));
        Status second = Status.UNAVAILABLE.withCause(
                new RuntimeException("wrapped", new ConnectException("Connection refused: localhost/127.0.0.1:40999")));

        assertThat(DialFailureCause.of(first))
                .isEqualTo("ConnectException: Connection refused")
                .isEqualTo(DialFailureCause.of(second));
    }

    @Test
    void aMessageWithoutAColonIsKeptWhole() {
        Status status = Status.UNAVAILABLE.withCause(new SSLHandshakeException("handshake timed out after 10000ms"));

        assertThat(DialFailureCause.of(status)).isEqualTo("SSLHandshakeException: handshake timed out after 10000ms");
    }

    @Test
    void withoutACauseTheCodeAndDescriptionSayIt() {
        assertThat(DialFailureCause.of(Status.DEADLINE_EXCEEDED.withDescription("too slow")))
                .isEqualTo("DEADLINE_EXCEEDED: too slow");
        assertThat(DialFailureCause.of(Status.UNAVAILABLE.withDescription("x".repeat(200))))
                .hasSize(80)
                .endsWith("…");
    }
}
