package io.printbridge.server.attendance;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.AttendanceRefused;
import io.printbridge.proto.v1.ClockStatusChanged;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent's stream hands to attendance (contract revision 4): its clocks from the Hello,
 * their status reports, and batches of punches, each answered on the same stream once stored or
 * refused. Nothing here blocks the stream's thread.
 */
@Singleton
public final class AttendanceLink {

    private static final Logger log = LoggerFactory.getLogger(AttendanceLink.class);

    private final AttendanceIngest ingest;
    private final ClockRegistry clocks;
    private final Clock clock;

    AttendanceLink(AttendanceIngest ingest, ClockRegistry clocks, Clock clock) {
        this.ingest = requireNonNull(ingest, "ingest");
        this.clocks = requireNonNull(clocks, "clocks");
        this.clock = requireNonNull(clock, "clock");
    }

    public void hello(String storeId, Hello hello) {
        clocks.hello(storeId, hello.getClocksList(), clock.instant());
    }

    public void status(String storeId, ClockStatusChanged change) {
        clocks.statusChanged(storeId, change, clock.instant());
    }

    /** Stores {@code batch}; {@code answer} sends AttendanceStored or AttendanceRefused on the stream. */
    public void batch(String storeId, AttendanceBatch batch, Consumer<ServerMessage> answer) {
        ingest.store(storeId, batch).whenComplete((stored, failure) -> {
            if (failure == null) {
                answer.accept(
                        ServerMessage.newBuilder().setAttendanceStored(stored).build());
                return;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String message = cause instanceof AttendanceRefusedException
                    ? String.valueOf(cause.getMessage())
                    : "not stored (" + cause.getMessage() + "); send it again later";
            if (cause instanceof AttendanceRefusedException) {
                log.warn("store {}: attendance batch refused: {}", storeId, message);
            }
            answer.accept(ServerMessage.newBuilder()
                    .setAttendanceRefused(AttendanceRefused.newBuilder()
                            .setBatchId(batch.getBatchId())
                            .setMessage(message))
                    .build());
        });
    }
}
