package dev.agentry.config.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * JSON Schema for tool inputs, MCP server configs and output formats, through networknt's
 * validator (2020-12 by default; draft-07 and 2019-09 when a schema says so in {@code $schema}).
 * A schema is checked against its meta-schema and compiled before it is stored. Schemas may only
 * refer inside themselves ({@code $ref: "#/..."}): a remote reference would make the service fetch
 * URLs a tenant chose, so it is refused, as is {@code $id}. Created at startup: the meta-schemas
 * are read from the class path then, not on the first request's event loop.
 */
@Startup
@ApplicationScoped
public class JsonSchemas {

    private static final Set<String> DRAFTS = Set.of(SchemaId.V202012, SchemaId.V201909, SchemaId.V7,
            "http://json-schema.org/draft-07/schema");
    private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");
    private static final int MAX_ERRORS = 20;

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> metaSchemas = Map.of(
            SchemaId.V202012, factory.getSchema(SchemaLocation.of(SchemaId.V202012)),
            SchemaId.V201909, factory.getSchema(SchemaLocation.of(SchemaId.V201909)),
            SchemaId.V7, factory.getSchema(SchemaLocation.of(SchemaId.V7)));

    @Inject
    ObjectMapper json;

    /** Refuses anything that is not a valid, self-contained JSON Schema, naming {@code field}. */
    public void requireSchema(Object schema, String field) {
        JsonNode node = json.valueToTree(schema);
        List<FieldError> errors = new ArrayList<>();
        if (!node.isObject()) {
            throw new ValidationException(field, "must be a JSON Schema object");
        }
        checkKeywords(node, field, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String draft = node.path("$schema").asText(SchemaId.V202012).replaceAll("#$", "");
        JsonSchema meta = metaSchemas.get(draft.equals("http://json-schema.org/draft-07/schema") ? SchemaId.V7 : draft);
        for (ValidationMessage m : sorted(meta.validate(node))) {
            errors.add(new FieldError(field + suffix(m), m.getMessage()));
        }
        if (errors.isEmpty()) {
            try {
                factory.getSchema(node).initializeValidators();
            } catch (JsonSchemaException | IllegalArgumentException e) {
                errors.add(new FieldError(field, "is not a usable JSON Schema: " + e.getMessage()));
            } catch (RuntimeException e) {
                errors.add(new FieldError(field, "is not a usable JSON Schema: " + e.getClass().getSimpleName()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
    }

    /** What is wrong with {@code instance} under {@code schema} (empty when valid); fields start with {@code prefix}. */
    public List<FieldError> validate(Object schema, Object instance, String prefix) {
        JsonSchema compiled = factory.getSchema(json.valueToTree(schema));
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : sorted(compiled.validate(json.valueToTree(instance)))) {
            if (errors.size() == MAX_ERRORS) {
                break;
            }
            errors.add(new FieldError(prefix + suffix(m), m.getMessage().replaceFirst("^\\$[^:]*: ", "")));
        }
        return errors;
    }

    /** Like {@link #validate} but throws the errors as a 400. */
    public void requireValid(Object schema, Object instance, String prefix) {
        List<FieldError> errors = validate(schema, instance, prefix);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void checkKeywords(JsonNode node, String path, List<FieldError> errors) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (REFERENCES.contains(key) && !(value.isTextual() && value.asText().startsWith("#"))) {
                    errors.add(new FieldError(path + "." + key, "only references inside the schema (\"#/...\") are allowed"));
                } else if ("pattern".equals(key) && value.isTextual() && !compiles(value.asText())) {
                    // Caught here, named, instead of by the validator, which logs a caller's bad
                    // expression as its own ERROR.
                    errors.add(new FieldError(path + ".pattern", "is not a valid regular expression"));
                } else if ("patternProperties".equals(key) && value.isObject()) {
                    value.fieldNames().forEachRemaining(regex -> {
                        if (!compiles(regex)) {
                            errors.add(new FieldError(path + ".patternProperties", "'" + regex + "' is not a valid regular expression"));
                        }
                    });
                    checkKeywords(value, path + "." + key, errors);
                } else if ("$id".equals(key)) {
                    errors.add(new FieldError(path + ".$id", "is not supported: schemas are anonymous and self-contained"));
                } else if ("$schema".equals(key) && path.indexOf('.') < 0
                        && !(value.isTextual() && DRAFTS.contains(value.asText().replaceAll("#$", "")))) {
                    errors.add(new FieldError(path + ".$schema", "must be draft 2020-12, 2019-09 or draft-07"));
                } else {
                    checkKeywords(value, path + "." + key, errors);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeywords(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static List<ValidationMessage> sorted(Set<ValidationMessage> messages) {
        List<ValidationMessage> out = new ArrayList<>(messages);
        out.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        return out;
    }

    /** {@code $.a.b[0]} becomes {@code .a.b[0]}; a missing required property is named too. */
    private static String suffix(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        String path = location.startsWith("$") ? location.substring(1) : location;
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            path = path + "." + m.getProperty();
        }
        return path;
    }
}
