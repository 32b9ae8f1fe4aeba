package io.printbridge.server.identity;

/** Where a store CA stands in {@code certificate_authorities}. */
public enum CaState {
    /** Agents' certificates from it are accepted and agents trust it for the server; it issues nothing new. */
    TRUSTED,
    /** As TRUSTED, and new agent certificates (enrolment, renewal) come from it. One CA at a time. */
    ISSUING,
    /** No longer trusted: its agents' certificates are refused at their next handshake. */
    RETIRED
}
