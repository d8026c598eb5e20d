#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples with JDK 17's own `jfr` tool (no `jfr view` before JDK 21).

Usage: bench/common/jfr_top.py recording.jfr [top=25]
Prints the hottest top frames, then each sample's first frame, walking from the top of the stack,
that falls in one of the categories below (what a request spends its CPU on), as shares of all samples.
"""
import collections
import json
import subprocess
import sys

CATEGORIES = [
    ("JWT verification and signing (jose4j, smallrye-jwt, RSA/EC)", ("org.jose4j", "io.smallrye.jwt", "sun.security.rsa", "sun.security.ec", "java.math.BigInteger")),
    ("JSON (Jackson)", ("com.fasterxml.jackson",)),
    ("validation (Hibernate Validator)", ("org.hibernate.validator",)),
    ("PostgreSQL client (Vert.x pg/sql)", ("io.vertx.pgclient", "io.vertx.sqlclient")),
    ("Redis client", ("io.vertx.redis", "io.quarkus.redis")),
    ("metrics and traces (Micrometer, OpenTelemetry)", ("io.micrometer", "io.opentelemetry", "io.quarkus.opentelemetry", "io.quarkus.micrometer")),
    ("logging", ("org.jboss.logmanager", "org.jboss.logging")),
    ("Agentry code", ("dev.agentry",)),
    ("REST layer (RESTEasy Reactive)", ("org.jboss.resteasy", "io.quarkus.resteasy", "io.quarkus.rest")),
    ("CDI and security (ArC, Quarkus security)", ("io.quarkus.arc", "io.quarkus.security", "io.quarkus.vertx.http.runtime.security", "io.smallrye.context")),
    ("Vert.x and Netty (HTTP, sockets, event loop)", ("io.vertx", "io.netty")),
    ("Mutiny", ("io.smallrye.mutiny",)),
    ("JDK crypto, strings, collections", ("java.", "sun.", "jdk.")),
]


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    tops = collections.Counter()
    cats = collections.Counter()
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
        if names:
            tops[names[0]] += 1
        label = "other"
        for name in names:
            hit = next((c for c, prefixes in CATEGORIES if name.startswith(prefixes)), None)
            if hit and not hit.startswith("JDK") and not hit.startswith("Vert.x") and not hit.startswith("Mutiny"):
                label = hit
                break
            if hit and label == "other":
                label = hit  # a generic category only if nothing more specific is found deeper
        cats[label] += 1
    total = len(events) or 1
    print(f"{len(events)} execution samples")
    print("by category (first specific frame from the top):")
    for c, n in cats.most_common():
        print(f"  {100 * n / total:5.1f} %  {c}")
    print(f"top {top_n} frames:")
    for m, n in tops.most_common(top_n):
        print(f"  {100 * n / total:5.1f} %  {m}")


if __name__ == "__main__":
    main()
