package dev.agentry.common.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.error.ValidationException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InternalAddressesTest {

    @Test
    void internalAddressesOfEveryKind() throws Exception {
        for (String internal : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "224.0.0.1" }) {
            assertTrue(InternalAddresses.isInternal(InetAddress.getByName(internal)), internal);
        }
        assertFalse(InternalAddresses.isInternal(InetAddress.getByName("93.184.216.34")));
        assertFalse(InternalAddresses.isInternal(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946")));
        assertNotNull(InternalAddresses.firstInternal("localhost"));
        assertNotNull(InternalAddresses.firstInternal("[::1]"));
        assertNull(InternalAddresses.firstInternal("93.184.216.34"));
    }

    @Test
    void urlsAreHttpWithAHostAndNoCredentials() {
        assertDoesNotThrow(() -> InternalAddresses.httpUrl("u", "https://hooks.example.com/x"));
        assertThrows(ValidationException.class, () -> InternalAddresses.httpUrl("u", "ftp://example.com/x"));
        assertThrows(ValidationException.class, () -> InternalAddresses.httpUrl("u", "https://user:pw@example.com/"));
        assertThrows(ValidationException.class, () -> InternalAddresses.httpUrl("u", "not a url"));
        assertTrue(InternalAddresses.isLiteral("10.0.0.1"));
        assertTrue(InternalAddresses.isLiteral("[::1]"));
        assertFalse(InternalAddresses.isLiteral("example.com"));
    }
}
