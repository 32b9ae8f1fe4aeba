/**
 * A ZKTeco attendance clock in software, speaking the ZK protocol on TCP and UDP as the real
 * ones do (including the quirks of the common client libraries' way of reading), for tests, demos
 * and other languages' clients: {@link SimulatedZkClock} holds users and an attendance log and
 * can be told to fail in the ways real clocks do (drop the connection mid-transfer, refuse the
 * comm key, answer garbage, lose part of a chunk, reboot, answer slowly). {@link
 * SimulatedZkClockMain} starts one from the command line with generated punches.
 */
@NullMarked
package io.printbridge.agent.clock.simulator;

import org.jspecify.annotations.NullMarked;
