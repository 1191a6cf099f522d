package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPlanTest {
    private final List<ServiceProcess> services = Topology.services(StackShape.DEFAULT);
    private final PortPlan plan =
            PortPlan.allocate(StackShape.DEFAULT, services, new PortAllocator(p -> true, Set.of(), new Random(42)));

    @Test
    void theDefaultStackHasTheFoundationsComponents() {
        assertThat(services)
                .extracting(ServiceProcess::name)
                .containsExactly(
                        "command",
                        "query",
                        "fanout-1",
                        "notification-1",
                        "notification-2",
                        "message-writer",
                        "meta-writer",
                        "search-indexer",
                        "push",
                        "webhook");
        assertThat(plan.nats()).hasSize(3);
        assertThat(plan.cassandra()).hasSize(1);
    }

    @Test
    void everyServiceToEngineLinkHasItsOwnProxiesOnePerEngineNode() {
        for (ServiceProcess service : services) {
            for (Engine engine : service.engines()) {
                List<PortPlan.Proxy> proxies = plan.proxiesOf(service.linkTo(engine));
                int nodes = engine == Engine.NATS ? 3 : 1;
                assertThat(proxies).as(service.linkTo(engine)).hasSize(nodes);
            }
        }
        assertThat(plan.proxiesOf("message-writer -> cassandra"))
                .singleElement()
                .satisfies(p -> assertThat(p.upstream())
                        .isEqualTo("127.0.0.1:" + plan.cassandra().get(0).nativePort()));
        assertThat(plan.proxiesOf("command -> nats"))
                .extracting(PortPlan.Proxy::upstream)
                .containsExactly(
                        plan.nats().stream().map(n -> "127.0.0.1:" + n.client()).toArray(String[]::new));
        assertThat(plan.proxiesOf("command -> cassandra")).isEmpty();
    }

    @Test
    void noTwoListenersShareAPort() {
        List<Integer> ports = new ArrayList<>();
        plan.nats().forEach(n -> ports.addAll(List.of(n.client(), n.cluster(), n.monitor())));
        plan.cassandra().forEach(c -> ports.addAll(List.of(c.nativePort(), c.storagePort(), c.jmxPort())));
        ports.addAll(List.of(
                plan.elasticsearchHttp(),
                plan.elasticsearchTransport(),
                plan.mongo(),
                plan.ferretdbDebug(),
                plan.postgres(),
                plan.toxiproxyApi()));
        plan.services().values().forEach(s -> ports.addAll(List.of(s.application(), s.admin())));
        plan.proxies().forEach(p -> ports.add(p.listen()));
        assertThat(ports).doesNotHaveDuplicates();
        assertThat(plan.proxies()).extracting(PortPlan.Proxy::name).doesNotHaveDuplicates();
    }

    @Test
    void aWiderShapeAddsInstances() {
        StackShape shape = new StackShape(3, 3, 2, 4, "always", StackShape.PROXIED);
        List<ServiceProcess> wide = Topology.services(shape);
        assertThat(wide)
                .extracting(ServiceProcess::name)
                .contains("fanout-2", "notification-4")
                .doesNotContain("notification-5");
        PortPlan widePlan = PortPlan.allocate(shape, wide, new PortAllocator(p -> true, Set.of(), new Random(1)));
        assertThat(widePlan.cassandra())
                .extracting(PortPlan.CassandraNode::host)
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(widePlan.proxiesOf("query -> cassandra")).hasSize(3);
        // JMX binds 127.0.0.1 for every node: a shared port made cassandra-2 exit "Address already in use"
        assertThat(widePlan.cassandra())
                .extracting(PortPlan.CassandraNode::jmxPort)
                .doesNotHaveDuplicates();
        assertThat(widePlan.cassandra())
                .extracting(PortPlan.CassandraNode::nativePort)
                .containsOnly(widePlan.cassandra().get(0).nativePort());
    }
}
