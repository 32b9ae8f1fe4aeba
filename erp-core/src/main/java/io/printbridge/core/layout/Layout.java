package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A receipt as blocks from top to bottom, sized for one paper width. */
public record Layout(PaperProfile paper, List<Block> blocks) {

    public Layout {
        requireNonNull(paper, "paper");
        blocks = List.copyOf(requireNonNull(blocks, "blocks"));
    }

    public static Builder builder(PaperProfile paper) {
        return new Builder(paper);
    }

    /** Collects blocks in printing order. */
    public static final class Builder {
        private final PaperProfile paper;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(PaperProfile paper) {
            this.paper = requireNonNull(paper, "paper");
        }

        public PaperProfile paper() {
            return paper;
        }

        public Builder add(Block block) {
            blocks.add(requireNonNull(block, "block"));
            return this;
        }

        public Builder text(String text, Alignment alignment, TextStyle style, Direction direction) {
            return add(new TextBlock(text, alignment, style, direction));
        }

        public Builder row(Direction direction, TextStyle style, Cell... cells) {
            return add(new RowBlock(List.of(cells), style, direction));
        }

        public Builder row(Direction direction, TextStyle style, int gap, Cell... cells) {
            return add(new RowBlock(List.of(cells), style, direction, gap));
        }

        public Builder rule(char character) {
            return add(new RuleBlock(character));
        }

        public Builder qr(String data, int moduleSize, QrErrorCorrection errorCorrection) {
            return add(new QrBlock(data, moduleSize, errorCorrection));
        }

        public Builder image(BufferedImage image, int maxWidthDots, Alignment alignment) {
            return add(new ImageBlock(image, maxWidthDots, alignment));
        }

        public Builder feed(int lines) {
            return add(new FeedBlock(lines));
        }

        public Layout build() {
            return new Layout(paper, blocks);
        }
    }
}
