package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.server.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConnectionBudgetTest {

    /** What a listening socket was told, in order. */
    private final List<String> told = new ArrayList<>();

    private ListeningSocket socket(String name) {
        return new ListeningSocket() {
            @Override
            public void pause() {
                told.add("pause " + name);
            }

            @Override
            public void resume() {
                told.add("resume " + name);
            }
        };
    }

    @Test
    void theBoundIsTheOpenFileLimitLessTheReserveAtMostHalfOfIt() {
        // The service unit's limit, this project's machine's hard limit, a shell's default.
        assertThat(AgentConnectionBudget.maxConnections(0, 1000, 65_536)).isEqualTo(64_536);
        assertThat(AgentConnectionBudget.maxConnections(0, 1000, 20_000)).isEqualTo(19_000);
        assertThat(AgentConnectionBudget.maxConnections(0, 1000, 1_024)).isEqualTo(512);
        assertThat(AgentConnectionBudget.maxConnections(0, 0, 1_024)).isEqualTo(1_024);
    }

    @Test
    void aConfiguredBoundWinsAndAnUnknownLimitBindsNothing() {
        assertThat(AgentConnectionBudget.maxConnections(5, 1000, 65_536)).isEqualTo(5);
        assertThat(AgentConnectionBudget.maxConnections(0, 1000, OpenFiles.UNKNOWN))
                .isEqualTo(AgentConnectionBudget.UNBOUNDED);
        assertThat(AgentConnectionBudget.maxConnections(0, 1000, Long.MAX_VALUE))
                .isEqualTo(AgentConnectionBudget.UNBOUNDED);
    }

    @Test
    void aBoundFromTheLimitSaysSoWhenThePortFills() {
        AgentConnectionBudget budget = new AgentConnectionBudget(0, 1000, 1_002);
        try (LogCapture full = new LogCapture(AgentConnectionBudget.class.getName())) {
            budget.opened(socket("v4"));
            budget.opened(socket("v4"));
            assertThat(full.messagesContaining("the agents' port is full: 501 connections"))
                    .as("nothing before the bound")
                    .isEmpty();
            for (int i = 0; i < 499; i++) {
                budget.opened(socket("v4"));
            }
            assertThat(full.messagesContaining("the agents' port is full: 501 connections, the most this process's"
                            + " open-file limit (1002) allows"))
                    .hasSize(1);
        }
    }

    @Test
    void negativeSettingsAreRefusedByName() {
        assertThatThrownBy(() -> AgentConnectionBudget.maxConnections(-1, 1000, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("max-agent-connections: -1 (expected: 0,");
        assertThatThrownBy(() -> AgentConnectionBudget.maxConnections(0, -5, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("open-files-reserve: -5 (expected: 0 or more)");
    }

    @Test
    void theSocketsStopAcceptingAtTheBoundAndAcceptAgainWhenAConnectionCloses() {
        AgentConnectionBudget budget = new AgentConnectionBudget(3, 0, 65_536);
        ListeningSocket v4 = socket("v4");
        ListeningSocket v6 = socket("v6");

        budget.opened(v4);
        budget.opened(v6);
        assertThat(told).isEmpty();
        assertThat(budget.full()).isFalse();

        // The third fills the bound: the socket that accepted it stops; the other stops at its next accept.
        try (LogCapture full = new LogCapture(AgentConnectionBudget.class.getName())) {
            budget.opened(v4);
            budget.opened(v6); // accepted in the same batch as the third, before its socket paused
            assertThat(full.messagesContaining(
                            "the agents' port is full: 3 connections, bridge.grpc.max-agent-connections;"))
                    .as("one warning for the port filling, however many sockets pause")
                    .hasSize(1);
        }
        assertThat(told).containsExactly("pause v4", "pause v6");
        assertThat(budget.full()).isTrue();
        assertThat(budget.connections()).isEqualTo(4);
        assertThat(budget.fullTimes()).as("the port filled once").isEqualTo(1);

        // Back at the bound: still full. Below it: both accept again, once each.
        budget.closed();
        assertThat(told).hasSize(2);
        budget.closed();
        assertThat(told).containsExactly("pause v4", "pause v6", "resume v4", "resume v6");
        assertThat(budget.full()).isFalse();
        budget.closed();
        assertThat(told).hasSize(4);
        assertThat(budget.connections()).isEqualTo(1);
    }
}
