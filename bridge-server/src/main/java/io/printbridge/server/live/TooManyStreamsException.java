package io.printbridge.server.live;

/** A reader already holds as many live streams as it may ({@link LiveStreamQuota}); the message says how many. */
public final class TooManyStreamsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String explanation;

    TooManyStreamsException(String explanation) {
        super(explanation, null, false, false);
        this.explanation = explanation;
    }

    /** Who holds how many, and what was expected: for the refusal's answer. */
    public String explanation() {
        return explanation;
    }
}
