#!/usr/bin/env bash
# FerretDB/SQLite vs FerretDB/PostgreSQL side by side with FerretWriteProbe (decision 0012), run as root on a
# Debian machine with the postgresql package. Everything started here is stopped by its PID at the end.
# Usage, from the checkout root with nothing else running on the machine (the probe's rates are the machine's):
#   ./mvnw -q -pl harness -am test-compile
#   ./mvnw -q -pl harness dependency:build-classpath -Dmdep.includeScope=test \
#       -Dmdep.outputFile="$PWD/harness/target/test-classpath.txt"
#   docs/lab/ferretdb-backends/probe-sides.sh 100000
set -u
N=${1:-20000}
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
# a scratch folder the postgres user can enter (it owns the PostgreSQL data under it)
D=$(mktemp -d); chmod 755 $D; mkdir -p $D/pg $D/sqlite; chown postgres:postgres $D/pg
FERRET=$(ls $REPO/.chorus/tools/bin/ferretdb-v* | head -n 1)
AS_PG="setpriv --reuid=postgres --regid=postgres --init-groups"
$AS_PG /usr/lib/postgresql/15/bin/initdb -D $D/pg/data -U postgres --auth=trust -E UTF8 >$D/initdb.log 2>&1 || { cat $D/initdb.log; exit 1; }
$AS_PG /usr/lib/postgresql/15/bin/postgres -D $D/pg/data -p 55432 -k $D/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off >$D/pg.log 2>&1 &
PG=$!
for i in $(seq 1 60); do $AS_PG /usr/lib/postgresql/15/bin/pg_isready -h 127.0.0.1 -p 55432 -q && break; sleep 0.5; done
$AS_PG /usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p 55432 -U postgres ferretdb
$FERRET --handler=postgresql --postgresql-url=postgres://postgres@127.0.0.1:55432/ferretdb --state-dir=$D/pg --listen-addr=127.0.0.1:57017 --debug-addr=127.0.0.1:57117 --telemetry=disable --log-level=WARN >$D/f-pg.log 2>&1 &
FP=$!
$FERRET --handler=sqlite --sqlite-url=file:$D/sqlite/ --state-dir=$D/sqlite --listen-addr=127.0.0.1:57018 --debug-addr=127.0.0.1:57118 --telemetry=disable --log-level=WARN >$D/f-sq.log 2>&1 &
FS=$!
sleep 2
CP=$REPO/harness/target/test-classes:$(cat $REPO/harness/target/test-classpath.txt)
uptime
for round in 1 2; do echo "== FerretDB/SQLite"; java -cp "$CP" io.chorus.it.write.FerretWriteProbe mongodb://127.0.0.1:57018/ $N no-upserts 2>&1 | grep RESULT; uptime; echo "== FerretDB/PostgreSQL"; java -cp "$CP" io.chorus.it.write.FerretWriteProbe mongodb://127.0.0.1:57017/ $N no-upserts 2>&1 | grep RESULT; uptime; done
uptime
uptime
kill $FP $FS; wait $FP $FS 2>/dev/null
kill $PG; wait $PG 2>/dev/null
rm -rf "$D"
