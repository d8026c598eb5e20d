package dev.agentry.conversation.support;

import dev.agentry.common.error.ValidationException;
import dev.agentry.common.net.InternalAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a tenant-configured URL may point (escalation webhooks, the Zendesk and Jira connectors):
 * common's rule ({@link InternalAddresses}), unless the operator allows internal addresses
 * ({@code agentry.conversation.support.allow-private-hosts}, for the tests' stand-ins). Checked when
 * the URL is saved (for an address literal) and again on every call, on every address the name
 * resolves to.
 */
public final class OutboundAddresses {

    private OutboundAddresses() {
    }

    /** The URL, checked: http or https with a host; a literal internal address is refused unless allowed. */
    public static URI checkUrl(String field, String url, boolean allowPrivate) {
        URI uri = InternalAddresses.httpUrl(field, url);
        if (!allowPrivate && InternalAddresses.isLiteral(uri.getHost())) {
            try {
                if (InternalAddresses.firstInternal(uri.getHost()) != null) {
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
        InetAddress internal = InternalAddresses.firstInternal(host);
        if (internal != null) {
            throw new UnknownHostException(host + " resolves to an internal address (" + internal.getHostAddress() + ")");
        }
    }
}
