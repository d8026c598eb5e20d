package dev.agentry.common.http;

import dev.agentry.common.error.ValidationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Time-point query parameters ({@code ?as_of=2025-03-01T00:00:00Z}) read ISO-8601 with an offset,
 * and a malformed one is a 400 naming the parameter rather than the 404 JAX-RS answers by default.
 */
@Provider
public class InstantParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Instant.class) {
            return null;
        }
        String name = ParamNames.of(annotations);
        return (ParamConverter<T>) new ParamConverter<Instant>() {
            @Override
            public Instant fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return OffsetDateTime.parse(value.strip()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new ValidationException(name, "must be an ISO-8601 time with an offset, e.g. 2025-03-01T00:00:00Z");
                }
            }

            @Override
            public String toString(Instant value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
