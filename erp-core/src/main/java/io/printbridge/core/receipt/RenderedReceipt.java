package io.printbridge.core.receipt;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.preview.PngPreviewRenderer;
import io.printbridge.core.printer.PrintLine;
import java.awt.image.BufferedImage;
import java.util.List;

/** One receipt, rendered for one printer: its ESC/POS job and, from the same lines, its preview. */
public final class RenderedReceipt {

    private final byte[] escPos;
    private final List<PrintLine> lines;
    private final PaperProfile paper;

    RenderedReceipt(byte[] escPos, List<PrintLine> lines, PaperProfile paper) {
        this.escPos = requireNonNull(escPos, "escPos");
        this.lines = List.copyOf(lines);
        this.paper = requireNonNull(paper, "paper");
    }

    /** The bytes to send to the printer as they are (a copy). */
    public byte[] escPos() {
        return escPos.clone();
    }

    /** The typeset lines both the bytes and the preview come from. */
    public List<PrintLine> lines() {
        return lines;
    }

    /** The receipt as the paper will show it, one pixel per dot. */
    public BufferedImage previewImage() {
        return new PngPreviewRenderer(paper).render(lines);
    }

    /** {@link #previewImage()} as PNG bytes. */
    public byte[] previewPng() {
        return new PngPreviewRenderer(paper).png(lines);
    }
}
