package dev.agentry.catalog.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.catalog.v1.CatalogSearch;
import dev.agentry.api.catalog.v1.FaqSearchReply;
import dev.agentry.api.catalog.v1.FaqSearchRequest;
import dev.agentry.api.catalog.v1.OfferingSearchReply;
import dev.agentry.api.catalog.v1.OfferingSearchRequest;
import dev.agentry.catalog.faq.FaqService;
import dev.agentry.catalog.search.SearchService;
import dev.agentry.common.grpc.GrpcCalls;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.common.tenant.Roles;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * {@code agentry.catalog.v1.CatalogSearch} (catalog-api): the offering search of {@code POST
 * /v1/offerings/search} and the FAQ search of {@code POST /v1/bots/{id}/faq/search} over gRPC,
 * through the same {@link SearchService} and {@link FaqService}, with the same roles. Only the
 * mapping between messages and records lives here ({@link OfferingSearchMessages},
 * {@link FaqSearchMessages}); it runs inside {@link GrpcCalls#asTenant}, so a malformed field fails
 * the call as a 400 would, after the token and the daily limit were checked as for REST.
 */
@GrpcService
public class CatalogSearchGrpcService implements CatalogSearch {

    @Inject
    GrpcCalls calls;

    @Inject
    SearchService search;

    @Inject
    FaqService faq;

    // The REST layer's mapper: a filter's JSON value reads exactly as it would in a REST body.
    @Inject
    ObjectMapper json;

    @Override
    @RolesAllowed(Roles.VIEWER)
    public Uni<OfferingSearchReply> searchOfferings(OfferingSearchRequest request) {
        return calls.asTenant(() -> search.search(calls.valid(OfferingSearchMessages.search(request, json))))
                .map(OfferingSearchMessages::reply);
    }

    @Override
    @RolesAllowed(Roles.VIEWER)
    public Uni<FaqSearchReply> searchFaq(FaqSearchRequest request) {
        return calls.asTenant(() -> faq.search(GrpcValues.requiredUuid("bot_id", request.getBotId()),
                calls.valid(FaqSearchMessages.search(request))))
                .map(FaqSearchMessages::reply);
    }
}
