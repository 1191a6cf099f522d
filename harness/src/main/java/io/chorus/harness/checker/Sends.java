package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sends of a history joined with their 202s: what each checker starts from. */
final class Sends {
    final Map<String, SendInvoke> invokes = new LinkedHashMap<>();
    /** acknowledged sends by message id, with the invoke they answer */
    final Map<String, Acked> acked = new LinkedHashMap<>();

    record Acked(SendInvoke invoke, SendOk ok) {}

    Sends(History history) {
        history.of(SendInvoke.class).forEach(i -> invokes.putIfAbsent(i.clientMsgId(), i));
        Map<String, SendOk> oks = new HashMap<>();
        history.of(SendOk.class).forEach(ok -> oks.putIfAbsent(ok.clientMsgId(), ok));
        oks.forEach((clientMsgId, ok) -> {
            SendInvoke invoke = invokes.get(clientMsgId);
            if (invoke != null && ok.messageId() != null) {
                acked.putIfAbsent(ok.messageId(), new Acked(invoke, ok));
            }
        });
    }
}
