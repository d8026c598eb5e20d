package dev.agentry.catalog.inventory;

import dev.agentry.common.error.FieldError;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI shape of the 409 {@code insufficient-stock} answer of reserve and adjust (documentation
 * only: the service writes it as common's Problem with the extension member {@code available}).
 */
@Schema(name = "InsufficientStockProblem", description = "An RFC 9457 problem document (application/problem+json) for a "
        + "reservation or a removal that the stock cannot cover; nothing was taken. Beside the standard members it carries the "
        + "extension member available")
public record InsufficientStockProblem(
        @Schema(description = "https://agentry.dev/problems/insufficient-stock", required = true) String type,
        @Schema(required = true) String title,
        @Schema(description = "409", required = true) int status,
        @Schema(description = "What was asked and what is there, in words") String detail,
        @Schema(description = "One error naming quantity (reserve) or delta (adjust)") List<FieldError> errors,
        @Schema(description = "How many units could be taken now: for reserve, the units above safety stock at the location, "
                + "or in total without one; for adjust, the stock at the location", required = true) int available) {
}
