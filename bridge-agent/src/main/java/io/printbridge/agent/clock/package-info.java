/**
 * The shop's attendance clocks (ZKTeco), seen by the rest of the agent through one small
 * interface: {@link ClockConnector} opens a {@link ClockConnection} to a {@link ClockEndpoint};
 * what comes back are {@link ClockRecord punches}, {@link ClockUser users} and the {@link
 * ClockDeviceInfo device's info}, and every failure is a {@link ClockException} of one {@link
 * ClockException.Kind kind}. The ZK protocol itself lives in {@code clock.zk}; reading clocks
 * for the server (cursor, uploads, live events) in {@code clock.sync}.
 */
@NullMarked
package io.printbridge.agent.clock;

import org.jspecify.annotations.NullMarked;
