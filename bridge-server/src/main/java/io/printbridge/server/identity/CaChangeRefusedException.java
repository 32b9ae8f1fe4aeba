package io.printbridge.server.identity;

/**
 * A change to the store CAs that was understood and refused, with the reason and what to do
 * first (retiring a CA live certificates still depend on, say). Nothing was changed.
 */
public final class CaChangeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CaChangeRefusedException(String message) {
        super(message);
    }
}
