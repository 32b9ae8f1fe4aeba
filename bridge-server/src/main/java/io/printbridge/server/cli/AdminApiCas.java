package io.printbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.certs.Pem;
import io.printbridge.server.identity.CaRollover;
import io.printbridge.server.identity.CaState;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ca} commands through a running server's admin API ({@code /api/v1/admin/cas}), with
 * an admin token: what works while the server holds its H2 file, and what that server takes up at
 * once. A CA's private key never goes through the API.
 */
final class AdminApiCas implements CaBackend {

    private static final String PATH = "/api/v1/admin/cas";

    private final AdminApiClient api;
    private final ObjectMapper json = new ObjectMapper();

    AdminApiCas(URI server, String adminToken) {
        this.api = new AdminApiClient(server, adminToken);
    }

    @Override
    public List<CaRollover.CaStatus> status() {
        List<CaRollover.CaStatus> cas = new ArrayList<>();
        for (JsonNode ca : send(api.request(PATH).GET(), 200).path("cas")) {
            cas.add(status(ca));
        }
        return cas;
    }

    @Override
    public Added add(X509Certificate certificate, @Nullable PrivateKey key) {
        if (key != null) {
            throw new IllegalArgumentException("--key: a CA's key never goes through the API (expected: no --key"
                    + " with --server; copy the key owner-only to <data-dir>/ca-keys/<fingerprint>.key)");
        }
        String body = json.createObjectNode()
                .put("certificate", Pem.certificate(certificate))
                .toString();
        return new Added(
                status(send(
                                api.request(PATH)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                                201)
                        .path("ca")),
                null);
    }

    @Override
    public CaRollover.CaStatus issueFrom(String fingerprint) {
        return status(send(
                        api.request(PATH + "/" + path(fingerprint) + "/issue-from")
                                .POST(HttpRequest.BodyPublishers.noBody()),
                        200)
                .path("ca"));
    }

    @Override
    public Retired retire(String fingerprint, boolean force) {
        String body = json.createObjectNode().put("force", force).toString();
        JsonNode retired = send(
                api.request(PATH + "/" + path(fingerprint) + "/retire")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                200);
        return new Retired(
                status(retired.path("ca")),
                retired.path("liveCertificatesCutOff").asLong(),
                retired.path("storesCutOff").asLong(),
                retired.path("signedServerCertificate").asBoolean());
    }

    @Override
    public String takenUp() {
        return api.server() + " takes it up now, other servers on the same database within 30 s";
    }

    @Override
    public void close() {
        // Nothing held.
    }

    /** A fingerprint in a path: only hex and colons are accepted by the server, anything else is refused there. */
    private static String path(String fingerprint) {
        return java.net.URLEncoder.encode(fingerprint, java.nio.charset.StandardCharsets.UTF_8);
    }

    private CaRollover.CaStatus status(JsonNode ca) {
        return new CaRollover.CaStatus(
                ca.path("fingerprint").asText(),
                ca.path("subject").asText(),
                CaState.valueOf(ca.path("state").asText()),
                Instant.parse(ca.path("notAfter").asText()),
                Instant.parse(ca.path("addedAt").asText()),
                ca.path("addedBy").asText(),
                ca.hasNonNull("retiredAt") ? Instant.parse(ca.get("retiredAt").asText()) : null,
                ca.path("liveCertificates").asLong(),
                ca.path("stores").asLong(),
                ca.path("signsServerCertificate").asBoolean(),
                ca.path("keyOnThisServer").asBoolean(),
                ca.path("storesNotSeenSinceAdded").asLong());
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        return api.send(request, expected);
    }
}
