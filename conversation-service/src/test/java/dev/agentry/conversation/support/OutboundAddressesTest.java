package dev.agentry.conversation.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.error.ValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class OutboundAddressesTest {

    @Test
    void internalAddressesAreRefusedUnlessAllowed() throws Exception {
        for (String internal : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "224.0.0.1" }) {
            assertTrue(OutboundAddresses.isInternal(InetAddress.getByName(internal)), internal);
        }
        assertFalse(OutboundAddresses.isInternal(InetAddress.getByName("93.184.216.34")));
        assertFalse(OutboundAddresses.isInternal(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946")));
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
