package dev.agentry.common.http;

import dev.agentry.common.error.ValidationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query and path parameters of enum type read the same lower-case spelling as JSON bodies
 * ({@code ?status=active}), and an unknown value is a 400 naming the parameter, not the 404 that
 * JAX-RS answers by default when a parameter does not convert.
 */
@Provider
public class EnumParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum()) {
            return null;
        }
        String name = ParamNames.of(annotations);
        return (ParamConverter<T>) new ParamConverter<Enum>() {
            @Override
            public Enum fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return Enum.valueOf((Class) rawType, value.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ValidationException(name, "must be one of " + Arrays.stream(rawType.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT)).toList());
                }
            }

            @Override
            public String toString(Enum value) {
                return value == null ? null : value.name().toLowerCase(Locale.ROOT);
            }
        };
    }
}
