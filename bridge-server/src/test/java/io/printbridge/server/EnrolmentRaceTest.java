package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.enrol.EnrolmentClient;
import io.printbridge.agent.enrol.EnrolmentFailedException;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.StoreCertificateRepository;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two PCs typing one code at the same moment: exactly one gets a certificate, the other is told the
 * code is used, on both databases (PostgreSQL makes the second wait for the first's row lock).
 */
class EnrolmentRaceTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoPcsUsingOneCodeAtOnceGetExactlyOneCertificate(TestDatabase database) throws Exception {
        database.assumeAvailable();
        try (Bridge bridge = new Bridge(dir, List.of(), Map.of(), database)) {
            EnrolmentCode code = EnrolmentCode.parse(bridge.server()
                    .getBean(EnrolmentCodes.class)
                    .create("test", "annaba-01", null)
                    .code());
            ExecutorService pcs = Executors.newFixedThreadPool(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int pc = 1; pc <= 2; pc++) {
                String host = "caisse-" + pc;
                outcomes.add(pcs.submit(() -> {
                    EnrolmentClient client =
                            new EnrolmentClient("localhost", bridge.grpcPort(), Duration.ofSeconds(30));
                    together.await();
                    try {
                        return "enrolled "
                                + client.enrol(code, AgentKeys.generate(), host, "test")
                                        .storeId();
                    } catch (EnrolmentFailedException e) {
                        return e.getMessage();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            pcs.shutdown();

            assertThat(results).filteredOn(r -> r.equals("enrolled annaba-01")).hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r.startsWith("the server refused: this enrolment code")
                            && (r.contains("already used") || r.contains("being used by another PC")))
                    .hasSize(1);
            assertThat(bridge.server().getBean(StoreCertificateRepository.class).findByStore("annaba-01"))
                    .hasSize(1);
        }
    }
}
