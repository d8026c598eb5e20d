package dev.agentry.conversation.dependency;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The request body part every search of the turn shares: the message's one vector and its model. */
final class VectorBodies {

    private VectorBodies() {
    }

    static JsonObject of(float[] vector, String model) {
        JsonArray values = new JsonArray();
        for (float v : vector) {
            values.add(v);
        }
        return new JsonObject().put("embedding", values).put("embedding_model", model);
    }
}
