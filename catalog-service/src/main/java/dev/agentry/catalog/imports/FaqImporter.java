package dev.agentry.catalog.imports;

import dev.agentry.catalog.faq.FaqService;
import dev.agentry.catalog.faq.FaqWrite;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ServiceException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Applies one FAQ row through {@link FaqService} (its link checks, the question embedded, the
 * semantic cache's entries built from it dropped on change): the entry of the row's bot (or the
 * bot-less FAQ) with exactly the row's question is created when missing and replaced when any
 * column differs; an unchanged entry is left, so importing the same file again changes nothing.
 */
@ApplicationScoped
public class FaqImporter {

    @Inject
    TenantTransactions tx;

    @Inject
    ImportJobStore store;

    @Inject
    FaqService faq;

    Uni<List<ImportRowError>> apply(UUID tenant, int row, FaqRow r) {
        return tx.inTenant(tenant, conn -> store.refs(conn, tenant, r.botCode(), r.domainCode(), r.offeringCode()).chain(refs -> {
            List<ImportRowError> errors = new ArrayList<>();
            if (r.botCode() != null && refs.botId() == null) {
                errors.add(new ImportRowError(row, "bot_code", "is not a bot of this tenant"));
            }
            if (r.domainCode() != null && refs.domainId() == null) {
                errors.add(new ImportRowError(row, "domain_code", "is not a knowledge domain"));
            }
            if (r.offeringCode() != null && refs.offeringId() == null) {
                errors.add(new ImportRowError(row, "offering_code", "is not a live offering of this tenant"));
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().item(new Step(errors, null, null));
            }
            return store.faqByQuestion(conn, tenant, refs.botId(), r.question())
                    .map(existing -> new Step(List.of(), refs, existing.orElse(null)));
        })).chain(step -> {
            if (!step.errors().isEmpty()) {
                return Uni.createFrom().item(step.errors());
            }
            ImportJobStore.Refs refs = step.refs();
            FaqWrite write = new FaqWrite(refs.botId(), refs.domainId(), refs.offeringId(), r.question(), r.answer(), r.category(),
                    r.priority(), r.active());
            ImportJobStore.FaqState now = step.existing();
            if (now == null) {
                return refused(faq.create(tenant, write).replaceWith(List.<ImportRowError> of()), row);
            }
            boolean same = now.answer().equals(r.answer()) && Objects.equals(now.category(), r.category())
                    && Objects.equals(now.domainId(), refs.domainId()) && Objects.equals(now.offeringId(), refs.offeringId())
                    && now.priority() == r.priority() && now.active() == r.active();
            return same ? Uni.createFrom().item(List.<ImportRowError> of())
                    : refused(faq.update(tenant, now.id(), write).replaceWith(List.<ImportRowError> of()), row);
        });
    }

    private record Step(List<ImportRowError> errors, ImportJobStore.Refs refs, ImportJobStore.FaqState existing) {
    }

    private static Uni<List<ImportRowError>> refused(Uni<List<ImportRowError>> call, int row) {
        return call.onFailure(f -> f instanceof ServiceException e && e.status() < 500).recoverWithItem(f -> {
            ServiceException e = (ServiceException) f;
            List<FieldError> fields = e.errors() == null || e.errors().isEmpty() ? List.of(new FieldError("$", e.getMessage())) : e.errors();
            return fields.stream().map(fe -> new ImportRowError(row, column(fe.field()), fe.message())).toList();
        });
    }

    private static String column(String field) {
        return switch (field) {
            case "bot_id" -> "bot_code";
            case "domain_id" -> "domain_code";
            case "offering_id" -> "offering_code";
            default -> field;
        };
    }
}
