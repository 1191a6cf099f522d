#!/bin/sh
# Creates the user the services log in with (chorus, password CHORUS_ELASTICSEARCH_PASSWORD) with a role limited to
# the chorus-* indices, as the built-in elastic user (ELASTIC_PASSWORD). Run once per start by a one-shot container of
# the compose stack and of `harness up --stack containers`; both requests are idempotent (PUT).
set -eu
: "${ELASTIC_PASSWORD:?set ELASTIC_PASSWORD}"
: "${CHORUS_ELASTICSEARCH_PASSWORD:?set CHORUS_ELASTICSEARCH_PASSWORD}"
url="${ELASTICSEARCH_URL:-http://elasticsearch:9200}"
tries=0
until curl -fsS -o /dev/null -u "elastic:$ELASTIC_PASSWORD" "$url/_cluster/health?wait_for_status=yellow&timeout=5s"; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "elasticsearch-users: $url did not answer the elastic user in 120 s" >&2; exit 1; }
  sleep 2
done
curl -fsS -o /dev/null -u "elastic:$ELASTIC_PASSWORD" -X PUT "$url/_security/role/chorus" \
  -H 'Content-Type: application/json' \
  -d '{"cluster":["monitor","manage_index_templates","manage_ilm"],"indices":[{"names":["chorus-*"],"privileges":["all"]}]}'
printf '{"password":"%s","roles":["chorus"]}' "$CHORUS_ELASTICSEARCH_PASSWORD" > /tmp/chorus-user.json
curl -fsS -o /dev/null -u "elastic:$ELASTIC_PASSWORD" -X PUT "$url/_security/user/chorus" \
  -H 'Content-Type: application/json' --data-binary @/tmp/chorus-user.json
rm -f /tmp/chorus-user.json
echo "elasticsearch-users: user chorus ready (role chorus: chorus-* indices)"
