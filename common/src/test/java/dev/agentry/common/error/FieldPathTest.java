package dev.agentry.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ProblemExceptionMappers#fieldOf} on paths built by a real Hibernate Validator, and
 * {@link ProblemExceptionMappers#jsonPath} on Jackson reference chains: the {@code field} a caller
 * sees in a 400 must be the JSON path of the value at fault.
 */
class FieldPathTest {

    // Test-only request shapes, written like the services' DTOs (records with constraints).
    record Limits(@NotNull @Min(0) @Max(1_000) Integer maxAgents, @NotNull @Min(0) Long maxMonthlyTokens) {
    }

    record LineItem(@NotBlank String sku, @Positive Integer unitPrice) {
    }

    record TenantBody(@NotBlank @Size(max = 20) String displayName, @NotNull @Valid Limits limits,
            List<@Valid LineItem> items, List<@NotBlank String> tags, Map<String, @NotBlank String> labels) {
    }

    /** A resource-like class: a body parameter plus query and path parameters. */
    static class TenantResource {
        public void create(@NotNull @Valid TenantBody body) {
        }

        public void update(@NotNull UUID id, @NotNull @Valid TenantBody body) {
        }

        public void list(@Min(1) @Max(200) Integer limit, @Size(max = 30) String cursor) {
        }

        public void tagged(List<@NotBlank String> tag) {
        }
    }

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        try {
            factory = Validation.buildDefaultValidatorFactory();
        } catch (jakarta.validation.ValidationException noExpressionLanguage) {
            factory = Validation.byDefaultProvider().configure()
                    .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        }
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static TenantBody valid() {
        return new TenantBody("Acme", new Limits(10, 1_000L), List.of(new LineItem("a", 1)), List.of("x"),
                Map.of("k", "v"));
    }

    private static Set<String> fields(Set<? extends ConstraintViolation<?>> violations) {
        Set<String> out = new TreeSet<>();
        for (ConstraintViolation<?> v : violations) {
            out.add(ProblemExceptionMappers.fieldOf(v.getPropertyPath()));
        }
        return out;
    }

    private static Set<String> bodyFields(String method, TenantBody body) throws NoSuchMethodException {
        Method m = TenantResource.class.getMethod(method, TenantBody.class);
        return fields(validator.forExecutables().validateParameters(new TenantResource(), m, new Object[] {body}));
    }

    @Test
    void validBodyHasNoViolations() throws Exception {
        assertEquals(Set.of(), fields(validator.validate(valid())));
        assertEquals(Set.of(), bodyFields("create", valid()));
    }

    @Test
    void nestedRecordPropertyBecomesSnakeCaseJsonPath() {
        TenantBody body = new TenantBody("Acme", new Limits(-1, 5L), List.of(), List.of(), Map.of());
        assertEquals(Set.of("limits.max_agents"), fields(validator.validate(body)));
    }

    @Test
    void everyInvalidPropertyIsNamed() {
        TenantBody body = new TenantBody(" ", new Limits(5_000, null), List.of(), List.of(), Map.of());
        assertEquals(Set.of("display_name", "limits.max_agents", "limits.max_monthly_tokens"),
                fields(validator.validate(body)));
    }

    @Test
    void bodyParameterPathDropsMethodAndParameterNames() throws Exception {
        TenantBody body = new TenantBody("Acme", new Limits(-1, 5L), List.of(), List.of(), Map.of());
        Method create = TenantResource.class.getMethod("create", TenantBody.class);
        Set<ConstraintViolation<TenantResource>> violations = validator.forExecutables()
                .validateParameters(new TenantResource(), create, new Object[] {body});
        assertEquals(1, violations.size());
        // Prove the raw path really carries the method and the parameter, so that fieldOf drops them.
        assertEquals("create.body.limits.maxAgents", violations.iterator().next().getPropertyPath().toString());
        assertEquals(Set.of("limits.max_agents"), fields(violations));
    }

    @Test
    void bodyBesidePathParameterStillDropsTheBodyName() throws Exception {
        TenantBody body = new TenantBody("this display name is far too long", new Limits(1, 1L), List.of(),
                List.of(), Map.of());
        Method update = TenantResource.class.getMethod("update", UUID.class, TenantBody.class);
        Set<ConstraintViolation<TenantResource>> violations = validator.forExecutables()
                .validateParameters(new TenantResource(), update, new Object[] {null, body});
        assertEquals(Set.of("display_name", "id"), fields(violations));
    }

    @Test
    void queryParametersKeepTheirNames() throws Exception {
        Method list = TenantResource.class.getMethod("list", Integer.class, String.class);
        Set<ConstraintViolation<TenantResource>> violations = validator.forExecutables()
                .validateParameters(new TenantResource(), list, new Object[] {500, "x".repeat(31)});
        assertEquals(Set.of("cursor", "limit"), fields(violations));
    }

    @Test
    void missingBodyIsNamedByItsParameter() throws Exception {
        // The whole body is absent: there is no property to name, so the parameter stands.
        assertEquals(Set.of("body"), bodyFields("create", null));
    }

    // In a Bean Validation path the index (or key) of an iterable node says where that node sits in
    // the PREVIOUS node's container: items[2].unitPrice is PROPERTY items, then PROPERTY unitPrice
    // {index=2, inIterable}; tags[1].<list element> is PROPERTY tags, then CONTAINER_ELEMENT {index=1}.

    @Test
    void cascadedListElementPropertyIsItemsIndexThenProperty() throws Exception {
        TenantBody body = new TenantBody("Acme", new Limits(1, 1L),
                List.of(new LineItem("a", 1), new LineItem("b", 2), new LineItem("c", -3)), List.of(), Map.of());
        assertEquals(Set.of("items[2].unit_price"), fields(validator.validate(body)));
        assertEquals(Set.of("items[2].unit_price"), bodyFields("create", body));
    }

    @Test
    void containerElementConstraintNamesTheElement() throws Exception {
        TenantBody body = new TenantBody("Acme", new Limits(1, 1L), List.of(), List.of("ok", ""), Map.of());
        assertEquals(Set.of("tags[1]"), fields(validator.validate(body)));
        assertEquals(Set.of("tags[1]"), bodyFields("create", body));
    }

    @Test
    void mapValueConstraintNamesTheKey() {
        TenantBody body = new TenantBody("Acme", new Limits(1, 1L), List.of(), List.of(), Map.of("team", " "));
        assertEquals(Set.of("labels.team"), fields(validator.validate(body)));
    }

    @Test
    void queryParameterListElementKeepsTheParameterName() throws Exception {
        Method tagged = TenantResource.class.getMethod("tagged", List.class);
        Set<ConstraintViolation<TenantResource>> violations = validator.forExecutables()
                .validateParameters(new TenantResource(), tagged, new Object[] {List.of("a", "")});
        assertEquals(Set.of("tag[1]"), fields(violations));
    }

    @Test
    void jsonPathJoinsFieldNamesAndIndexes() {
        Object from = new Object();
        List<JsonMappingException.Reference> refs = List.of(
                new JsonMappingException.Reference(from, "items"),
                new JsonMappingException.Reference(from, 2),
                new JsonMappingException.Reference(from, "unit_price"));
        assertEquals("items[2].unit_price", ProblemExceptionMappers.jsonPath(refs));
        assertEquals("limits.max_agents", ProblemExceptionMappers.jsonPath(List.of(
                new JsonMappingException.Reference(from, "limits"),
                new JsonMappingException.Reference(from, "max_agents"))));
        assertEquals("[0].name", ProblemExceptionMappers.jsonPath(List.of(
                new JsonMappingException.Reference(from, 0),
                new JsonMappingException.Reference(from, "name"))));
        assertEquals("", ProblemExceptionMappers.jsonPath(List.of()));
    }
}
