"""Offline checks of the deployment files (called by .ci/validate-deploy, which renders the Kubernetes files first).

compose: compose/compose.yaml against the Compose Specification schema (compose/schema/), every mounted file present,
every depends_on naming a service, every ${NAME} a mounted service configuration needs set in that service's
environment, and compose/stack.json naming every service on the port compose publishes for it.
kubernetes: the engines' custom resources against their operators' schemas (compose/k8s/engines/schema/, unknown
fields refused as the API server prunes them), every ${NAME} a ConfigMap'd configuration needs set in the pod.
The built-in kinds are checked by kubernetes-validate, run by the shell script.
Each validator is first shown a broken copy and must refuse it, so a check that passes everything fails here.
"""
import copy
import json
import re
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "compose"
REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}")
problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def needed_variables(text):
    """The environment variables a configuration file references without a default."""
    return {m.group(1) for m in REFERENCE.finditer(text) if m.group(2) is None}


def compose_errors(doc, schema):
    return [f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message[:300]}"
            for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]


def check_compose():
    schema = json.loads((COMPOSE / "schema" / "compose-spec.json").read_text())
    doc = yaml.safe_load((COMPOSE / "compose.yaml").read_text())
    broken = copy.deepcopy(doc)
    broken["services"]["command"]["helthcheck"] = {}
    if not compose_errors(broken, schema):
        problem("compose schema", "a service with an unknown key passed: the schema check is not working")
    for error in compose_errors(doc, schema):
        problem("compose/compose.yaml", error)

    services = doc["services"]
    for name, config in doc.get("configs", {}).items():
        if not (COMPOSE / config["file"]).is_file():
            problem("compose/compose.yaml", f"config {name}: no file {config['file']}")
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            if dependency not in services:
                problem("compose/compose.yaml", f"{name} depends on {dependency}, which is no service")
        environment = service.get("environment", {})
        for mount in service.get("configs", []):
            text = (COMPOSE / doc["configs"][mount["source"]]["file"]).read_text()
            for variable in sorted(needed_variables(text) - set(environment)):
                problem("compose/compose.yaml", f"{name}: its configuration needs ${{{variable}}}, not in its environment")
    check_stack_json(services)


def published(service, container_port):
    for port in service.get("ports", []):
        host_ip, host_port, target = str(port).split(":")
        if int(target) == container_port:
            return f"{host_ip}:{host_port}"
    return None


def check_stack_json(services):
    stack = json.loads((COMPOSE / "stack.json").read_text())
    endpoints = [stack["services"]["command"], stack["services"]["query"], *stack["services"]["fanout"],
                 *stack["services"]["notification"], *stack["services"]["workers"].values()]
    for endpoint in endpoints:
        name = endpoint["name"]
        if name not in services:
            problem("compose/stack.json", f"{name} is no compose service")
            continue
        for field, port in (("url", 8080), ("admin", 8081)):
            if field in endpoint and endpoint[field] != f"http://{published(services[name], port)}":
                problem("compose/stack.json", f"{name}.{field} is {endpoint[field]}, compose publishes "
                        f"{published(services[name], port)}")
    gateway = stack["gateway"]["url"]
    if gateway != f"http://{published(services['gateway'], 8080)}":
        problem("compose/stack.json", f"gateway.url {gateway} is not what compose publishes")


def strict(schema):
    """Unknown fields refused where the schema lists the known ones (the API server would drop them silently)."""
    if isinstance(schema, dict):
        if schema.get("x-kubernetes-preserve-unknown-fields") and "properties" not in schema:
            return {}  # free-form (a raw YAML block such as cass-operator's config): the API server keeps it as is
        schema = {k: strict(v) for k, v in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema \
                and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def custom_resource_schemas():
    schemas = {}
    for path in (COMPOSE / "k8s" / "engines" / "schema").glob("*.json"):
        group, kind, version = path.stem.split("_")
        schema = json.loads(path.read_text())
        # the API server's own fields, which a CRD's schema may leave out
        schema.setdefault("properties", {}).update(
            {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}})
        schemas[(f"{group}/{version}", kind.lower())] = strict(schema)
    return schemas


def check_custom_resources(rendered):
    schemas = custom_resource_schemas()
    objects = [o for o in yaml.safe_load_all(Path(rendered).read_text()) if o]
    probe = next(o for o in objects if o["kind"] == "CassandraDatacenter")
    broken = copy.deepcopy(probe)
    broken["spec"]["size"] = "three"
    if not list(jsonschema.Draft7Validator(schemas[("cassandra.datastax.com/v1beta1", "cassandradatacenter")])
                .iter_errors(broken)):
        problem("custom resource schemas", "a size that is no number passed: the check is not working")
    checked = 0
    for obj in objects:
        key = (obj["apiVersion"], obj["kind"].lower())
        if "/" not in obj["apiVersion"] or obj["apiVersion"].startswith(("apps/", "policy/", "autoscaling/")):
            continue  # a built-in kind: kubernetes-validate's
        if key not in schemas:
            problem(rendered, f"{obj['kind']} {obj['metadata']['name']}: no schema for {obj['apiVersion']}")
            continue
        for e in jsonschema.Draft7Validator(schemas[key]).iter_errors(obj):
            problem(rendered, f"{obj['kind']} {obj['metadata']['name']}: {'/'.join(map(str, e.path))}: "
                    f"{e.message[:300]}")
        checked += 1
    print(f"validate-deploy: {checked} custom resources checked against their operators' schemas")


def check_pod_environments(rendered):
    objects = [o for o in yaml.safe_load_all(Path(rendered).read_text()) if o]
    config_maps = {o["metadata"]["name"]: o["data"] for o in objects if o["kind"] == "ConfigMap"}
    for deployment in (o for o in objects if o["kind"] == "Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        environment = {e["name"] for c in pod["containers"] for e in c.get("env", [])}
        for volume in pod.get("volumes", []):
            if "configMap" not in volume:
                continue
            for text in config_maps[volume["configMap"]["name"]].values():
                for variable in sorted(needed_variables(text) - environment):
                    problem(rendered, f"Deployment {deployment['metadata']['name']}: its configuration needs "
                            f"${{{variable}}}, not in its pod's environment")


def main(base, engines):
    check_compose()
    check_pod_environments(base)
    check_custom_resources(engines)
    for line in problems:
        print(f"validate-deploy: {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
