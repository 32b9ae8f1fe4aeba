/**
 * Enrolment: a shop's PC with no certificate yet makes its own key pair, checks the server against
 * the CA its one-time code names, trades the code for a certificate, and writes its identity and
 * configuration so that {@code bridge-agent run} can start.
 */
@NullMarked
package io.printbridge.agent.enrol;

import org.jspecify.annotations.NullMarked;
