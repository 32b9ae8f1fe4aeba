package io.printbridge.proto;

import com.google.protobuf.Duration;

/** Between {@code java.time.Duration} and the contract's {@code google.protobuf.Duration}, both ways. */
public final class ProtoDurations {

    private ProtoDurations() {}

    public static Duration of(java.time.Duration duration) {
        return Duration.newBuilder()
                .setSeconds(duration.getSeconds())
                .setNanos(duration.getNano())
                .build();
    }

    public static java.time.Duration toJava(Duration duration) {
        return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }
}
