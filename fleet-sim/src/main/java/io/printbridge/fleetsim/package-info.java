/**
 * The fleet simulator (issue 15): thousands of store agents in one JVM, each with its own
 * certificate, TLS connection and stream, speaking the real protocol to the packaged server, and
 * the scenarios that measure the server against them (a connection storm, an idle fleet, a job
 * load, restarts). The agents share one Netty event loop group and one scheduler: no thread per
 * agent.
 */
@NullMarked
package io.printbridge.fleetsim;

import org.jspecify.annotations.NullMarked;
