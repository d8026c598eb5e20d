package dev.agentry.catalog.pricing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The benchmark's door to the service's own price-resolution statements (compiled into the package
 * of {@link PriceStore} by bench/catalog/run.sh): the three statements {@code PricingService.resolve}
 * sends (the variant exists, the channel by code, the price), through the same {@link PriceStore}
 * methods, so that the baseline runs exactly the service's SQL.
 */
public final class BenchPrices {

    private static final PriceStore STORE = new PriceStore();

    private BenchPrices() {
    }

    /** The price (its amount as text, and the source), or empty: what the service answers 200 or 404 with. */
    public static Uni<Optional<String>> resolve(SqlConnection conn, UUID tenant, UUID variant, String channel, String currency,
            Instant at) {
        return STORE.variantExists(conn, tenant, variant).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().item(Optional.<String> empty());
            }
            return STORE.channelId(conn, tenant, channel).chain(channelId -> STORE.resolve(conn, tenant, variant,
                    channelId.orElse(null), currency, at)).map(p -> p.map(x -> x.amount().toPlainString() + " " + x.source()));
        });
    }
}
