package dev.agentry.common.http;

import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code 201 Created} with a {@code Location} and the created resource as the body. */
public final class Created {

    private Created() {
    }

    public static <T> RestResponse<T> at(String location, T entity) {
        return RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(entity).build();
    }
}
