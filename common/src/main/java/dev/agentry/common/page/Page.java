package dev.agentry.common.page;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** One page of a list answer: the items and, when there are more, the cursor of the next page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Cuts the {@link PageRequest#fetchSize()} rows a store read down to the page, and derives the
     * next cursor from the last item kept.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, UUID> idOf) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, PageRequest.encode(idOf.apply(items.get(items.size() - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
