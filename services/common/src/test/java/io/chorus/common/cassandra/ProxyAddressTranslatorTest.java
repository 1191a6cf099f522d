package io.chorus.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyAddressTranslatorTest {
    private final ProxyAddressTranslator translator =
            new ProxyAddressTranslator(List.of("127.0.0.2:9042=127.0.0.1:31002", "127.0.0.3:9042=127.0.0.1:31003"));

    @Test
    void anAnnouncedNodeIsReachedThroughItsProxy() {
        InetSocketAddress proxy = translator.translate(new InetSocketAddress("127.0.0.2", 9042));
        assertThat(proxy.getHostString()).isEqualTo("127.0.0.1");
        assertThat(proxy.getPort()).isEqualTo(31002);
    }

    @Test
    void anAddressWithoutAnEntryIsUsedAsAnnounced() {
        InetSocketAddress other = new InetSocketAddress("127.0.0.2", 9043);
        assertThat(translator.translate(other)).isSameAs(other);
    }

    @Test
    void aMalformedEntryIsRefused() {
        assertThatThrownBy(() -> new ProxyAddressTranslator(List.of("127.0.0.2:9042")))
                .hasMessageContaining("node-host:port=proxy-host:port");
    }
}
