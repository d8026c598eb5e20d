package dev.agentry.catalog.grpc;

import dev.agentry.api.catalog.v1.FaqSearchReply;
import dev.agentry.api.catalog.v1.FaqSearchRequest;
import dev.agentry.catalog.faq.FaqHit;
import dev.agentry.catalog.faq.FaqSearch;
import dev.agentry.catalog.faq.FaqSearchResult;
import dev.agentry.common.grpc.GrpcValues;

/** {@code FaqSearchRequest} to the REST body's {@link FaqSearch}, and the result back; the bot id is the caller's. */
final class FaqSearchMessages {

    private FaqSearchMessages() {
    }

    static FaqSearch search(FaqSearchRequest r) {
        return new FaqSearch(GrpcValues.text(r.getQuery()), GrpcValues.vector(r.getEmbeddingList()), GrpcValues.text(r.getEmbeddingModel()),
                GrpcValues.text(r.getCategory()), GrpcValues.strategy(r.getStrategyValue()),
                r.hasMinSimilarity() ? r.getMinSimilarity() : null, r.hasLimit() ? r.getLimit() : null);
    }

    static FaqSearchReply reply(FaqSearchResult result) {
        FaqSearchReply.Builder reply = FaqSearchReply.newBuilder()
                .setStrategyValue(GrpcValues.strategyNumber(result.strategy()))
                .setEmbeddingModel(GrpcValues.wire(result.embeddingModel()));
        for (FaqHit hit : result.hits()) {
            reply.addHits(hit(hit));
        }
        return reply.build();
    }

    private static dev.agentry.api.catalog.v1.FaqHit hit(FaqHit hit) {
        return dev.agentry.api.catalog.v1.FaqHit.newBuilder()
                .setId(hit.id().toString())
                .setBotId(GrpcValues.wire(hit.botId()))
                .setDomainId(GrpcValues.wire(hit.domainId()))
                .setOfferingId(GrpcValues.wire(hit.offeringId()))
                .setQuestion(hit.question())
                .setAnswer(hit.answer())
                .setCategory(GrpcValues.wire(hit.category()))
                .setPriority(hit.priority())
                .setVectorSimilarity(hit.vectorSimilarity())
                .build();
    }
}
