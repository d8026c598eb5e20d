package dev.agentry.memory.knowledge.document;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.error.ValidationException;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Documents of a collection. A text is sent as JSON ({@code title}, {@code content}, ...) or as its
 * bare text ({@code text/plain}, {@code text/markdown}, {@code text/csv}) with {@code title} and
 * {@code filename} query parameters: indexed in the request, 201. A file (PDF, DOCX, PPTX, XLSX,
 * HTML, EPUB, RTF, ODT, ...) is sent as {@code multipart/form-data} (part {@code file}, fields
 * {@code title}, {@code filename}, {@code metadata} as a JSON object) or as the raw body with its
 * Content-Type: its text is extracted in the request and it is indexed in the background, 202 with
 * the document pending. Either answers 200 with the existing document when the collection already
 * holds the same text; replacement (PUT, same forms) versions it.
 */
@Path("/v1/collections/{collection_id}/documents")
@Tag(name = "Knowledge")
public class DocumentResource {

    static final String TEXT_TYPES_PLAIN = "text/plain";
    static final String TEXT_TYPES_MARKDOWN = "text/markdown";
    static final String TEXT_TYPES_CSV = "text/csv";

    @Inject
    DocumentService documents;

    @Inject
    ObjectMapper json;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "200", description = "It existed already: the existing one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
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
    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
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

    @APIResponse(responseCode = "200", description = "It existed already: the existing one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<DocumentIndexing>> uploadForm(@PathParam("collection_id") UUID collection, @RestForm("file") FileUpload file,
            @RestForm("title") @Size(min = 1, max = 500) String title, @RestForm("filename") @Size(min = 1, max = 255) String filename,
            @RestForm("metadata") String metadata) {
        return documents.uploadFile(collection, incoming(file, title, filename, metadata)).map(DocumentResource::accepted);
    }

    /** A file as the raw body with its own Content-Type (application/pdf, text/html, ...): as the multipart form. */
    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<DocumentIndexing>> uploadRaw(@PathParam("collection_id") UUID collection,
            @QueryParam("title") @Size(min = 1, max = 500) String title,
            @QueryParam("filename") @Size(min = 1, max = 255) String filename,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, java.nio.file.Path body) {
        return Uni.createFrom().deferred(() -> documents.uploadFile(collection, incoming(body, contentType, title, filename)))
                .map(DocumentResource::accepted).eventually(() -> discard(body));
    }

    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "200", description = "Replaced in the request (a text), or unchanged: the same text again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<DocumentIndexing>> replaceForm(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id,
            @RestForm("file") FileUpload file, @RestForm("title") @Size(min = 1, max = 500) String title,
            @RestForm("filename") @Size(min = 1, max = 255) String filename, @RestForm("metadata") String metadata) {
        return documents.replaceFile(collection, id, incoming(file, title, filename, metadata)).map(DocumentResource::accepted);
    }

    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "200", description = "Replaced in the request (a text), or unchanged: the same text again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<DocumentIndexing>> replaceRaw(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id,
            @QueryParam("title") @Size(min = 1, max = 500) String title,
            @QueryParam("filename") @Size(min = 1, max = 255) String filename,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, java.nio.file.Path body) {
        return Uni.createFrom().deferred(() -> documents.replaceFile(collection, id, incoming(body, contentType, title, filename)))
                .map(DocumentResource::accepted).eventually(() -> discard(body));
    }

    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "200", description = "Replaced in the request (a text), or unchanged: the same text again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<DocumentIndexing> replace(@PathParam("collection_id") UUID collection, @PathParam("id") UUID id,
            @NotNull @Valid DocumentUpload body) {
        return documents.replace(collection, id, incoming(body));
    }

    @APIResponse(responseCode = "202", description = "A file: its text was extracted, the document is pending and indexed in the background",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
    @APIResponse(responseCode = "415", description = "A file type that is not indexed (or a body that is neither JSON nor a file)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "A file that is encrypted, unreadable or holds no text",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "200", description = "Replaced in the request (a text), or unchanged: the same text again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentIndexing.class)))
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

    private DocumentService.IncomingFile incoming(FileUpload file, String title, String filename, String metadata) {
        if (file == null || file.uploadedFile() == null) {
            throw new ValidationException("file", "is required: a multipart part named \"file\"");
        }
        String name = filename != null ? filename : file.fileName() == null || file.fileName().isBlank() ? null : file.fileName();
        if (name != null && name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        return new DocumentService.IncomingFile(file.uploadedFile(), file.size(), file.contentType(), name, title, metadata(metadata));
    }

    private static DocumentService.IncomingFile incoming(java.nio.file.Path body, String contentType, String title, String filename) {
        long size;
        try {
            size = body == null ? 0 : Files.size(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DocumentService.IncomingFile(body, size, contentType, filename, title, null);
    }

    private Map<String, Object> metadata(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> m = json.readValue(metadata, new TypeReference<Map<String, Object>>() {
            });
            return m;
        } catch (IOException e) {
            throw new ValidationException("metadata", "must be a JSON object");
        }
    }

    private static void discard(java.nio.file.Path body) {
        try {
            if (body != null) {
                Files.deleteIfExists(body);
            }
        } catch (IOException ignored) {
            // The temporary directory's own cleaning takes it.
        }
    }

    /** 202 with the pending document; 200 when the collection already holds the same text. */
    private static RestResponse<DocumentIndexing> accepted(DocumentIndexing result) {
        if (result.unchanged()) {
            return RestResponse.ok(result);
        }
        Document d = result.document();
        return RestResponse.ResponseBuilder.<DocumentIndexing> accepted(result)
                .location(URI.create("/v1/collections/" + d.collectionId() + "/documents/" + d.id())).build();
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
