package io.printbridge.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw agents that say Hello to a server and keep their streams open until {@link #close}. */
public final class RawAgents implements AutoCloseable {

    private final List<RawAgent> open = new ArrayList<>();

    /**
     * Opens a stream for {@code store} on {@code server} with its own certificate, says Hello, and
     * returns the Welcome (failing the test if the first answer is anything else).
     */
    public Welcome hello(Bridge server, String store) throws Exception {
        RawAgent agent = new RawAgent(
                server.grpcPort(),
                server.certs().agentCertificate(store),
                server.certs().agentKey(store),
                server.certs().caCertificate());
        open.add(agent);
        agent.connect(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder().setAgentVersion("test"))
                .build());
        ServerMessage first = agent.next(Duration.ofSeconds(10));
        assertThat(first).as("a Welcome for " + store).isNotNull();
        assertThat(first.hasWelcome())
                .as("a Welcome for " + store + ": " + first)
                .isTrue();
        return first.getWelcome();
    }

    /** Closes every stream opened so far. */
    @Override
    public void close() throws InterruptedException {
        for (RawAgent agent : open) {
            agent.close();
        }
        open.clear();
    }
}
