package dev.agentry.memory.knowledge.document;

import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import dev.agentry.memory.knowledge.chunk.Chunk;
import dev.agentry.memory.knowledge.text.FileType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documents of a collection. A document is sent as JSON ({@code title}, {@code content}, ...) or as
 * its bare text ({@code text/plain}, {@code text/markdown}, {@code text/csv}) with {@code title}
 * and {@code filename} query parameters. Upload answers 201 with the indexed document, or 200 with
 * the existing one when the collection already holds the same text; replacement (PUT) versions it.
 */
@Path("/v1/collections/{collection_id}/documents")
@Tag(name = "Knowledge")
public class DocumentResource {

    static final String TEXT_TYPES_PLAIN = "text/plain";
    static final String TEXT_TYPES_MARKDOWN = "text/markdown";
    static final String TEXT_TYPES_CSV = "text/csv";

    @Inject
    DocumentService documents;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "200", description = "It existed already: the existing one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<DocumentIndexing>> upload(@PathParam("collection_id") UUID collection,
            @NotNull @Valid DocumentUpload body) {
        return documents.upload(collection, incoming(body)).map(DocumentResource::answer);
    }

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "200", description = "It existed already: the existing one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @POST
    @Consumes({ TEXT_TYPES_PLAIN, TEXT_TYPES_MARKDOWN, TEXT_TYPES_CSV, "text/x-markdown" })
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<DocumentIndexing>> uploadText(@PathParam("collection_id") UUID collection,
            @QueryParam("title") @Size(min = 1, max = 500) String title,
            @QueryParam("filename") @Size(min = 1, max = 255) String filename,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return documents.upload(collection, new DocumentService.Incoming(title, filename, FileType.ofMediaType(contentType),
                body, null, null)).map(DocumentResource::answer);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<DocumentIndexing> replace(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id,
            @NotNull @Valid DocumentUpload body) {
        return documents.replace(collection, id, incoming(body));
    }

    @PUT
    @Path("/{id}")
    @Consumes({ TEXT_TYPES_PLAIN, TEXT_TYPES_MARKDOWN, TEXT_TYPES_CSV, "text/x-markdown" })
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<DocumentIndexing> replaceText(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id,
            @QueryParam("title") @Size(min = 1, max = 500) String title,
            @QueryParam("filename") @Size(min = 1, max = 255) String filename,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return documents.replace(collection, id, new DocumentService.Incoming(title, filename, FileType.ofMediaType(contentType),
                body, null, null));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Document>> list(@PathParam("collection_id") UUID collection, @QueryParam("status") DocumentStatus status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return documents.list(collection, status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Document> get(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id) {
        return documents.get(collection, id);
    }

    /** The document's chunks; {@code include_archived} adds those of older versions. */
    @GET
    @Path("/{id}/chunks")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Chunk>> chunks(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id,
            @QueryParam("include_archived") boolean includeArchived, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return documents.chunks(collection, id, includeArchived, PageRequest.of(limit, cursor));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id) {
        return documents.delete(collection, id).map(v -> RestResponse.noContent());
    }

    private static DocumentService.Incoming incoming(DocumentUpload body) {
        return new DocumentService.Incoming(body.title(), body.filename(), body.fileType(), body.content(), body.storagePath(),
                body.metadata());
    }

    private static RestResponse<DocumentIndexing> answer(DocumentIndexing result) {
        if (result.unchanged()) {
            return RestResponse.ok(result);
        }
        Document d = result.document();
        return RestResponse.ResponseBuilder.<DocumentIndexing> created(
                URI.create("/v1/collections/" + d.collectionId() + "/documents/" + d.id())).entity(result).build();
    }
}
