package dev.agentry.conversation.session;

import dev.agentry.common.error.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A version conflict answers problem+json like every error, plus {@code current_version} in the body
 * and the current version as the {@code ETag}, so a client can retry without another read.
 */
public class SessionProblems {

    @ServerExceptionMapper
    public Response versionConflict(VersionConflictException e, UriInfo uri) {
        Problem p = Problem.of(409, e.code(), e.title(), e.getMessage(), uri == null ? null : uri.getPath(), e.errors());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", p.instance());
        body.put("errors", p.errors());
        body.put("current_version", e.currentVersion());
        return Response.status(409).type(Problem.MEDIA_TYPE).header("ETag", SessionService.etag(e.currentVersion()))
                .entity(body).build();
    }
}
