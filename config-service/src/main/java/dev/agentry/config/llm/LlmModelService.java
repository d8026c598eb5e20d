package dev.agentry.config.llm;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The platform's LLM model registry: read by everyone, written by platform admins. */
@ApplicationScoped
public class LlmModelService {

    @Inject
    TenantTransactions tx;

    @Inject
    LlmModelStore store;

    public Uni<LlmModel> create(LlmModelCreate create) {
        List<FieldError> errors = new ArrayList<>();
        if (create.costPer1kInputTokens() == null) {
            errors.add(new FieldError("cost_per_1k_input_tokens", "must not be null"));
        }
        if (create.costPer1kOutputTokens() == null) {
            errors.add(new FieldError("cost_per_1k_output_tokens", "must not be null"));
        }
        checkCosts(create.costPer1kInputTokens(), create.costPer1kOutputTokens(), errors);
        return tx.asPlatform(conn -> store.insert(conn, Ids.newId(), create));
    }

    public Uni<LlmModel> get(UUID id) {
        return tx.withoutTenant(conn -> store.find(conn, id)).map(found -> found.orElseThrow(() -> NotFoundException.of("LLM model", id)));
    }

    public Uni<Page<LlmModel>> list(String provider, Boolean enabled, PageRequest page) {
        return tx.withoutTenant(conn -> store.list(conn, provider, enabled, page)).map(rows -> Page.of(rows, page, LlmModel::id));
    }

    public Uni<LlmModel> update(UUID id, LlmModelUpdate update) {
        checkCosts(update.costPer1kInputTokens(), update.costPer1kOutputTokens(), new ArrayList<>());
        return tx.asPlatform(conn -> store.update(conn, id, update)).map(found -> found.orElseThrow(() -> NotFoundException.of("LLM model", id)));
    }

    public Uni<Void> delete(UUID id) {
        return tx.asPlatform(conn -> store.delete(conn, id)).invoke(deleted -> {
            if (!deleted) {
                throw NotFoundException.of("LLM model", id);
            }
        }).replaceWithVoid();
    }

    private static void checkCosts(Double in, Double out, List<FieldError> errors) {
        if (in != null && !(in >= 0 && in < 1_000_000)) {
            errors.add(new FieldError("cost_per_1k_input_tokens", "must be 0 or more (and below 1,000,000)"));
        }
        if (out != null && !(out >= 0 && out < 1_000_000)) {
            errors.add(new FieldError("cost_per_1k_output_tokens", "must be 0 or more (and below 1,000,000)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
