package dev.agentry.catalog.support;

import dev.agentry.common.error.ValidationException;
import dev.agentry.common.net.InternalAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a URL a tenant gives may point (an import's source): http or https, no credentials in it,
 * a host the operator allowed ({@code agentry.catalog.import.url-hosts}: exact names, or
 * {@code .example.com} for the domain and its subdomains), and none of the addresses the host
 * resolves to internal: loopback, link-local (cloud metadata at 169.254.169.254), private (RFC
 * 1918), unique-local (fc00::/7), carrier-grade NAT (100.64.0.0/10), 0.0.0.0/8, multicast,
 * unspecified (SSRF): common's {@link InternalAddresses}, the rule conversation-service's webhooks and
 * connectors follow too.
 */
public final class OutboundUrls {

    private OutboundUrls() {
    }

    /** The URL, checked for its form and its host against the allow list (no resolution yet). */
    public static URI check(String field, String url, List<String> allowedHosts) {
        URI uri = InternalAddresses.httpUrl(field, url);
        if (allowedHosts.isEmpty()) {
            throw new ValidationException(field, "URL sources are not enabled here (an operator lists the allowed hosts in "
                    + "agentry.catalog.import.url-hosts)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean allowed = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.startsWith(".") ? host.endsWith(h) || host.equals(h.substring(1)) : host.equals(h));
        if (!allowed) {
            throw new ValidationException(field, "host " + host + " is not one the operator allowed");
        }
        return uri;
    }

    /** Resolves the host (blocking: call off the event loop); 400 when it is unknown or any address is internal. */
    public static void checkResolved(String field, URI uri) {
        InetAddress internal;
        try {
            internal = InternalAddresses.firstInternal(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ValidationException(field, "host " + uri.getHost() + " does not resolve");
        }
        if (internal != null) {
            throw new ValidationException(field, "points at an internal address (" + internal.getHostAddress()
                    + "), which imports may not reach");
        }
    }

    public static boolean isInternal(InetAddress a) {
        return InternalAddresses.isInternal(a);
    }
}
