package dev.agentry.conversation.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentry.common.error.ValidationException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class OutboundAddressesTest {

    @Test
    void internalAddressesAreRefusedUnlessAllowed() throws Exception {
        assertThrows(UnknownHostException.class, () -> OutboundAddresses.checkResolved("127.0.0.1", false));
        assertThrows(UnknownHostException.class, () -> OutboundAddresses.checkResolved("localhost", false));
        assertDoesNotThrow(() -> OutboundAddresses.checkResolved("127.0.0.1", true));
    }

    @Test
    void savedUrlsAreHttpWithAHostAndNoCredentials() {
        assertDoesNotThrow(() -> OutboundAddresses.checkUrl("u", "https://hooks.example.com/escalations", false));
        assertThrows(ValidationException.class, () -> OutboundAddresses.checkUrl("u", "ftp://example.com/x", false));
        assertThrows(ValidationException.class, () -> OutboundAddresses.checkUrl("u", "https://user:pw@example.com/", false));
        assertThrows(ValidationException.class, () -> OutboundAddresses.checkUrl("u", "not a url", false));
        assertThrows(ValidationException.class, () -> OutboundAddresses.checkUrl("u", "http://169.254.169.254/latest", false));
        assertThrows(ValidationException.class, () -> OutboundAddresses.checkUrl("u", "http://[::1]:8080/", false));
        assertDoesNotThrow(() -> OutboundAddresses.checkUrl("u", "http://127.0.0.1:9000/hook", true));
    }
}
