/** Pictures of receipts as they will come out of the printer, for the ERP's print preview. */
@NullMarked
package io.printbridge.core.preview;

import org.jspecify.annotations.NullMarked;
