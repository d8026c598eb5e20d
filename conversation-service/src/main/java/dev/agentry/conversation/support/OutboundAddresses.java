package dev.agentry.conversation.support;

import dev.agentry.common.error.ValidationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a tenant-configured URL may point. Outbound calls made on a tenant's behalf (escalation
 * webhooks, later the Zendesk and Jira connectors) must not reach the cluster's own network:
 * loopback, link-local (cloud metadata at 169.254.169.254), private, unique-local, multicast and
 * unspecified addresses are refused unless the operator allows them
 * ({@code agentry.conversation.support.allow-private-hosts}). Checked when the URL is saved (for an
 * address literal) and again on every call, on every address the name resolves to.
 */
public final class OutboundAddresses {

    private OutboundAddresses() {
    }

    /** The URL, checked: http or https with a host; a literal internal address is refused unless allowed. */
    public static URI checkUrl(String field, String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new ValidationException(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new ValidationException(field, "must be an http or https URL with a host and no credentials");
        }
        if (!allowPrivate && isLiteral(uri.getHost())) {
            try {
                if (isInternal(InetAddress.getByName(uri.getHost()))) {
                    throw new ValidationException(field, "points at an internal address, which outbound calls may not reach");
                }
            } catch (UnknownHostException e) {
                throw new ValidationException(field, "is not a URL");
            }
        }
        return uri;
    }

    /** Resolves the host (blocking: call off the event loop) and refuses it if any of its addresses is internal. */
    public static void checkResolved(String host, boolean allowPrivate) throws UnknownHostException {
        if (allowPrivate) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (isInternal(address)) {
                throw new UnknownHostException(host + " resolves to an internal address (" + address.getHostAddress() + ")");
            }
        }
    }

    static boolean isInternal(InetAddress a) {
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

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
