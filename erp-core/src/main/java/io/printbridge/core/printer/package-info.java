/**
 * What one printer will print, line by line: printer profiles (paper, code-page numbering,
 * Arabic and QR support), the code-page table, and the typesetter that turns a device-neutral
 * layout into lines each printable as code-page text, a raster or a native QR code. The ESC/POS
 * encoder and the preview both draw from these lines.
 */
@NullMarked
package io.printbridge.core.printer;

import org.jspecify.annotations.NullMarked;
