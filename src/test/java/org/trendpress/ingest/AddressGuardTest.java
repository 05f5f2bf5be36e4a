package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard strict = AddressGuard.strict();

    @Test
    void refusesEveryNonPublicRangeWithoutALookup() {
        List<String> refused = List.of("http://127.0.0.1/", "http://127.8.9.10/", "http://10.0.0.1/",
                "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.1.1/",
                "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://100.127.255.254/",
                "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/",
                "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://[ff02::1]/",
                "http://[fd00:ec2::254]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:c0a8:0101::1]/");
        for (String url : refused) {
            assertThatThrownBy(() -> strict.check(URI.create(url))).as(url)
                    .isInstanceOf(IngestException.class).hasMessageContaining("refused");
        }
    }

    @Test
    void namesTheReason() {
        assertThatThrownBy(() -> strict.check(URI.create("http://169.254.169.254/")))
                .hasMessage("refused 169.254.169.254: resolves to 169.254.169.254, a cloud metadata address"
                        + " (not in trendpress.fetch.allow-hosts)");
        assertThatThrownBy(() -> strict.check(URI.create("http://10.1.2.3:8080/feed")))
                .hasMessageContaining("a private address");
        assertThatThrownBy(() -> strict.check(URI.create("http://100.64.3.4/"))).hasMessageContaining("carrier-grade NAT");
        assertThatThrownBy(() -> strict.check(URI.create("http://[fe80::1]/"))).hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.check(URI.create("http://metadata.google.internal/computeMetadata/v1/")))
                .hasMessageContaining("cloud metadata host");
        assertThatThrownBy(() -> strict.check(URI.create("http://METADATA.google.internal./")))
                .hasMessageContaining("cloud metadata host");
    }

    @Test
    void acceptsPublicAddresses() throws Exception {
        for (String ip : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "169.255.0.1",
                "2606:4700:4700::1111")) {
            assertThat(AddressGuard.blockedReason(InetAddress.getByName(ip))).as(ip).isNull();
        }
        assertThat(strict.check(URI.create("http://8.8.8.8/feed")).getHostAddress()).isEqualTo("8.8.8.8");
    }

    @Test
    void onlyHttpAndHttps() {
        for (String url : List.of("file:///etc/passwd", "ftp://8.8.8.8/x", "gopher://8.8.8.8/", "jar:file:/x!/y")) {
            assertThatThrownBy(() -> strict.check(URI.create(url))).as(url)
                    .hasMessageContaining("only http and https");
        }
    }

    @Test
    void theAllowListTakesHostsAddressesAndRanges() {
        AddressGuard guard = AddressGuard.parse(" 127.0.0.1 , 10.20.0.0/16, [fd00::1], feeds.internal ");
        assertThat(guard.check(URI.create("http://127.0.0.1:9999/x")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(guard.check(URI.create("http://10.20.30.40/x")).getHostAddress()).isEqualTo("10.20.30.40");
        assertThat(guard.check(URI.create("http://[fd00::1]/x")).getHostAddress()).isEqualTo("fd00:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.2/"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check(URI.create("http://10.21.0.1/"))).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.check(URI.create("http://169.254.169.254/"))).hasMessageContaining("metadata");
        assertThatThrownBy(() -> AddressGuard.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    }

    @Test
    void localhostByNameIsLoopback() {
        assertThatThrownBy(() -> strict.check(URI.create("http://localhost/"))).hasMessageContaining("loopback");
        assertThat(AddressGuard.parse("localhost").check(URI.create("http://localhost/")).isLoopbackAddress()).isTrue();
    }
}
