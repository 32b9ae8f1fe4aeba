/**
 * Shop identity: the issuing CA the server holds, the agent certificates it issued (at
 * enrolment, at renewal) and where each stands, enrolment codes, and revoked stores.
 */
@NullMarked
package io.printbridge.server.identity;

import org.jspecify.annotations.NullMarked;
