package io.printbridge.server.grpc;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Items taken newest first, any of them withdrawn in O(1): the handshake queue's order (see {@link
 * HandshakeAdmission} for why newest first). A withdrawn item stays in the order until it is passed
 * over or the order is compacted, which happens once it holds more than twice the live items, so
 * the work stays O(1) amortized and the memory bounded by the live items. Not thread-safe: the
 * admission's lock guards it. Items are told apart by {@code equals}: the admission's waiters
 * keep Object's, so by identity.
 */
final class NewestFirstQueue<T> {

    private final ArrayDeque<T> order = new ArrayDeque<>();
    private final Set<T> members = new HashSet<>();

    void add(T item) {
        if (members.add(item)) {
            order.addLast(item);
        }
    }

    /** Takes {@code item} out; false when it was not in the queue. */
    boolean remove(T item) {
        boolean removed = members.remove(item);
        if (removed && order.size() > 2 * members.size() + 64) {
            order.removeIf(queued -> !members.contains(queued));
        }
        return removed;
    }

    /** The newest item still in the queue, taken out; null when there is none. */
    @Nullable
    T pollNewest() {
        while (!order.isEmpty()) {
            T newest = order.pollLast();
            if (members.remove(newest)) {
                return newest;
            }
        }
        return null;
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Items held in the order, withdrawn ones not yet dropped included: for tests of the bound. */
    int held() {
        return order.size();
    }
}
