package io.printbridge.core.receipt;

import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/**
 * Choices the caller makes per print job.
 *
 * @param openDrawer whether to pulse the cash drawer ({@code ESC p}, pin 2) before the cut, for a
 *                   caller that sends the bytes straight to a printer; the bridge server never
 *                   sets it: its agents open the drawer after the receipt as their own action,
 *                   with the till's pin and a deadline of its own
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
