package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.server.grpc.HandshakeAdmission.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeAdmissionTest {

    private final List<String> admitted = new ArrayList<>();
    /** What the listening socket was told, in order. */
    private final List<String> told = new ArrayList<>();

    private final ListeningSocket listening = new ListeningSocket() {
        @Override
        public void pause() {
            told.add("pause");
        }

        @Override
        public void resume() {
            told.add("resume");
        }
    };

    private HandshakeAdmission.Waiter waiter(String name) {
        return () -> admitted.add(name);
    }

    private static HandshakeAdmission admission(int slots, int queue) {
        return new HandshakeAdmission(slots, queue, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void connectionsPastTheSlotsWaitAndPastTheQueueAreRefused() {
        HandshakeAdmission admission = admission(2, 1);

        assertThat(admission.enter(waiter("a"))).isEqualTo(Entry.ADMITTED);
        assertThat(admission.enter(waiter("b"))).isEqualTo(Entry.ADMITTED);
        assertThat(admission.enter(waiter("c"))).isEqualTo(Entry.QUEUED);
        assertThat(admission.enter(waiter("d"))).isEqualTo(Entry.REFUSED);

        assertThat(admission.inProgress()).isEqualTo(2);
        assertThat(admission.queued()).isEqualTo(1);
        assertThat(admission.refused()).isEqualTo(1);
    }

    @Test
    void theSocketStopsAcceptingWhenSlotsAndQueueAreTakenAndAcceptsAgainWhenHalfTheQueueIsFree() {
        HandshakeAdmission admission = admission(2, 8);
        for (int i = 0; i < 9; i++) {
            admission.accepted(listening);
        }
        assertThat(told).isEmpty();

        // The 10th unfinished connection fills the 2 slots and the 8 places: no 11th is accepted.
        admission.accepted(listening);
        assertThat(told).containsExactly("pause");
        assertThat(admission.acceptingPaused()).isTrue();

        for (int i = 0; i < 3; i++) {
            admission.finished();
        }
        assertThat(told).containsExactly("pause");
        // Down to 6 unfinished: the 2 slots and half the queue.
        admission.finished();
        assertThat(told).containsExactly("pause", "resume");
        assertThat(admission.acceptingPaused()).isFalse();
        assertThat(admission.pauses()).isEqualTo(1);

        for (int i = 0; i < 4; i++) {
            admission.accepted(listening);
        }
        assertThat(told).containsExactly("pause", "resume", "pause");
    }

    @Test
    void withoutAQueueTheSocketPausesWhileEverySlotIsTakenAndResumesWithTheFirstFreed() {
        HandshakeAdmission admission = admission(1, 0);

        admission.accepted(listening);
        assertThat(told).containsExactly("pause");
        admission.finished();
        assertThat(told).containsExactly("pause", "resume");
    }

    @Test
    void aFreedSlotGoesToTheNewestWaiterAndNeverBackToThePoolWhileOneWaits() {
        HandshakeAdmission admission = admission(1, 10);
        admission.enter(waiter("holder"));
        admission.enter(waiter("oldest"));
        admission.enter(waiter("middle"));

        admission.release();

        // The newest has the most of its agent's 10 s left: a handshake given to it is not wasted.
        assertThat(admitted).containsExactly("middle");
        assertThat(admission.inProgress()).isEqualTo(1);
        // The slot never went back to the pool: a newcomer waits, and is served next.
        assertThat(admission.enter(waiter("newcomer"))).isEqualTo(Entry.QUEUED);
        admission.release();
        admission.release();
        assertThat(admitted).containsExactly("middle", "newcomer", "oldest");
        assertThat(admission.queued()).isZero();
    }

    @Test
    void aWithdrawnWaiterIsNeverAdmitted() {
        HandshakeAdmission admission = admission(1, 10);
        admission.enter(waiter("holder"));
        HandshakeAdmission.Waiter gone = waiter("gone");
        admission.enter(gone);
        admission.enter(waiter("next"));

        assertThat(admission.expire(gone)).isTrue();
        admission.release();

        assertThat(admitted).containsExactly("next");
        assertThat(admission.expired()).isEqualTo(1);
        assertThat(admission.withdraw(gone)).isFalse();
    }

    @Test
    void everySlotComesBackWhenTheLastHandshakeEnds() {
        HandshakeAdmission admission = admission(3, 100);
        for (int i = 0; i < 50; i++) {
            admission.enter(waiter("w" + i));
        }
        for (int i = 0; i < 50; i++) {
            admission.release();
        }

        assertThat(admitted).hasSize(47);
        assertThat(admission.inProgress()).isZero();
        assertThat(admission.queued()).isZero();
    }

    @Test
    void aSlotGivenBackTwiceIsAnError() {
        HandshakeAdmission admission = admission(1, 0);
        admission.enter(waiter("a"));
        admission.release();

        assertThatThrownBy(admission::release).hasMessageContaining("no handshake slot is held");
    }
}
