package dev.agentry.catalog.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.catalog.v1.OfferingSearchReply;
import dev.agentry.api.catalog.v1.OfferingSearchRequest;
import dev.agentry.catalog.search.AttributeFilter;
import dev.agentry.catalog.search.OfferingHit;
import dev.agentry.catalog.search.OfferingSearch;
import dev.agentry.catalog.search.OfferingSearchResult;
import dev.agentry.catalog.search.PriceFilter;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.grpc.GrpcValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OfferingSearchRequest} to the REST body's {@link OfferingSearch}, and the result back. The
 * contract carries what JSON cannot say in proto3 as text: a filter's values as JSON (a number, a
 * string, a boolean), read with the REST layer's mapper so that they mean what they mean in a REST
 * body, and the price bounds as decimal strings (no precision lost to a double). A malformed one
 * is a 400 naming the field, as the REST body's would be.
 */
final class OfferingSearchMessages {

    private OfferingSearchMessages() {
    }

    static OfferingSearch search(OfferingSearchRequest r, ObjectMapper json) {
        return new OfferingSearch(GrpcValues.text(r.getQuery()), GrpcValues.vector(r.getEmbeddingList()),
                GrpcValues.text(r.getEmbeddingModel()), GrpcValues.mode(r.getModeValue()), GrpcValues.strategy(r.getStrategyValue()),
                GrpcValues.uuid("domain_id", r.getDomainId()), GrpcValues.text(r.getOfferingType()), filters(r.getFiltersList(), json),
                r.hasPrice() ? price(r.getPrice()) : null, r.hasInStock() ? r.getInStock() : null, r.hasLimit() ? r.getLimit() : null);
    }

    private static List<AttributeFilter> filters(List<dev.agentry.api.catalog.v1.AttributeFilter> filters, ObjectMapper json) {
        if (filters.isEmpty()) {
            return null;
        }
        List<AttributeFilter> out = new ArrayList<>(filters.size());
        for (int i = 0; i < filters.size(); i++) {
            dev.agentry.api.catalog.v1.AttributeFilter f = filters.get(i);
            String field = "filters[" + i + "]";
            List<Object> values = null;
            if (f.getValuesJsonCount() > 0) {
                values = new ArrayList<>(f.getValuesJsonCount());
                for (int j = 0; j < f.getValuesJsonCount(); j++) {
                    values.add(jsonValue(json, field + ".values[" + j + "]", f.getValuesJson(j)));
                }
            }
            Object value = f.getValueJson().isEmpty() ? null : jsonValue(json, field + ".value", f.getValueJson());
            out.add(new AttributeFilter(GrpcValues.text(f.getKey()), GrpcValues.text(f.getOp()), value, values));
        }
        return out;
    }

    private static Object jsonValue(ObjectMapper json, String field, String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new ValidationException(field, "must be one JSON value such as 2, \"white\" or true");
        }
    }

    private static PriceFilter price(dev.agentry.api.catalog.v1.PriceFilter p) {
        return new PriceFilter(GrpcValues.text(p.getChannel()), GrpcValues.text(p.getCurrency()), decimal("price.min", p.getMin()),
                decimal("price.max", p.getMax()));
    }

    private static BigDecimal decimal(String field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "must be a decimal number such as 5200000000 or 19.99");
        }
    }

    static OfferingSearchReply reply(OfferingSearchResult result) {
        OfferingSearchReply.Builder reply = OfferingSearchReply.newBuilder()
                .setModeValue(GrpcValues.modeNumber(result.mode()))
                .setStrategyValue(GrpcValues.strategyNumber(result.strategy()));
        for (OfferingHit hit : result.hits()) {
            reply.addHits(hit(hit));
        }
        return reply.build();
    }

    private static dev.agentry.api.catalog.v1.OfferingHit hit(OfferingHit hit) {
        dev.agentry.api.catalog.v1.OfferingHit.Builder out = dev.agentry.api.catalog.v1.OfferingHit.newBuilder()
                .setOfferingId(hit.offeringId().toString())
                .setVersionId(hit.versionId().toString())
                .setVersion(hit.version())
                .setCode(hit.code())
                .setOfferingType(hit.offeringType())
                .setDomainId(GrpcValues.wire(hit.domainId()))
                .setName(hit.name())
                .setDescription(GrpcValues.wire(hit.description()))
                .setScore(hit.score());
        // Optional parts: unset on the wire where REST answers null (not ranked that way, no match).
        if (hit.vectorSimilarity() != null) {
            out.setVectorSimilarity(hit.vectorSimilarity());
        }
        OfferingHit.ScoreParts parts = hit.scoreParts();
        if (parts != null) {
            if (parts.vectorRank() != null) {
                out.setVectorRank(parts.vectorRank());
            }
            if (parts.textRank() != null) {
                out.setTextRank(parts.textRank());
            }
            if (parts.textScore() != null) {
                out.setTextScore(parts.textScore());
            }
            if (parts.trigramSimilarity() != null) {
                out.setTrigramSimilarity(parts.trigramSimilarity());
            }
        }
        return out.build();
    }
}
