package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.OperationFail;
import io.chorus.harness.history.OperationInvoke;
import io.chorus.harness.history.OperationOk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mix's operations of a history, each invoke with its completion (null while it has none). */
final class Operations {
    record Done(OperationInvoke invoke, OperationOk ok, OperationFail fail) {
        boolean succeeded() {
            return ok != null;
        }

        /** Done, or maybe done: answered ok, or never answered. */
        boolean maybeDone() {
            return ok != null || fail == null || fail.unanswered();
        }
    }

    final List<Done> all = new ArrayList<>();

    Operations(History history) {
        Map<String, OperationInvoke> invokes = new HashMap<>();
        Map<String, OperationOk> oks = new HashMap<>();
        Map<String, OperationFail> fails = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Op op : history.ops()) {
            if (op instanceof OperationInvoke i) {
                invokes.put(i.id(), i);
                order.add(i.id());
            } else if (op instanceof OperationOk ok) {
                oks.put(ok.id(), ok);
            } else if (op instanceof OperationFail f) {
                fails.put(f.id(), f);
            }
        }
        for (String id : order) {
            all.add(new Done(invokes.get(id), oks.get(id), fails.get(id)));
        }
    }

    List<Done> of(String op) {
        return all.stream().filter(d -> d.invoke().op().equals(op)).toList();
    }
}
