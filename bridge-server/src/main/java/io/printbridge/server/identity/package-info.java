/**
 * Shop identity: the store CAs the servers share (trusted, issuing, retired) and the keys this
 * server issues with, the agent certificates it issued (at enrolment, at renewal) and where each
 * stands, enrolment codes, and revoked stores.
 */
@NullMarked
package io.printbridge.server.identity;

import org.jspecify.annotations.NullMarked;
