package io.printbridge.fleetsim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** One value of the server's Prometheus scrape ({@code GET /prometheus}, open on its HTTP port). */
final class ServerMetric {

    private ServerMetric() {}

    /**
     * The value of the sample whose line starts with {@code sample} (the name and its labels, as
     * the scrape writes them), or -1 if the scrape has no such line.
     */
    static double read(int httpPort, String sample) throws IOException, InterruptedException {
        return samples(httpPort, sample + " ").getOrDefault(sample, -1.0);
    }

    /** Scrapes tried while the server answers 503 (its REST port full), a second apart. */
    private static final int SCRAPE_TRIES = 30;

    /**
     * Every sample of one scrape whose line starts with {@code prefix}: name and labels, as the
     * scrape writes them, to value.
     */
    static Map<String, Double> samples(int httpPort, String prefix) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/prometheus"))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> scrape = client.send(request, HttpResponse.BodyHandlers.ofString());
        // A REST port full of the ERP's requests answers 503 with Retry-After as the connection opens
        // (RestConnectionLimit); a scraper tries again, as Prometheus does at its next scrape.
        for (int tries = 1; scrape.statusCode() == 503 && tries < SCRAPE_TRIES; tries++) {
            Thread.sleep(1_000);
            scrape = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (scrape.statusCode() != 200) {
            throw new IOException("GET /prometheus answered " + scrape.statusCode() + " (expected: 200)");
        }
        Map<String, Double> samples = new TreeMap<>();
        for (String line : scrape.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith(prefix) && space > 0) {
                samples.put(
                        line.substring(0, space),
                        Double.parseDouble(line.substring(space + 1).strip()));
            }
        }
        return samples;
    }
}
