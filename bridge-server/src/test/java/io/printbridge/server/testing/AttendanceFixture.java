package io.printbridge.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.clock.sync.ClockSettings;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.clock.zk.ZkClockConnector;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.TokenStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the attendance tests share: an HR token, an agent's clock on a simulator, the punches as the ERP reads them. */
public final class AttendanceFixture {

    private AttendanceFixture() {}

    /** Server settings for a token named {@code hr} with the attendance scope on every store. */
    public static Map<String, Object> hrToken(String token) {
        return Map.of(
                "bridge.api.tokens.hr.sha256",
                ApiTokens.sha256(token),
                "bridge.api.tokens.hr.stores",
                TokenStores.ALL,
                "bridge.api.tokens.hr.scopes",
                "attendance");
    }

    /** An agent's one clock, "entrance" in Algiers, on {@code clock}'s TCP port through the real ZK client. */
    public static ClockSetup entranceOn(SimulatedZkClock clock, Path cursors) {
        return new ClockSetup(
                List.of(ClockSettings.of(
                        "entrance",
                        new ClockEndpoint("127.0.0.1", clock.tcpPort(), ClockTransport.TCP, 0, Duration.ofSeconds(2)),
                        ZoneId.of("Africa/Algiers"))),
                new ZkClockConnector(),
                cursors);
    }

    /** Every punch of {@code store} the server holds, walking the ERP's cursor a thousand at a time. */
    public static List<JsonNode> punches(Bridge bridge, String token, String store) throws Exception {
        List<JsonNode> punches = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode page = bridge.json(
                    bridge.get("/api/v1/attendance/punches?store=" + store + "&limit=1000&after=" + cursor, token));
            page.get("punches").forEach(punches::add);
            cursor = page.get("next").asText();
            if (!page.get("more").asBoolean()) {
                return punches;
            }
        }
    }
}
