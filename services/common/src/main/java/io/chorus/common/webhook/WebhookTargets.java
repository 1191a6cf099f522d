package io.chorus.common.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a webhook may be sent to (decision 0210): http or https, a host, no user-info, and no address inside
 * the deployment: loopback, link-local (the cloud metadata service at 169.254.169.254 is one), private ranges,
 * unique-local IPv6, the unspecified address, multicast, and names that mean this machine or a cloud's metadata.
 * A registration is checked by its URL as written (a literal address or a name); the dispatcher checks the
 * addresses a name resolves to before every connection, since a name may later resolve elsewhere.
 * {@code allowLoopback} is for local stacks and tests, whose receivers listen on loopback.
 */
public final class WebhookTargets {
    public static final int MAX_URL_CHARS = 2_000;

    private final boolean allowLoopback;

    public WebhookTargets(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** The reason a registration's URL is refused, or empty when it may be registered. */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_CHARS) {
            return Optional.of("url must be an absolute http(s) URL of at most " + MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("url must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("url needs a host, and no user-info or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (isLocalName(host)) {
            return allowLoopback && !host.equals("metadata.google.internal")
                    ? Optional.empty()
                    : Optional.of("url may not name this machine or a metadata service: " + host);
        }
        if (isLiteralAddress(host)) {
            try {
                return addressRefusal(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return Optional.of("url has an invalid address: " + host);
            }
        }
        return Optional.empty();
    }

    /** The reason an address a webhook's host resolved to may not be connected to, or empty when it may. */
    public Optional<String> addressRefusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address: " + address.getHostAddress());
        }
        if (address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || isUniqueLocalV6(address)
                || isSharedAddressSpace(address)) {
            return Optional.of("an address inside the deployment: " + address.getHostAddress());
        }
        return Optional.empty();
    }

    private static boolean isLocalName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("metadata.google.internal");
    }

    // only digits, dots, colons and hex letters: InetAddress.getByName then parses without a DNS query
    private static boolean isLiteralAddress(String host) {
        return host.matches("[0-9.]+") || (host.contains(":") && host.matches("[0-9a-f:.]+"));
    }

    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, the carrier-grade NAT range that some clouds use inside their networks. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
