package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * Bytes already in ESC/POS, printed as they are.
 *
 * @param data the bytes, decoded from the body's base64 (never compared: a record's equals would
 *     only compare the arrays' identity)
 */
@Schema(
        name = "RawJob",
        description = "Bytes already in ESC/POS, printed as they are.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record RawJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = RawJob.TYPE)
        String type,
        // A size in decoded bytes has no JSON Schema keyword (maxLength counts base64 characters,
        // and padding makes that inexact): the extension gives the exact figure to programs.
        @Schema(
                requiredMode = RequiredMode.REQUIRED,
                format = "byte",
                minLength = 1,
                description = "The ESC/POS bytes in standard base64; at most 1 MiB (" + RawJob.MAX_DATA_BYTES
                        + " bytes) once decoded (413 beyond).",
                extensions =
                        @Extension(
                                properties =
                                        @ExtensionProperty(
                                                name = RawJob.MAX_DECODED_BYTES_EXTENSION,
                                                value = "" + RawJob.MAX_DATA_BYTES,
                                                parseValue = true)))
        byte[] data,

        @Schema(description = JobBody.OPEN_DRAWER) @Nullable Boolean openDrawer,

        @Schema(description = JobBody.PRINTER, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String printer,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements JobBody {

    public static final String TYPE = "raw";
    /** Decoded data above this is refused (413): a long receipt with a logo is well under 100 KiB. */
    public static final int MAX_DATA_BYTES = 1024 * 1024;
    /** The document's extension that carries {@link #MAX_DATA_BYTES}. */
    public static final String MAX_DECODED_BYTES_EXTENSION = "x-max-decoded-bytes";
}
