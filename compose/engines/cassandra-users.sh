#!/bin/sh
# Creates the role the services log in with (chorus, password CHORUS_CASSANDRA_PASSWORD) once Cassandra answers, then
# takes the image's default superuser (cassandra/cassandra, whose password is published) out of service. Run once
# per start by a one-shot container of the compose stack and of `harness up --stack containers`; it is idempotent.
set -eu
: "${CHORUS_CASSANDRA_PASSWORD:?set CHORUS_CASSANDRA_PASSWORD}"
host="${CASSANDRA_HOST:-cassandra}"
password=$(printf %s "$CHORUS_CASSANDRA_PASSWORD" | sed "s/'/''/g")
tries=0
# the first login: as chorus once it exists, as the default superuser before that (the first start of the volume)
until cqlsh "$host" -u chorus -p "$CHORUS_CASSANDRA_PASSWORD" -e 'SELECT release_version FROM system.local' >/dev/null 2>&1 \
    || cqlsh "$host" -u cassandra -p cassandra -e \
      "CREATE ROLE IF NOT EXISTS chorus WITH PASSWORD = '$password' AND SUPERUSER = true AND LOGIN = true" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "cassandra-users: Cassandra at $host did not admit chorus or cassandra in 120 s" >&2; exit 1; }
  sleep 2
done
cqlsh "$host" -u chorus -p "$CHORUS_CASSANDRA_PASSWORD" -e \
  "ALTER ROLE cassandra WITH PASSWORD = '$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')' AND LOGIN = false AND SUPERUSER = false"
echo "cassandra-users: role chorus ready; the default superuser cannot log in"
