import io.nats.client.*;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.*;
import java.nio.charset.StandardCharsets;

/** Times reads of a user's keys in the two key orders of decision 0084 (see run.sh beside it). args: natsUrl */
public class KvRead {
    public static void main(String[] a) throws Exception {
        try (Connection nc = Nats.connect(a[0])) {
            for (int round = 0; round < 3; round++) {
                time("cu keys(*.u0)", () -> nc.keyValue("perm_cu").keys("*.u0").size());
                time("uc keys(u0.*)", () -> nc.keyValue("perm_uc").keys("u0.*").size());
                time("uc batch direct get u0.*", () -> batch(nc, "KV_perm_uc", "$KV.perm_uc.u0.*"));
                time("cu batch direct get *.u0", () -> batch(nc, "KV_perm_cu", "$KV.perm_cu.*.u0"));
            }
            for (String b : List.of("cu", "uc", "cu", "uc")) {
                long[] ts = new long[300];
                for (int i = 0; i < ts.length; i++) {
                    String user = "s" + (i * 13 + 1);
                    String f = b.equals("cu") ? "$KV.perm_cu.*." + user : "$KV.perm_uc." + user + ".*";
                    long t = System.nanoTime();
                    int n = multiLast(nc, "KV_perm_" + b, f);
                    ts[i] = System.nanoTime() - t;
                    if (n != 10) throw new IllegalStateException(b + " " + user + " " + n);
                }
                Arrays.sort(ts);
                System.out.printf("%s multi_last of a 10-channel user: p50 %.2f ms p95 %.2f ms%n", b, ts[150] / 1e6, ts[285] / 1e6);
            }
        }
    }

    interface Read { int run() throws Exception; }

    static void time(String what, Read r) throws Exception {
        long t = System.nanoTime();
        int n = r.run();
        System.out.printf("%s: %d keys in %d ms%n", what, n, (System.nanoTime() - t) / 1_000_000);
    }

    static int multiLast(Connection nc, String stream, String filter) throws Exception {
        return page(nc, stream, "{\"multi_last\":[\"" + filter + "\"]}")[0];
    }

    static int batch(Connection nc, String stream, String filter) throws Exception {
        int total = 0;
        long seq = 1;
        while (true) {
            int[] r = page(nc, stream, "{\"batch\":1000,\"next_by_subj\":\"" + filter + "\",\"seq\":" + seq + "}");
            total += r[0];
            if (r[0] == 0 || r[2] == 0) return total;
            seq = r[1] + 1L;
        }
    }

    /** {count, last seq, pending} */
    static int[] page(Connection nc, String stream, String body) throws Exception {
        String inbox = nc.createInbox();
        Subscription sub = nc.subscribe(inbox);
        try {
            nc.publish("$JS.API.DIRECT.GET." + stream, inbox, body.getBytes(StandardCharsets.US_ASCII));
            int n = 0; long last = 0;
            while (true) {
                Message m = sub.nextMessage(Duration.ofSeconds(10));
                if (m == null) throw new IllegalStateException("timeout");
                if (m.isStatusMessage()) {
                    int code = m.getStatus().getCode();
                    if (code == 404) return new int[]{n, (int) last, 0};
                    if (code != 204) throw new IllegalStateException(code + " " + m.getStatus().getMessage());
                    Headers h = m.getHeaders();
                    String p = h == null ? null : h.getFirst("Nats-Num-Pending");
                    String l = h == null ? null : h.getFirst("Nats-Last-Sequence");
                    return new int[]{n, l == null ? (int) last : Integer.parseInt(l), p == null ? 0 : Integer.parseInt(p)};
                }
                n++;
                last = Long.parseLong(m.getHeaders().getFirst("Nats-Sequence"));
            }
        } finally {
            sub.unsubscribe();
        }
    }
}
