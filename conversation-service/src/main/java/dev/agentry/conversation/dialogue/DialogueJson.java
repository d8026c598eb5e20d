package dev.agentry.conversation.dialogue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON values as plain Java (maps, lists, strings, numbers, booleans) and back to compact text. */
final class DialogueJson {

    private DialogueJson() {
    }

    /**
     * The array under {@code key}, empty when it is absent or null: config-service writes absent
     * lists as null (a step without transitions has {@code "transitions": null}), and Vert.x's
     * default applies only to an absent key.
     */
    static io.vertx.core.json.JsonArray array(io.vertx.core.json.JsonObject json, String key) {
        io.vertx.core.json.JsonArray value = json == null ? null : json.getJsonArray(key);
        return value == null ? new io.vertx.core.json.JsonArray() : value;
    }

    /** The object under {@code key}, empty when it is absent or null (as {@link #array}). */
    static io.vertx.core.json.JsonObject object(io.vertx.core.json.JsonObject json, String key) {
        io.vertx.core.json.JsonObject value = json == null ? null : json.getJsonObject(key);
        return value == null ? new io.vertx.core.json.JsonObject() : value;
    }

    static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            return object.getMap();
        }
        if (value instanceof JsonArray array) {
            return array.getList();
        }
        return value;
    }

    /** A value as config-service's render puts it: a string as it is, anything else as compact JSON. */
    static String text(Object value) {
        return value instanceof String s ? s : Json.encode(value);
    }
}
