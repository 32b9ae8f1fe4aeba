package io.printbridge.server.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's script and stylesheet, from the jar (nothing from the internet, no Node in the
 * build). Only the files named here are served: a name is never a path.
 */
@Controller("/dashboard/assets")
final class AssetsController {

    private static final Map<String, String> TYPES =
            Map.of("dashboard.js", "text/javascript;charset=utf-8", "dashboard.css", "text/css;charset=utf-8");

    private final Map<String, byte[]> assets;

    AssetsController() {
        this.assets = Map.of("dashboard.js", read("dashboard.js"), "dashboard.css", read("dashboard.css"));
    }

    @Get("/{name}")
    HttpResponse<byte[]> asset(@PathVariable String name) {
        byte[] body = assets.get(name);
        if (body == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(body).contentType(TYPES.get(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = AssetsController.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dashboard/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
