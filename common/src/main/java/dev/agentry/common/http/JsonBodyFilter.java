package dev.agentry.common.http;

import dev.agentry.common.error.ServiceException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every endpoint reads JSON unless it declares otherwise ({@code @Consumes}): a body sent as
 * anything else ({@code text/plain}, a form, no content type at all) is 415 problem+json before it
 * is parsed, rather than read as JSON anyway or turned into a confusing 400.
 */
public class JsonBodyFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter(priority = FilterPriorities.MEDIA_TYPE)
    public void requireJson(ContainerRequestContext request, ResourceInfo resource) {
        if (!WITH_BODY.contains(request.getMethod()) || !request.hasEntity() || declaresConsumes(resource)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !isJson(type)) {
            throw new ServiceException(415, "unsupported-media-type", "Unsupported Media Type",
                    "the body must be application/json, was " + (type == null ? "sent without a Content-Type" : type),
                    List.of());
        }
    }

    static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    private static boolean declaresConsumes(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        return resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                || resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(Consumes.class);
    }
}
