package io.printbridge.server.bench;

import io.printbridge.agent.Agent;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.AttendanceFixture;
import io.printbridge.server.testing.Bridge;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The delay from a punch at the clock to the ERP's live event: a simulated clock, the real agent
 * reading it over the ZK protocol (live events), the real server storing the batch, and an ERP
 * client reading {@code GET /api/v1/events} (server-sent events). One punch at a time, each
 * timed from {@code punch()} on the simulator to the {@code event: attendance} line.
 *
 * <p>Run: {@code mvn -B -ntp -Ppunch-event -DskipTests verify -pl bridge-server -am}
 * ({@code -Dbench.punches=N}).
 */
public final class PunchToEventBenchmark {

    private PunchToEventBenchmark() {}

    public static void main(String[] args) throws Exception {
        int punches = Integer.getInteger("bench.punches", 200);
        int warmup = Integer.getInteger("bench.warmup", 30);
        Path dir = Files.createTempDirectory("punch-event-bench");
        String token = "hr-bench-token-0123456789";
        List<ClockUser> users = SimulatedPunches.users(20);
        try (SimulatedZkClock clock =
                        SimulatedZkClock.builder().packetGap(Duration.ZERO).start();
                Bridge bridge = new Bridge(dir, List.of("bench-01"), AttendanceFixture.hrToken(token))) {
            clock.putUsers(users);
            Agent agent = bridge.startAgent(
                    "bench-01", new VirtualPrinter(), AttendanceFixture.entranceOn(clock, dir.resolve("clocks")));
            Bridge.connected(agent);

            LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
            HttpResponse<InputStream> events = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + bridge.httpPort() + "/api/v1/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (Boolean.getBoolean("bench.debug")) {
                            System.out.println("sse: " + line);
                        }
                        if (line.startsWith("event:")
                                && line.substring(6).trim().equals("attendance")) {
                            arrivals.add(System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    // the run is over
                }
            });
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(3_000); // the agent's first read of the (empty) log, and live events registered

            List<Double> millis = new ArrayList<>();
            LocalDateTime at = LocalDateTime.of(2026, 12, 5, 8, 0);
            for (int i = 0; i < warmup + punches; i++) {
                long sent = System.nanoTime();
                clock.punch(new ClockRecord(users.get(i % users.size()).userId(), at.plusSeconds(i), 0, 0, 1));
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    System.out.println("status " + events.statusCode() + "; server holds: "
                            + bridge.get("/api/v1/attendance/punches?store=bench-01", token)
                                    .body());
                    throw new IllegalStateException("punch " + i + ": no attendance event within 10 s");
                }
                if (i >= warmup) {
                    millis.add((arrived - sent) / 1e6);
                }
                Thread.sleep(100); // one punch at a time, as at a door
            }
            Collections.sort(millis);
            System.out.printf(
                    "punch -> ERP live event, %d punches one at a time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    millis.size(), at(millis, 0.50), at(millis, 0.90), at(millis, 0.99), millis.get(millis.size() - 1));
        }
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
