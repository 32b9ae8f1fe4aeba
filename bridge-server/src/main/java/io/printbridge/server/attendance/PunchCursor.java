package io.printbridge.server.attendance;

import io.printbridge.server.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The reading position in a store's punches: after the punch with this id. Opaque to the ERP (so
 * it can change), stable (ids only grow: a punch stored later, even one punched days ago, comes
 * after every cursor handed out before it).
 */
final class PunchCursor {

    private static final String PREFIX = "p1:";

    private PunchCursor() {}

    static String of(long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id {@code cursor} stands for; 0 (from the first punch) when absent. */
    static long read(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long id = Long.parseLong(text.substring(PREFIX.length()));
                if (id >= 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.badRequest("after: \"" + cursor + "\" (expected: the `next` of an earlier page, as it was)");
    }
}
