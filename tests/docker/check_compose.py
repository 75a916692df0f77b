#!/usr/bin/env python3
"""Checks docker/compose.yaml, docker/config/pipeline.toml and docker/Dockerfile agree with each
other and with what docker/README.md promises, without a container engine.

Usage: check_compose.py REPO_ROOT. Exit 0 when all checks pass, 1 on failures (each listed),
77 (ctest SKIP_RETURN_CODE) when PyYAML is missing.
"""
import pathlib
import re
import sys
import tomllib

try:
    import yaml
except ImportError:
    print("skipped: PyYAML is missing (Debian: apt-get install python3-yaml, "
          "or run scripts/install-deps.sh)")
    sys.exit(77)

root = pathlib.Path(sys.argv[1]).resolve()
docker = root / "docker"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def env_of(service):
    env = service.get("environment", {})
    if isinstance(env, list):  # the KEY=VALUE list form
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def mounts_of(service):
    """Short-syntax volumes as {target: source}."""
    return {v.split(":")[1]: v.split(":")[0] for v in service.get("volumes", [])}


def published(service):
    """Published ports as {container_port: host_port}."""
    out = {}
    for p in service.get("ports", []):
        parts = str(p).split(":")  # [ip:]host:container
        out[int(parts[-1])] = int(parts[-2])
    return out


compose = yaml.safe_load((docker / "compose.yaml").read_text())
services = compose.get("services", {})
check({"kafka", "streamweaver"} <= services.keys(), "services kafka and streamweaver")
check(not any("zookeeper" in name for name in services), "no ZooKeeper service")
kafka, host = services.get("kafka", {}), services.get("streamweaver", {})

# Kafka: the official image in KRaft mode, reachable by other containers as kafka:9092.
check(str(kafka.get("image", "")).startswith("apache/kafka:"), "kafka uses the apache/kafka image")
kenv = env_of(kafka)
check(set(kenv.get("KAFKA_PROCESS_ROLES", "").split(",")) == {"broker", "controller"},
      "kafka runs KRaft combined mode (KAFKA_PROCESS_ROLES=broker,controller)")
check(not any(k.startswith("KAFKA_ZOOKEEPER") for k in kenv), "kafka has no ZooKeeper settings")
check("//kafka:9092" in kenv.get("KAFKA_ADVERTISED_LISTENERS", ""),
      "kafka advertises kafka:9092 to other containers")
check(kenv.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR") == "1",
      "kafka internal topics use replication factor 1 (one broker)")
test = " ".join(kafka.get("healthcheck", {}).get("test", []))
check("kafka-broker-api-versions.sh" in test and "localhost:9092" in test,
      "kafka health check asks the broker for its API versions")
data_dir = kenv.get("KAFKA_LOG_DIRS")
check(data_dir is not None and mounts_of(kafka).get(data_dir) in compose.get("volumes", {}),
      "kafka data (KAFKA_LOG_DIRS) is in a named volume declared at top level")

# The host: built from docker/Dockerfile, started once Kafka is healthy.
build = host.get("build", {})
check((docker / build.get("context", "?") / build.get("dockerfile", "?")).resolve()
      == docker / "Dockerfile", "streamweaver is built from docker/Dockerfile")
check(host.get("depends_on", {}).get("kafka", {}).get("condition") == "service_healthy",
      "streamweaver depends on kafka being service_healthy")
check(env_of(host).get("KAFKA_BOOTSTRAP_SERVERS") == "kafka:9092",
      "streamweaver gets KAFKA_BOOTSTRAP_SERVERS=kafka:9092")
mounts = mounts_of(host)
# A folder, not the file: a file mount keeps the old version when an editor replaces the file.
check(mounts.get("/etc/streamweaver") == "./config" and (docker / "config/pipeline.toml").is_file(),
      "docker/config (pipeline.toml) is mounted at /etc/streamweaver")
check(mounts.get("/plugins") == "./plugins" and (docker / "plugins").is_dir(),
      "docker/plugins is mounted at /plugins")

# The mounted pipeline: config/pipeline.toml on the real broker, with one replica.
pipeline = tomllib.loads((docker / "config/pipeline.toml").read_text())
default = tomllib.loads((root / "config/pipeline.toml").read_text())
for section in ("sources", "processors"):
    check(pipeline.get(section) == default.get(section),
          f"[{section}] are those of config/pipeline.toml")
check(pipeline["topics"].keys() == default["topics"].keys()
      and all(pipeline["topics"][t].get("partitions") == default["topics"][t].get("partitions")
              for t in default["topics"]),
      "topics and partitions are those of config/pipeline.toml")
check(pipeline["bridge"]["topics"] == default["bridge"]["topics"],
      "bridged topics are those of config/pipeline.toml")
check(pipeline["kafka"]["brokers"] == env_of(host).get("KAFKA_BOOTSTRAP_SERVERS"),
      "pipeline brokers match KAFKA_BOOTSTRAP_SERVERS")
check(all(t.get("replication_factor") == 1 for t in pipeline["topics"].values()),
      "every topic has replication_factor = 1")
listen_host, _, listen_port = pipeline["bridge"]["listen"].rpartition(":")
check(listen_host == "0.0.0.0", "bridge listens on all interfaces in the container")
check(published(host).get(int(listen_port)) == 8080,
      "the bridge port is published as localhost:8080")
auth = pipeline["bridge"].get("auth", {})
check(auth.get("mode") == "token", "the compose pipeline runs the bridge in token mode")
token_envs = {t.get("env") for t in auth.get("tokens", [])}
check(bool(token_envs) and token_envs <= set(env_of(host)),
      "every bridge token comes from an environment variable compose passes in")
admin_port = int(pipeline["bridge"]["admin_listen"].rpartition(":")[2])
check(env_of(host).get("STREAMWEAVER_HEALTH_PORT") == str(admin_port),
      "the health check asks the admin listener")
bridged = set(pipeline["bridge"]["topics"])
produced = {s["topic"] for s in pipeline["sources"].values()}
produced |= {p["output"] for p in pipeline.get("processors", {}).values()}
check(produced <= bridged, "every source topic and processor output is bridged")

# The image: only the two base images this project builds on.
bases = re.findall(r"^FROM\s+(\S+)", (docker / "Dockerfile").read_text(), re.M)
stages = set(re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", (docker / "Dockerfile").read_text(), re.M | re.I))
check(set(bases) - stages <= {"debian:bookworm", "debian:bookworm-slim"},
      "Dockerfile bases are debian:bookworm and debian:bookworm-slim only")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
