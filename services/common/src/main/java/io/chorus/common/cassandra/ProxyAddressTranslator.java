package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.addresstranslation.AddressTranslator;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.context.DriverContext;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the addresses Cassandra nodes announce (in {@code system.peers}) to the addresses the service must use
 * instead: on the local stack, each node's Toxiproxy proxy of this service's link. Without it the driver would
 * find the other nodes of a cluster by gossip and reach them directly, around the link a fault is injected on.
 * Addresses without an entry are used as announced.
 */
public final class ProxyAddressTranslator implements AddressTranslator {
    /** {@code node-host:port=proxy-host:port} entries (a list: config map keys cannot hold dots and colons). */
    static final DriverOption ENTRIES = () -> "advanced.address-translator.chorus-entries";

    private final Map<String, InetSocketAddress> translations = new HashMap<>();

    public ProxyAddressTranslator(DriverContext context) {
        this(context.getConfig().getDefaultProfile().getStringList(ENTRIES, List.of()));
    }

    ProxyAddressTranslator(List<String> entries) {
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("expected node-host:port=proxy-host:port, got " + entry);
            }
            InetSocketAddress proxy = CassandraFactory.parse(entry.substring(equals + 1));
            translations.put(entry.substring(0, equals), proxy);
        }
    }

    @Override
    public InetSocketAddress translate(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        InetSocketAddress proxy = translations.get(host + ":" + address.getPort());
        return proxy != null ? proxy : address;
    }

    @Override
    public void close() {}
}
