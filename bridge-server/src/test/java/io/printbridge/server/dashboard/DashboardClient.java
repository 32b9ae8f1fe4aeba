package io.printbridge.server.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: logs in, keeps the session cookie and the page's CSRF token. Public
 * for the store list benchmark, which times the fleet page.
 */
public final class DashboardClient {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int port;
    private String cookie = "";
    private String csrf = "";

    public DashboardClient(int port) {
        this.port = port;
    }

    /** Posts the login form; on success keeps the cookie and reads the token from the fleet page. */
    public HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/dashboard/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("user", user, "password", password)))));
        response.headers().firstValue("Set-Cookie").ifPresent(header -> cookie = header.split(";", 2)[0]);
        if (response.statusCode() == 303) {
            Matcher m = CSRF.matcher(get("/dashboard").body());
            if (m.find()) {
                csrf = m.group(1);
            }
        }
        return response;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET());
    }

    /** A form POST with the session's CSRF token, as the page's script sends it. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return postWith(path, fields, csrf);
    }

    HttpResponse<String> postWith(String path, Map<String, String> fields, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (!token.isEmpty()) {
            request.header("X-CSRF-Token", token);
        }
        return send(request);
    }

    String cookie() {
        return cookie;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
