package io.printbridge.agent.clock.simulator;

import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Starts a {@link SimulatedZkClock} with generated users and punches and runs until killed, so a
 * client in another language can be pointed at it:
 *
 * <pre>
 * java -cp ... io.printbridge.agent.clock.simulator.SimulatedZkClockMain --tcp-port 0 --records 30000 --seed 1
 * </pre>
 *
 * <p>Prints one JSON line on standard output: {@code {"tcpPort":..,"udpPort":..,"serialNumber":..,
 * "users":..,"records":..,"recordSize":..,"digest":".."}}, the digest being {@link
 * SimulatedPunches#digest}. With {@code --expected FILE} it also writes the punches there, one
 * {@link SimulatedPunches#line line} each, in the clock's order.
 *
 * <p>Options: {@code --tcp-port N} and {@code --udp-port N} (0, the default, for ephemeral
 * ports), {@code --records N} (30000), {@code --users N} (50), {@code --seed N} (1), {@code
 * --record-size 8|16|40} (40), {@code --comm-key N} (0), {@code --serial S}, {@code --bind ADDR}
 * (127.0.0.1), {@code --packet-gap-ms N} (10), {@code --expected FILE}.
 */
public final class SimulatedZkClockMain {

    private SimulatedZkClockMain() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulated clock: " + e.getMessage());
            System.err.println("usage: SimulatedZkClockMain [--tcp-port N] [--udp-port N] [--records N] [--users N]"
                    + " [--seed N] [--record-size 8|16|40] [--comm-key N] [--serial S] [--bind ADDR]"
                    + " [--packet-gap-ms N] [--expected FILE]");
            System.exit(2);
            return;
        }
        SimulatedZkClock clock = start(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(clock::close, "zk-clock-shutdown"));
        new CountDownLatch(1).await(); // until killed
    }

    /** Starts the clock the options describe and prints its JSON line; the caller closes it. */
    static SimulatedZkClock start(Options options, PrintStream out) throws IOException {
        SimulatedZkClock clock = SimulatedZkClock.builder()
                .tcpPort(options.tcpPort)
                .udpPort(options.udpPort)
                .recordSize(options.recordSize)
                .commKey(options.commKey)
                .serialNumber(options.serial)
                .bindAddress(InetAddress.getByName(options.bind))
                .packetGap(Duration.ofMillis(options.packetGapMillis))
                .recordCapacity(Math.max(200_000, options.records))
                .start();
        try {
            List<ClockUser> users = SimulatedPunches.users(options.users);
            List<ClockRecord> records = SimulatedPunches.records(options.records, options.seed, users);
            clock.putUsers(users);
            clock.addRecords(records);
            Path expected = options.expected;
            if (expected != null) {
                List<String> lines = new ArrayList<>(records.size());
                records.forEach(record -> lines.add(SimulatedPunches.line(record)));
                Files.write(expected, lines, StandardCharsets.UTF_8);
            }
            out.println("{\"tcpPort\":" + clock.tcpPort() + ",\"udpPort\":" + clock.udpPort() + ",\"serialNumber\":\""
                    + clock.serialNumber() + "\",\"users\":" + users.size() + ",\"records\":" + records.size()
                    + ",\"recordSize\":" + options.recordSize + ",\"digest\":\"" + SimulatedPunches.digest(records)
                    + "\"}");
            out.flush();
            return clock;
        } catch (IOException | RuntimeException e) {
            clock.close();
            throw e;
        }
    }

    /** The command line's options. */
    static final class Options {
        int tcpPort;
        int udpPort;
        int records = 30_000;
        int users = 50;
        long seed = 1;
        int recordSize = 40;
        int commKey;
        String serial = "SIM0000000001";
        String bind = "127.0.0.1";
        int packetGapMillis = 10;

        @Nullable
        Path expected;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": no value (expected: " + name + " VALUE)");
                }
                String value = args[++i];
                switch (name) {
                    case "--tcp-port":
                        options.tcpPort = number(name, value, 0, 65535);
                        break;
                    case "--udp-port":
                        options.udpPort = number(name, value, 0, 65535);
                        break;
                    case "--records":
                        options.records = number(name, value, 0, 400_000);
                        break;
                    case "--users":
                        options.users = number(name, value, 1, 3000);
                        break;
                    case "--seed":
                        options.seed = number(name, value, 0, Integer.MAX_VALUE);
                        break;
                    case "--record-size":
                        options.recordSize = number(name, value, 8, 40);
                        break;
                    case "--comm-key":
                        options.commKey = number(name, value, 0, 999_999);
                        break;
                    case "--serial":
                        options.serial = value;
                        break;
                    case "--bind":
                        options.bind = value;
                        break;
                    case "--packet-gap-ms":
                        options.packetGapMillis = number(name, value, 0, 10_000);
                        break;
                    case "--expected":
                        options.expected = Path.of(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return options;
        }

        private static int number(String name, String value, int min, int max) {
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: a number)");
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException(name + ": " + number + " (expected: " + min + " to " + max + ")");
            }
            return number;
        }
    }
}
