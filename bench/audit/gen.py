#!/usr/bin/env python3
"""Audit records for the loss benchmark: turn records of one tenant, numbered from..to.

  gen.py resp  STREAM TENANT FROM TO [poison]   Redis protocol (XADD ...) for `redis-cli --pipe`
  gen.py csv   TENANT FROM TO                    the same rows as CSV for COPY into turn_records

Each record has its own UUID v7 id (what makes redelivery idempotent) and the session and turn
number it would have in a real run (100 turns per session).
"""
import json
import os
import sys
import time
import uuid
from datetime import datetime, timezone


def uuid7(ms):
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | ((rand >> 62) & 0xFFF) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    return uuid.UUID(int=value)


def session_of(tenant, n):
    return uuid.uuid5(uuid.UUID(tenant), "session-%d" % (n // 100))


def resp(*args):
    out = ["*%d\r\n" % len(args)]
    for a in args:
        b = a.encode()
        out.append("$%d\r\n" % len(b))
        out.append(a)
        out.append("\r\n")
    return "".join(out)


def main():
    mode = sys.argv[1]
    w = sys.stdout.write
    if mode == "resp":
        stream, tenant, start, end = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        poison = len(sys.argv) > 6
        for n in range(start, end):
            now = datetime.now(timezone.utc)
            data = {"session_id": str(session_of(tenant, n)), "turn_number": n % 100,
                    "user_message": "message %d" % n, "assistant_response": "answer %d" % n,
                    "latency_ms": n % 900, "token_usage": {"prompt": 40, "completion": 25},
                    "rules_matched": [{"id": "r%d" % (n % 7)}], "model": "bench"}
            w(resp("XADD", stream, "*", "id", str(uuid7(int(time.time() * 1000))), "kind", "turn_record",
                   "tenant_id", tenant, "occurred_at", now.isoformat().replace("+00:00", "Z"),
                   "data", json.dumps(data)))
        if poison:
            # Passes the service's checks, refused by PostgreSQL (inet) at every attempt.
            data = {"action": "agent.created", "resource_type": "agent", "status": "success",
                    "ip_address": "999.999.999.999"}
            w(resp("XADD", stream, "*", "id", str(uuid7(int(time.time() * 1000))), "kind", "audit_log",
                   "tenant_id", tenant, "occurred_at", datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
                   "data", json.dumps(data)))
    elif mode == "csv":
        tenant, start, end = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        for n in range(start, end):
            now = datetime.now(timezone.utc).isoformat()
            token = json.dumps({"prompt": 40, "completion": 25}).replace('"', '""')
            rules = json.dumps([{"id": "r%d" % (n % 7)}]).replace('"', '""')
            w('%s,%s,%s,%d,message %d,answer %d,"%s","%s",[],%d,bench,%s\n' % (
                uuid7(int(time.time() * 1000)), tenant, session_of(tenant, n), n % 100, n, n, rules, token,
                n % 900, now))
    else:
        sys.exit("usage: gen.py resp|csv ...")


if __name__ == "__main__":
    main()
