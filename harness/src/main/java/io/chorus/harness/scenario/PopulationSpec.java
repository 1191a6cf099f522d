package io.chorus.harness.scenario;

import java.util.List;

/**
 * Who exists before the workload starts: {@code users} users, and channels made by membership shapes. Users are
 * numbered {@code 0..users-1}; each shape draws its members from them.
 */
public record PopulationSpec(long users, List<MembershipShape> shapes) {
    public PopulationSpec {
        shapes = List.copyOf(shapes);
    }

    public List<String> groups() {
        return shapes.stream().map(MembershipShape::group).toList();
    }
}
