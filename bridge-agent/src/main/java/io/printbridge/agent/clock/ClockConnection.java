package io.printbridge.agent.clock;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One authenticated session with a clock. Not thread-safe: one thread drives it. After any
 * {@link ClockException} of kind OFFLINE or PROTOCOL_ERROR the session is spent; close it and
 * connect again.
 */
public interface ClockConnection extends AutoCloseable {

    ClockDeviceInfo info() throws ClockException;

    /** The clock's wall time. */
    LocalDateTime time() throws ClockException;

    void setTime(LocalDateTime time) throws ClockException;

    List<ClockUser> users() throws ClockException;

    /** Adds the user, or replaces the one with the same user id. */
    void putUser(ClockUser user) throws ClockException;

    /** Removes the user with this user id; a user the clock does not hold is not an error. */
    void deleteUser(String userId) throws ClockException;

    /**
     * The whole attendance log, in the clock's order, read through the clock's chunked buffer
     * transfer; each chunk has its own timeout and retry. A log that comes back shorter than the
     * clock announced is an exception, never a short list.
     */
    List<ClockRecord> records() throws ClockException;

    /** Erases the clock's whole attendance log. Callers guard it (see {@code clock.sync}). */
    void clearRecords() throws ClockException;

    /** Stops the clock taking punches (its screen says so) until {@link #enable()}. */
    void disable() throws ClockException;

    void enable() throws ClockException;

    /**
     * Asks the clock to send each new punch as it is made. To be called again on every new
     * connection: a clock forgets it when the session ends.
     */
    void startLiveEvents() throws ClockException;

    /**
     * The next punch the clock sent as it was made, waiting at most {@code wait}; empty when none
     * came. Punches that arrive while another request is under way are kept for this call.
     */
    Optional<ClockRecord> nextLiveEvent(Duration wait) throws ClockException;

    /** Says goodbye to the clock (best effort) and closes the socket. */
    @Override
    void close();
}
