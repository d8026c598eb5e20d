package dev.agentry.common.net;

import dev.agentry.common.error.ValidationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one rule every outbound call made on a tenant's behalf follows (escalation webhooks and
 * support connectors in conversation-service, import URLs in catalog-service): the URL is http or
 * https with a host and no credentials, and no address its host resolves to is internal:
 * loopback, link-local (cloud metadata at 169.254.169.254), private (RFC 1918), unique-local
 * (fc00::/7), carrier-grade NAT (100.64.0.0/10), 0.0.0.0/8, multicast or unspecified (SSRF).
 */
public final class InternalAddresses {

    private InternalAddresses() {
    }

    /** The URL when it is http or https with a host and no user info; else 400 naming {@code field}. */
    public static URI httpUrl(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new ValidationException(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new ValidationException(field, "must be an http or https URL with a host and no credentials");
        }
        return uri;
    }

    /**
     * Resolves {@code host} (blocking: call off the event loop) and answers the first of its
     * addresses that is internal, or null when none is.
     */
    public static InetAddress firstInternal(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress address : InetAddress.getAllByName(bare)) {
            if (isInternal(address)) {
                return address;
            }
        }
        return null;
    }

    /** Whether {@code host} is an address literal (IPv4 digits or a bracketed IPv6), so checking it needs no DNS. */
    public static boolean isLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10, carrier-grade NAT
                || (b[0] & 0xff) == 0; // 0.0.0.0/8
    }
}
