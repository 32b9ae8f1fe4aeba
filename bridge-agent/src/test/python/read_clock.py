# Reads a ZK attendance clock's whole log with pyzk (the most used Python client, written by
# others) and prints what it took as one JSON line, for ClockReadBenchmark to put beside this
# project's client and node-zklib on the same simulated clock.
#
# pyzk cannot be installed from a registry reachable here, so it is given as a folder holding its
# public source (the folder with the `zk` package in it, e.g. the 0.9 tag of
# github.com/fananimi/pyzk, unpacked); only the Python standard library is needed besides.
#
# Usage: python3 read_clock.py PYZK_SOURCE_DIR HOST PORT tcp|udp
#   prints {"client":"pyzk 0.9","records":N,"millis":N,"keys":"<sha-256>"}, where millis runs from
#   connect() to get_attendance()'s answer (Python's start-up is not in it) and keys is the SHA-256
#   (hex) of one line per record in the order read, "userId,localTime\n", localTime written as
#   Java's LocalDateTime.toString writes it, so the benchmark can check every record against the
#   simulator's.
# Exit status 0 when read, 1 when pyzk raised, 2 for a wrong command line.
import hashlib
import json
import sys
import time


def java_local_time(moment):
    """A naive datetime as java.time.LocalDateTime.toString writes it: seconds only when not zero."""
    text = moment.strftime("%Y-%m-%dT%H:%M")
    if moment.second or moment.microsecond:
        text += ":%02d" % moment.second
    if moment.microsecond:
        text += ".%06d" % moment.microsecond
    return text


def keys_digest(records):
    sha = hashlib.sha256()
    for record in records:
        sha.update(("%s,%s\n" % (record.user_id, java_local_time(record.timestamp))).encode("utf-8"))
    return sha.hexdigest()


def main(argv):
    if len(argv) != 5 or argv[4] not in ("tcp", "udp") or not argv[3].isdigit():
        sys.stderr.write(
            "usage: python3 read_clock.py PYZK_SOURCE_DIR HOST PORT tcp|udp (got: %r; expected: a port"
            " number and tcp or udp)\n" % (argv[1:],))
        return 2
    source, host, port, transport = argv[1], argv[2], int(argv[3]), argv[4]
    sys.path.insert(0, source)
    try:
        import zk
        from zk import ZK
    except ImportError as e:
        sys.stderr.write("no pyzk in %s (expected: the folder holding its `zk` package): %s\n" % (source, e))
        return 2
    version = ".".join(str(part) for part in getattr(zk, "VERSION", ("?",)))
    # ommit_ping: pyzk runs the system's `ping` first otherwise, which is not the protocol and
    # may not exist on a build machine.
    client = ZK(host, port=port, timeout=10, force_udp=(transport == "udp"), ommit_ping=True)
    started = time.monotonic()
    connection = client.connect()
    try:
        records = connection.get_attendance()
        millis = (time.monotonic() - started) * 1000.0
    finally:
        connection.disconnect()
    print(json.dumps({"client": "pyzk " + version, "records": len(records), "millis": round(millis, 1),
                      "keys": keys_digest(records)}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SystemExit:
        raise
    except Exception as e:  # pyzk's own errors (ZKErrorResponse, ZKNetworkError) and socket errors
        sys.stderr.write("pyzk failed: %s: %s\n" % (type(e).__name__, e))
        sys.exit(1)
