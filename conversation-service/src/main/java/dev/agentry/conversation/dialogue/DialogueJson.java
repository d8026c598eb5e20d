package dev.agentry.conversation.dialogue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON values as plain Java (maps, lists, strings, numbers, booleans) and back to compact text. */
final class DialogueJson {

    private DialogueJson() {
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
