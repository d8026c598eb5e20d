package dev.agentry.common.http;

import jakarta.enterprise.inject.Instance;
import java.util.function.Supplier;

/**
 * A bean a request filter resolves at its first request and keeps. Filters are built at static
 * init, before runtime configuration, so they inject {@code Instance<T>}; but a configuration
 * mapping is {@code @Dependent}, and {@code Instance.get()} builds a new one on every call (a
 * profile of profile-service's resolve found that on every request).
 */
public final class FirstUse<T> implements Supplier<T> {

    private final Supplier<Instance<T>> source;
    private volatile T value;

    private FirstUse(Supplier<Instance<T>> source) {
        this.source = source;
    }

    /** {@code source} is read at the first {@link #get()}, after injection: pass {@code () -> field}. */
    public static <T> FirstUse<T> of(Supplier<Instance<T>> source) {
        return new FirstUse<>(source);
    }

    @Override
    public T get() {
        T known = value;
        if (known == null) {
            known = source.get().get();
            value = known;
        }
        return known;
    }
}
