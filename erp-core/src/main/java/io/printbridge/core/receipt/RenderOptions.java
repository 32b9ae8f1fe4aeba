package io.printbridge.core.receipt;

import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/**
 * Choices the caller makes per print job.
 *
 * @param openDrawer whether to pulse the cash drawer ({@code ESC p}) before the cut; the server
 *                   sets it for cash sales at a till with a drawer
 * @param logo       printed centred above the header, dithered; not copied, do not change it
 */
public record RenderOptions(boolean openDrawer, @Nullable BufferedImage logo) {

    private static final RenderOptions DEFAULTS = new RenderOptions(false, null);

    /** No drawer pulse, no logo. */
    public static RenderOptions defaults() {
        return DEFAULTS;
    }

    public RenderOptions withOpenDrawer(boolean openDrawer) {
        return new RenderOptions(openDrawer, logo);
    }

    public RenderOptions withLogo(@Nullable BufferedImage logo) {
        return new RenderOptions(openDrawer, logo);
    }
}
