#!/usr/bin/env bash
# Permissions KV key order A/B (decision 0084): <channelId>.<userId> ("cu") against <userId>.<channelId> ("uc") on one
# standalone nats-server. Usage, from the repository root after a harness run installed the engines and the nats CLI
# (harness/bin/harness run scenarios/throughput.yaml does):  docs/bench/kv-key-order/run.sh .chorus/tools/bin
set -u
B=$1; NS=$(ls $B/nats-server-v* | head -1); N="$(ls $B/nats-v* | head -1) -s nats://127.0.0.1:14222"
D=$(mktemp -d); here=$(cd "$(dirname "$0")" && pwd)
$NS -js -sd $D -p 14222 -m 18222 > $D/server.log 2>&1 & PID=$!
until curl -sf localhost:18222/healthz >/dev/null; do sleep 0.2; done
for b in cu uc; do $N kv add perm_$b --history=1 >/dev/null; done
# u0 in 100,000 channels; users s1..s5000 in 10 channels each
$N pub '$KV.perm_cu.c{{Count}}.u0' member --count 100000 -q
$N pub '$KV.perm_uc.u0.c{{Count}}' member --count 100000 -q
for k in $(seq 1 10); do
  $N pub "\$KV.perm_cu.k$k.s{{Count}}" member --count 5000 -q
  $N pub "\$KV.perm_uc.s{{Count}}.k$k" member --count 5000 -q
done
for b in cu uc; do echo "$b: $($N stream info KV_perm_$b --json | python3 -c 'import json,sys; s=json.load(sys.stdin)["state"]; print(s["messages"], "messages", s["num_subjects"], "subjects")')"; done
java -cp $HOME/.m2/repository/io/nats/jnats/2.26.2/jnats-2.26.2.jar "$here/KvRead.java" nats://127.0.0.1:14222
kill $PID; wait $PID; rm -rf $D
