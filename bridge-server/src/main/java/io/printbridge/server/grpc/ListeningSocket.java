package io.printbridge.server.grpc;

/**
 * A listening socket of the agents' port as a bound sees it ({@link HandshakeAdmission}, {@link
 * AgentConnectionBudget}): it can stop accepting, so that new dials wait in the kernel at no cost,
 * and start again. Each bound holds its own view of the socket ({@link AcceptLimiter}): the socket
 * accepts only while none of them holds it paused.
 */
interface ListeningSocket {

    /** Stop accepting; called on the socket's event loop, so it holds before the next accept. */
    void pause();

    /** Accept again, as far as this bound is concerned; from any thread. */
    void resume();
}
