package dev.agentry.catalog.pricing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code tenant_price_list} (Panache). The generated {@code validity} range is not mapped: the
 * database derives it and its exclusion constraint refuses overlapping lists.
 */
@Entity
@Table(name = "tenant_price_list")
public class PriceListEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "currency", nullable = false)
    public String currency;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_to")
    public Instant validTo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    PriceList view() {
        return new PriceList(id, channelId, channelId == null, code, currency, validFrom, validTo, createdAt);
    }
}
