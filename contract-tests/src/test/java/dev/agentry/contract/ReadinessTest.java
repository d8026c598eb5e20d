package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged services say when they are ready: a service that embeds is ready only once its
 * model is loaded (so no first caller pays for the load); one that does not embed loads nothing.
 */
@ExtendWith(Suite.class)
class ReadinessTest {

    @Test
    void memoryServiceIsReadyWithItsModelLoaded() throws Exception {
        String ready = readiness(Suite.memoryUri());
        assertTrue(ready.matches("(?s).*\"name\"\\s*:\\s*\"embedding-model\".*\"load_ms\".*"), ready);
    }

    @Test
    void profileServiceDoesNotEmbedAndLoadsNoModel() throws Exception {
        String ready = readiness(Suite.profileUri());
        assertTrue(ready.matches("(?s).*\"name\"\\s*:\\s*\"embedding-model\".*\"not used\".*"), ready);
    }

    private static String readiness(String baseUri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUri + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200, response.body());
        return response.body();
    }
}
