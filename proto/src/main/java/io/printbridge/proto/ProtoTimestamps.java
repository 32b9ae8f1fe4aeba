package io.printbridge.proto;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Between {@code java.time.Instant} and the contract's {@code google.protobuf.Timestamp}, both ways. */
public final class ProtoTimestamps {

    private ProtoTimestamps() {}

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    public static Instant toJava(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
