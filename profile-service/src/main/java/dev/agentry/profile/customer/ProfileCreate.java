package dev.agentry.profile.customer;

import dev.agentry.profile.fieldvalue.FieldWrite;
import dev.agentry.profile.identity.IdentityCreate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /v1/profiles}: a profile with, optionally, its first identities and
 * field values, written in one transaction (a duplicate identity writes nothing).
 */
public record ProfileCreate(
        @Size(max = 255) @Pattern(regexp = ProfileCreate.NOT_BLANK, message = "must not be blank") String externalId,
        @Size(max = 20) List<@NotNull @Valid IdentityCreate> identities,
        @Size(max = 50) List<@NotNull @Valid FieldWrite> fields) {

    static final String NOT_BLANK = "^(?s).*\\S.*$";

    public List<IdentityCreate> identitiesOrEmpty() {
        return identities == null ? List.of() : identities;
    }

    public List<FieldWrite> fieldsOrEmpty() {
        return fields == null ? List.of() : fields;
    }
}
