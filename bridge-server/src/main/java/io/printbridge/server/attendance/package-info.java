/**
 * The shop's time clocks as the server sees them: punches stored once each ({@link
 * AttendanceIngest}, {@link PunchStore}), the clocks' state and drift ({@link ClockRegistry}),
 * and the ERP's reading of both ({@link AttendanceController}, paged by a cursor that new punches
 * never shift). The agent reads the clocks; this side only stores and tells.
 */
@NullMarked
package io.printbridge.server.attendance;

import org.jspecify.annotations.NullMarked;
