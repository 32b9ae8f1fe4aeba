package io.printbridge.agent.service;

import io.printbridge.agent.RunningAgent;
import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.AgentConfigLoader;
import io.printbridge.agent.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows service's entry points, for procrun's JVM mode ({@code --StartMode jvm --StartClass
 * io.printbridge.agent.service.AgentService --StartMethod start --StopMethod stop}): the agent runs
 * inside the JVM that prunsrv loads, so a service stop is a method call that closes the stream and
 * the journal, not a process killed in the middle of a write.
 *
 * <p>procrun calls {@link #start} on one thread and, when the service is to stop, {@link #stop} on
 * another. Its contract is that {@code start} does not return until the service stops (procrun
 * takes a returning start method for a stopped service), so {@code start} starts the agent, then
 * waits for {@code stop}. A start that fails (a wrong setting, the journal held by another agent)
 * ends the JVM with status 1 or 2: prunsrv reports that exit code to Windows, whose recovery
 * actions (set by the install script) then restart the service.
 *
 * <p>Arguments (procrun's {@code --StartParams}): {@code --config FILE}, else the variable
 * {@code BRIDGE_AGENT_CONFIG}, else {@code agent.properties} in the working directory.
 */
public final class AgentService {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    /** The one service this JVM runs; procrun's start and stop threads meet here. */
    private static final Object lock = new Object();

    private static @Nullable Session current;

    /** How long {@link #stop} waits for the agent to close: the link, the printers, the journal. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private AgentService() {}

    /** One start of the service, from {@link #start} to its stop. */
    private static final class Session {
        /** Counted down once the agent runs, or once its start failed. */
        final CountDownLatch started = new CountDownLatch(1);
        /** Counted down by {@link #stop}. */
        final CountDownLatch stopRequested = new CountDownLatch(1);
        /** Counted down once the agent is closed (or never started). */
        final CountDownLatch finished = new CountDownLatch(1);

        @Nullable
        RunningAgent agent;
    }

    /** procrun's start method: runs the agent until {@link #stop}; exits the JVM if the start fails. */
    public static void start(String[] args) {
        int status = serve(args, System.getenv());
        if (status != 0) {
            System.exit(status); // prunsrv hands the code to Windows: the service's recovery restarts it
        }
    }

    /**
     * procrun's stop method: asks {@link #start} to stop the agent and returns once the stream and
     * the journal are closed (at most {@link #STOP_WAIT}; procrun's own {@code --StopTimeout} is longer).
     */
    public static void stop(String[] args) {
        Session session;
        synchronized (lock) {
            session = current;
        }
        if (session == null) {
            log.info("service stop: the agent is not running");
            return;
        }
        log.info("service stop requested");
        session.stopRequested.countDown();
        try {
            if (!session.finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("service stop: the agent did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the agent and waits for {@link #stop}; returns the exit status: 0 once stopped, 2 for a
     * configuration to fix, 1 for a start that failed otherwise or a service already running here.
     */
    static int serve(String[] args, Map<String, String> environment) {
        Session session = new Session();
        synchronized (lock) {
            if (current != null) {
                log.error("service start refused: an agent is already running in this JVM");
                return 1;
            }
            current = session;
        }
        try {
            AgentConfig config;
            try {
                config = new AgentConfigLoader(log::warn).load(configFile(args, environment), environment);
            } catch (ConfigException | IllegalArgumentException e) {
                fatal("configuration: " + e.getMessage());
                return 2;
            }
            RunningAgent agent;
            try {
                agent = RunningAgent.start(config);
            } catch (Exception e) {
                fatal("the agent did not start: " + e.getMessage());
                return 1;
            }
            synchronized (lock) {
                session.agent = agent;
            }
            session.started.countDown();
            log.info("service started");
            try {
                session.stopRequested.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            agent.close();
            return 0;
        } finally {
            session.started.countDown();
            synchronized (lock) {
                current = null;
            }
            session.finished.countDown();
        }
    }

    /** For tests and the smoke run: waits until the running service's agent is up; false on timeout. */
    static boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Session session;
            synchronized (lock) {
                session = current;
            }
            if (session != null && session.started.await(50, TimeUnit.MILLISECONDS)) {
                synchronized (lock) {
                    return session.agent != null;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** The running service's agent, if it has started. */
    static @Nullable RunningAgent running() {
        synchronized (lock) {
            return current == null ? null : current.agent;
        }
    }

    static @Nullable Path configFile(String[] args, Map<String, String> environment) {
        if (args.length == 2 && args[0].equals("--config") && !args[1].isBlank()) {
            return Path.of(args[1]);
        }
        if (args.length != 0) {
            throw new IllegalArgumentException("service arguments: " + Arrays.toString(args)
                    + " (expected: none, or --config FILE, as procrun's --StartParams=--config;FILE)");
        }
        String fromEnvironment = environment.get("BRIDGE_AGENT_CONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        Path local = Path.of("agent.properties");
        return local.toFile().exists() ? local : null;
    }

    /**
     * To the log and to standard error: procrun keeps the service's standard error in its log folder
     * ({@code printbridgeagent-stderr.<date>.log}), where a start that failed before the log file
     * was set up is still told.
     */
    private static void fatal(String message) {
        log.error("service: {}", message);
        System.err.println("bridge-agent service: " + message);
    }
}
