package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log keeps who asked for what for its retention, then lets it go: it does not grow for ever. */
class AuditRetentionTest {

    @TempDir
    Path dir;

    Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void auditRowsPastTheirRetentionAreDeletedAndNewerOnesKept() throws Exception {
        bridge = new Bridge(dir, List.of("bechar-01"), Map.of("bridge.audit.retention", "2s"));
        Bridge.connected(bridge.startAgent("bechar-01", new VirtualPrinter())).close();
        for (int i = 0; i < 3; i++) {
            assertThat(bridge.post("/api/v1/stores/bechar-01/jobs", "{\"type\":\"status\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        AuditLogRepository audit = bridge.server().getBean(AuditLogRepository.class);
        AuditRetention retention = bridge.server().getBean(AuditRetention.class);
        long before = audit.countAll();
        assertThat(before).isGreaterThanOrEqualTo(3);
        assertThat(retention.deleteOld()).as("nothing is past 2 s yet").isZero();

        Thread.sleep(2_500);
        assertThat(bridge.post("/api/v1/stores/bechar-01/jobs", "{\"type\":\"status\"}")
                        .statusCode())
                .isEqualTo(201);

        assertThat(retention.deleteOld()).isEqualTo((int) before);
        assertThat(audit.countAll()).as("the row of the job made since").isEqualTo(1);
    }
}
