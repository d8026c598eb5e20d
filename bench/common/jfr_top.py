#!/usr/bin/env python3
"""Summarises CPU samples: a JFR recording (read with JDK 17's own `jfr` tool; no `jfr view` before
JDK 21), or async-profiler's collapsed stacks (`collapsed` output, one "root;...;leaf count" line per
stack), which also sees native code, compiled stubs (BigInteger's Montgomery intrinsics), the kernel,
GC and the JIT compiler, where JFR's Java-only sampler is blind (docs/benchmarks.md).

Usage: bench/common/jfr_top.py recording.jfr|profile.collapsed [top=25]
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
# Only in async-profiler's stacks: what runs outside Java frames.
NATIVE_CATEGORIES = [
    ("kernel (sockets, loopback TCP, scheduler)", lambda f: f.endswith("_[k]")),
    ("JIT compiler", lambda f: f.startswith(("CompileBroker", "C2Compiler", "Compile::", "C1_", "Compilation::"))),
    ("garbage collector", lambda f: f.startswith(("GCTaskThread", "VM_GC", "GenCollectedHeap", "SerialHeap", "G1", "DefNewGeneration", "TenuredGeneration", "MarkSweep", "PSScavenge", "ParallelScavenge"))),
]


def java_samples(path):
    """(frames from the top of the stack, sample count) for each JFR execution sample."""
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    for e in json.loads(out)["recording"]["events"]:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        yield [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames], 1


def collapsed_samples(path):
    """(frames from the top of the stack, sample count) for each line of async-profiler's collapsed output."""
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if stack:
            yield [f.replace("/", ".") for f in reversed(stack.split(";"))], int(count)


def category(names):
    label = "other"
    for name in names:
        hit = next((c for c, prefixes in CATEGORIES if name.startswith(prefixes)), None)
        if hit and not hit.startswith("JDK") and not hit.startswith("Vert.x") and not hit.startswith("Mutiny"):
            return hit
        if hit and label == "other":
            label = hit  # a generic category only if nothing more specific is found deeper
    if label == "other":
        for name in names:
            hit = next((c for c, test in NATIVE_CATEGORIES if test(name)), None)
            if hit:
                return hit
    return label


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    samples = java_samples(path) if path.endswith(".jfr") else collapsed_samples(path)
    tops = collections.Counter()
    cats = collections.Counter()
    total = 0
    for names, count in samples:
        total += count
        if names:
            tops[names[0]] += count
        cats[category(names)] += count
    print(f"{total} samples")
    total = total or 1
    print("by category (first specific frame from the top):")
    for c, n in cats.most_common():
        print(f"  {100 * n / total:5.1f} %  {c}")
    print(f"top {top_n} frames:")
    for m, n in tops.most_common(top_n):
        print(f"  {100 * n / total:5.1f} %  {m}")


if __name__ == "__main__":
    main()
