package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NewestFirstQueueTest {

    @Test
    void itemsComeOutNewestFirstAndAWithdrawnOneNever() {
        NewestFirstQueue<String> queue = new NewestFirstQueue<>();
        queue.add("a");
        queue.add("b");
        queue.add("c");

        assertThat(queue.remove("c")).isTrue();
        assertThat(queue.remove("c")).as("already out").isFalse();

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.pollNewest()).isEqualTo("b");
        assertThat(queue.pollNewest()).isEqualTo("a");
        assertThat(queue.pollNewest()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void withdrawnItemsDoNotPileUpWhenTheOldestAreTheOnesThatLeave() {
        // A storm: the oldest waiters expire while newer ones keep coming and are served.
        NewestFirstQueue<Integer> queue = new NewestFirstQueue<>();
        for (int i = 0; i < 100_000; i++) {
            queue.add(i);
            if (i >= 10) {
                assertThat(queue.remove(i - 10)).isTrue();
            }
        }

        assertThat(queue.size()).isEqualTo(10);
        assertThat(queue.held()).as("withdrawn items still held").isLessThanOrEqualTo(2 * 10 + 65);
        assertThat(queue.pollNewest()).isEqualTo(99_999);
    }
}
