package io.printbridge.server.identity;

import java.time.Instant;

/**
 * An enrolment code just made: the only time its secret is known outside the shop.
 *
 * @param id how IT names it from now on (list, revoke)
 * @param code the whole code, {@code XXXX-XXXX-XXXX-YYYY-YYYY-YYYY}
 * @param agentCommand what to type at the shop's PC
 */
public record NewEnrolmentCode(String id, String code, String storeId, Instant expiresAt, String agentCommand) {}
