package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {
    static final StackShape SCALED = new StackShape(3, 1, 3, 3, null, StackShape.DIRECT).withInstances(2, 2, 3, 2, 2);

    @Test
    void theFirstInstanceKeepsTheServicesNameAndTheOthersCarryTheirNumber() {
        assertThat(Topology.instanceName("command", 1)).isEqualTo("command");
        assertThat(Topology.instanceName("command", 2)).isEqualTo("command-2");
        assertThat(Topology.instanceName("message-writer", 3)).isEqualTo("message-writer-3");
        assertThatThrownBy(() -> Topology.instanceName("query", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScaledShapeRunsEveryInstanceOnceEachWithTheModuleAndEnginesOfItsService() {
        List<ServiceProcess> services = Topology.services(SCALED);

        assertThat(services)
                .extracting(ServiceProcess::name)
                .containsExactly(
                        "command",
                        "command-2",
                        "query",
                        "query-2",
                        "fanout-1",
                        "fanout-2",
                        "fanout-3",
                        "notification-1",
                        "notification-2",
                        "notification-3",
                        "message-writer",
                        "message-writer-2",
                        "message-writer-3",
                        "meta-writer",
                        "meta-writer-2",
                        "search-indexer",
                        "search-indexer-2",
                        "push",
                        "webhook");
        ServiceProcess writer3 = byName(services, "message-writer-3");
        assertThat(writer3.module()).isEqualTo("workers");
        assertThat(writer3.engines())
                .isEqualTo(byName(services, "message-writer").engines());
        assertThat(byName(services, "query-2").engines())
                .isEqualTo(byName(services, "query").engines());
        assertThat(byName(services, "command-2").role()).isEqualTo(ServiceProcess.Role.COMMAND);
    }

    @Test
    void anInstanceBelongsToItsServiceAndAPartitionOrNotificationInstanceIsItsOwn() {
        List<ServiceProcess> services = Topology.services(SCALED);

        assertThat(Topology.serviceOf(byName(services, "message-writer-3"))).isEqualTo("message-writer");
        assertThat(Topology.serviceOf(byName(services, "message-writer"))).isEqualTo("message-writer");
        assertThat(Topology.serviceOf(byName(services, "search-indexer-2"))).isEqualTo("search-indexer");
        assertThat(Topology.serviceOf(byName(services, "command-2"))).isEqualTo("command");
        assertThat(Topology.serviceOf(byName(services, "fanout-2"))).isEqualTo("fanout-2");
        assertThat(Topology.serviceOf(byName(services, "notification-3"))).isEqualTo("notification-3");
    }

    @Test
    void theDefaultShapeRunsOneOfEachUnderTheNamesItAlwaysHad() {
        assertThat(Topology.services(StackShape.DEFAULT))
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
    }

    @Test
    void everyPortOfAScaledStackIsItsOwn() {
        List<ServiceProcess> services = Topology.services(SCALED);
        PortPlan plan = PortPlan.allocate(
                SCALED, services, new PortAllocator(p -> true, java.util.Set.of(), new java.util.Random(5)));

        assertThat(plan.services()).containsKeys("command-2", "query-2", "message-writer-3", "meta-writer-2");
        List<Integer> ports = plan.services().values().stream()
                .flatMap(p -> java.util.stream.Stream.of(p.application(), p.admin()))
                .toList();
        assertThat(ports).doesNotHaveDuplicates().hasSize(2 * services.size());
    }

    private static ServiceProcess byName(List<ServiceProcess> services, String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
