package org.trendpress.ingest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard: a URL we fetch for a source (and every redirect hop) must be http or https and
 * its host must not resolve to a loopback, private, link-local, carrier-grade NAT, unspecified,
 * multicast, reserved or cloud-metadata address, unless {@code trendpress.fetch.allow-hosts}
 * lists the host name, the address or a CIDR range holding it.
 *
 * <p>Every address the name resolves to is checked, not only the first, so a name that answers
 * with one public and one private address is refused. Literal addresses need no lookup, so a
 * redirect to {@code http://10.0.0.1/} is refused before any connection is opened.
 */
public final class AddressGuard {

    /** Host names of cloud metadata services that must never be fetched, whatever they resolve to. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog",
            "metadata");

    private final Set<String> allowedNames = new HashSet<>();
    private final List<byte[][]> allowedRanges = new ArrayList<>(); // {network, mask}

    /**
     * @param allow host names, IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8})
     *              that may be fetched even though they are not public
     */
    public AddressGuard(Collection<String> allow) {
        for (String raw : allow) {
            String entry = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("[") && entry.endsWith("]")) {
                entry = entry.substring(1, entry.length() - 1);
            }
            int slash = entry.indexOf('/');
            if (slash >= 0 || isLiteral(entry)) {
                allowedRanges.add(range(entry, slash));
            } else {
                allowedNames.add(trimDot(entry));
            }
        }
    }

    /** A guard from a comma-separated list (the {@code trendpress.fetch.allow-hosts} setting). */
    public static AddressGuard parse(String commaList) {
        return new AddressGuard(commaList == null ? List.of() : Arrays.asList(commaList.split(",")));
    }

    /** A guard with an empty allow-list: only public addresses. */
    public static AddressGuard strict() {
        return new AddressGuard(List.of());
    }

    /**
     * Checks a URL and returns the address it resolved to (all of them passed the check).
     *
     * @throws IngestException naming the host, the address and why it is refused
     */
    public InetAddress check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IngestException("refused " + uri + ": only http and https may be fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IngestException("refused " + uri + ": no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String name = trimDot(host.toLowerCase(Locale.ROOT));
        boolean nameAllowed = allowedNames.contains(name);
        if (!nameAllowed && METADATA_HOSTS.contains(name)) {
            throw new IngestException("refused " + host + ": a cloud metadata host (not in trendpress.fetch.allow-hosts)");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IngestException("cannot resolve host " + host);
        } catch (SecurityException | IllegalArgumentException e) {
            throw new IngestException("refused " + host + ": " + FeedParser.oneLine(e.getMessage()));
        }
        if (!nameAllowed) {
            for (InetAddress a : addresses) {
                String why = blockedReason(a);
                if (why != null && !inAllowedRange(a)) {
                    throw new IngestException("refused " + host + ": resolves to " + a.getHostAddress() + ", a " + why
                            + " address (not in trendpress.fetch.allow-hosts)");
                }
            }
        }
        return addresses[0];
    }

    /** Why an address may not be fetched (e.g. "private"), or null for a public address. */
    static String blockedReason(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return blockedReason(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
            if (a.isAnyLocalAddress()) {
                return "unspecified";
            }
            if (a.isLoopbackAddress()) {
                return "loopback";
            }
            if (a.isMulticastAddress()) {
                return "multicast";
            }
            if ((b[0] & 0xff) == 0xfd && (b[1] & 0xff) == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                    && isTail254(b)) {
                return "cloud metadata";
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "private"; // fc00::/7 unique local
            }
            if (a.isLinkLocalAddress() || a.isSiteLocalAddress()) {
                return "link-local"; // fe80::/10, and the deprecated fec0::/10
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "reserved"; // 2001:db8::/32 documentation
            }
            return null;
        }
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 169 && o1 == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
            return "cloud metadata";
        }
        if (o0 == 0) {
            return "unspecified"; // 0.0.0.0/8
        }
        if (o0 == 127) {
            return "loopback";
        }
        if (o0 == 10 || (o0 == 172 && (o1 & 0xf0) == 16) || (o0 == 192 && o1 == 168)) {
            return "private";
        }
        if (o0 == 169 && o1 == 254) {
            return "link-local";
        }
        if (o0 == 100 && (o1 & 0xc0) == 64) {
            return "carrier-grade NAT"; // 100.64.0.0/10
        }
        if (o0 >= 224 && o0 <= 239) {
            return "multicast";
        }
        if (o0 >= 240) {
            return "reserved"; // 240.0.0.0/4 and the broadcast address
        }
        if ((o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) || (o0 == 198 && (o1 & 0xfe) == 18)) {
            return "reserved"; // 192.0.0.0/24 protocol assignments, 198.18.0.0/15 benchmarking
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeros10 = true;
        for (int i = 0; i < 10; i++) {
            zeros10 &= b[i] == 0;
        }
        boolean mapped = zeros10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros10 && b[10] == 0 && b[11] == 0
                && !((b[12] | b[13] | b[14]) == 0 && (b[15] == 0 || b[15] == 1)); // not :: or ::1
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 2002::/16 6to4
        }
        return null;
    }

    private static boolean isTail254(byte[] b) {
        for (int i = 4; i < 14; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54; // fd00:ec2::254
    }

    private boolean inAllowedRange(InetAddress a) {
        byte[] b = a.getAddress();
        for (byte[][] r : allowedRanges) {
            byte[] net = r[0];
            byte[] mask = r[1];
            if (net.length != b.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < b.length && match; i++) {
                match = (b[i] & mask[i]) == (net[i] & mask[i]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static byte[][] range(String entry, int slash) {
        String addr = slash >= 0 ? entry.substring(0, slash) : entry;
        if (!isLiteral(addr)) {
            throw new IngestException("trendpress.fetch.allow-hosts: '" + entry + "' is neither a host, an address nor a CIDR range");
        }
        byte[] net;
        try {
            net = InetAddress.getByName(addr).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IngestException("trendpress.fetch.allow-hosts: bad address '" + entry + "'");
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > net.length * 8) {
                throw new IngestException("trendpress.fetch.allow-hosts: bad prefix length in '" + entry + "'");
            }
        }
        byte[] mask = new byte[net.length];
        for (int i = 0; i < mask.length; i++) {
            int left = Math.max(0, Math.min(8, bits - i * 8));
            mask[i] = (byte) (0xff00 >> left);
        }
        return new byte[][] {net, mask};
    }

    private static boolean isLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-f:.]+"));
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
