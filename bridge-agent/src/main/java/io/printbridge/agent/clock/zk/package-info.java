/**
 * The ZKTeco attendance-clock protocol (the "ZK protocol", binary, port 4370 over TCP or UDP),
 * behind {@link io.printbridge.agent.clock.ClockConnector}: {@link ZkClockConnector} opens a
 * session; {@link ZkPacket} is one packet (command, checksum, session id, reply id, data), framed
 * for TCP by {@link ZkTcpFrame}; a dataset larger than one packet (the attendance log, the user
 * table) comes through the clock's chunked buffer transfer. Everything read from the wire is
 * bounded ({@link ZkLimits}).
 *
 * <p>The codec classes are public because the clock simulator ({@code clock.simulator}) speaks
 * the same protocol from the other side.
 */
@NullMarked
package io.printbridge.agent.clock.zk;

import org.jspecify.annotations.NullMarked;
