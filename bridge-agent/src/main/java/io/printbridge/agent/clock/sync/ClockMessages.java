package io.printbridge.agent.clock.sync;

import io.printbridge.agent.clock.ClockDeviceInfo;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.ClockInfo;
import io.printbridge.proto.v1.ClockState;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Punch;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The clock's findings as the contract writes them. */
final class ClockMessages {

    /** Always with seconds: {@code LocalDateTime.toString()} drops them when they are zero. */
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private ClockMessages() {}

    static ClockInfo info(ClockDeviceInfo info, LocalDateTime clockTime, Instant readAt) {
        return ClockInfo.newBuilder()
                .setSerialNumber(info.serialNumber())
                .setDeviceName(info.deviceName())
                .setPlatform(info.platform())
                .setFirmwareVersion(info.firmwareVersion())
                .setUserCount(info.userCount())
                .setUserCapacity(info.userCapacity())
                .setRecordCount(info.recordCount())
                .setRecordCapacity(info.recordCapacity())
                .setClockTime(LOCAL.format(clockTime))
                .setReadAt(ProtoTimestamps.of(readAt))
                .build();
    }

    static Punch punch(ClockRecord record, Map<String, String> names) {
        return Punch.newBuilder()
                .setUserId(record.userId())
                .setLocalTime(LOCAL.format(record.localTime()))
                .setStatus(record.status())
                .setPunchType(record.punchType())
                .setVerifyMethod(record.verifyMethod())
                .setEmployeeName(names.getOrDefault(record.userId(), ""))
                .build();
    }

    static ClockState state(ClockException.Kind kind) {
        return switch (kind) {
            case OFFLINE -> ClockState.CLOCK_STATE_OFFLINE;
            case AUTH_REFUSED -> ClockState.CLOCK_STATE_AUTH_REFUSED;
            case PROTOCOL_ERROR -> ClockState.CLOCK_STATE_PROTOCOL_ERROR;
            // The clock answered, understood and said no: it is reachable.
            case REFUSED -> ClockState.CLOCK_STATE_ONLINE;
        };
    }

    static FailureCode failure(ClockException.Kind kind) {
        return switch (kind) {
            case OFFLINE -> FailureCode.FAILURE_CODE_CLOCK_OFFLINE;
            case AUTH_REFUSED -> FailureCode.FAILURE_CODE_CLOCK_AUTH_REFUSED;
            case PROTOCOL_ERROR -> FailureCode.FAILURE_CODE_CLOCK_PROTOCOL_ERROR;
            case REFUSED -> FailureCode.FAILURE_CODE_INVALID_ARGUMENT;
        };
    }
}
