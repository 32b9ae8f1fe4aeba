package io.printbridge.fleetsim;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The simulated agents of a run, {@code sim-00001} and on, each with its certificate issued up
 * front, spread over the servers (agent i dials server i mod n first). Counts are read by walking
 * the agents: twenty thousand of them in a millisecond or two.
 */
final class Fleet implements AutoCloseable {

    private final List<SimAgent> agents;
    private final FleetCounters counters;

    private Fleet(List<SimAgent> agents, FleetCounters counters) {
        this.agents = agents;
        this.counters = counters;
    }

    static String storeId(int number) {
        return String.format("sim-%05d", number);
    }

    /**
     * Issues a key and certificate for each of {@code size} stores and builds its agent, not dialling
     * yet. Key generation and signing is the slow part: it runs on every core.
     */
    static Fleet create(
            int size,
            FleetCertificates certificates,
            List<ServerAddress> servers,
            FleetTransport transport,
            Duration backoffCap,
            boolean ackFirst)
            throws IOException {
        FleetCounters counters = new FleetCounters();
        try {
            List<SimAgent> agents = ForkJoinPool.commonPool()
                    .submit(() -> IntStream.rangeClosed(1, size)
                            .parallel()
                            .mapToObj(number -> {
                                String store = storeId(number);
                                try {
                                    return new SimAgent(
                                            number,
                                            store,
                                            certificates.agentContext(store),
                                            servers,
                                            number - 1,
                                            transport,
                                            counters,
                                            backoffCap,
                                            ackFirst);
                                } catch (IOException e) {
                                    throw new IllegalStateException("TLS context of store " + store, e);
                                }
                            })
                            .toList())
                    .get();
            return new Fleet(agents, counters);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while issuing the fleet's certificates", e);
        } catch (ExecutionException e) {
            throw new IOException("issuing the fleet's certificates: " + e.getCause(), e.getCause());
        }
    }

    int size() {
        return agents.size();
    }

    List<String> storeIds() {
        List<String> ids = new ArrayList<>(agents.size());
        agents.forEach(agent -> ids.add(agent.storeId()));
        return ids;
    }

    FleetCounters counters() {
        return counters;
    }

    /** Every agent dials now, all at once: the storm a fleet makes after a regional outage. */
    void startAll() {
        agents.forEach(agent -> agent.start(0));
    }

    int connected() {
        int count = 0;
        for (SimAgent agent : agents) {
            if (agent.state() == SimAgent.State.CONNECTED) {
                count++;
            }
        }
        return count;
    }

    /** How many agents hold a stream welcomed after {@code sinceNanos}. */
    int connectedSince(long sinceNanos) {
        int count = 0;
        for (SimAgent agent : agents) {
            if (agent.connectedSince(sinceNanos)) {
                count++;
            }
        }
        return count;
    }

    /** How many agents hold a welcomed stream on a server other than the {@code server}-th. */
    int connectedAvoiding(int server) {
        int count = 0;
        for (SimAgent agent : agents) {
            if (agent.connectedAvoiding(server)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        agents.forEach(SimAgent::close);
    }
}
