#!/usr/bin/env bash
# A real S3 server for CI: Debian's Ceph RADOS Gateway on a single-node cluster (one monitor,
# one in-memory OSD, no cephx), listening on 127.0.0.1:7480 with user immoxx-ci. It is Ceph's
# own S3 implementation, with SigV4 checked (a tampered presigned URL gets 403), unlike
# in-process fakes. Up in about 20 s; the data lives in memory and goes with the processes.
# Usage: .ci/s3-rgw.sh start | stop        (needs: ceph-mon ceph-osd radosgw uuid-runtime)
set -euo pipefail
DIR=${CEPH_DIR:-/tmp/immoxx-ceph}
PORT=${RGW_PORT:-7480}
export CEPH_CONF="$DIR/ceph.conf"

stop() {
  for name in client.rgw.a osd.0 mon.a; do
    [ -f "$DIR/run/$name.pid" ] && kill "$(cat "$DIR/run/$name.pid")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$DIR"
}

# Every step's output goes to a log that is printed when a step fails, with the failing command:
# a CI run once stopped here with only an exit code (250) to go on.
fail() {
  echo "s3-rgw: '$1' failed with exit code $2; the last lines of its logs:" >&2
  tail -n 30 "$DIR/setup.log" "$DIR"/log/*.log >&2 2>/dev/null || true
}

start_once() {
  stop
  mkdir -p "$DIR"/{mon,osd,log,run}
  local log="$DIR/setup.log"
  local fsid
  fsid=$(uuidgen)
  cat > "$CEPH_CONF" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:6789
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd objectstore = memstore
memstore device bytes = 2147483648
osd data = $DIR/osd/\$name
mon data = $DIR/mon/\$name
log file = $DIR/log/\$name.log
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
osd crush chooseleaf type = 0
mon max pg per osd = 1000
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
ms bind ipv6 = false
ms bind msgr2 = false
keyring = /dev/null
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw dns name = localhost
CONF
  monmaptool --create --clobber --add a 127.0.0.1:6789 --fsid "$fsid" "$DIR/monmap" >>"$log" 2>&1
  mkdir -p "$DIR/mon/mon.a" "$DIR/osd/osd.0"
  ceph-mon --mkfs -i a --monmap "$DIR/monmap" >>"$log" 2>&1
  ceph-mon -i a >>"$log" 2>&1
  local osd
  osd=$(ceph --connect-timeout 60 osd create 2>>"$log")
  ceph-osd -i "$osd" --mkfs >>"$log" 2>&1
  ceph-osd -i "$osd" >>"$log" 2>&1
  radosgw -n client.rgw.a >>"$log" 2>&1
  for _ in $(seq 1 90); do curl -sf -m 2 "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 1; done
  curl -sf -m 2 "http://127.0.0.1:$PORT/" >/dev/null 2>&1 || { echo "RGW did not answer on $PORT within 90 s" >>"$log"; return 1; }
  # The user is written through the cluster, which may still be settling: asked again until it reads back.
  for _ in $(seq 1 10); do
    radosgw-admin -n client.rgw.a user create --uid=immoxx --display-name="ImmoXX CI" \
      --access-key=immoxx-ci --secret-key=immoxx-ci-secret-0123456789 >>"$log" 2>&1 || true
    radosgw-admin -n client.rgw.a user info --uid=immoxx >>"$log" 2>&1 && return 0
    sleep 3
  done
  echo "the S3 user could not be created" >>"$log"
  return 1
}

start() {
  if curl -sf -m 2 "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then echo "RGW already answers on $PORT"; return; fi
  # Left-over daemons of an earlier run (their pid files may be gone) would hold the ports.
  pkill -x radosgw 2>/dev/null || true
  pkill -x ceph-osd 2>/dev/null || true
  pkill -x ceph-mon 2>/dev/null || true
  local attempt
  for attempt in 1 2 3; do
    # Not inside an if: there errexit and the ERR trap would be switched off for the subshell.
    set +e
    (
      set -eE
      trap 'fail "$BASH_COMMAND" $?' ERR
      start_once
    )
    local rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then
      echo "Ceph RGW $(radosgw --version | awk '{print $3}') on http://127.0.0.1:$PORT (access key immoxx-ci)"
      return 0
    fi
    echo "s3-rgw: attempt $attempt did not bring RGW up" >&2
    stop
    pkill -x radosgw 2>/dev/null || true
    pkill -x ceph-osd 2>/dev/null || true
    pkill -x ceph-mon 2>/dev/null || true
    sleep 2
  done
  return 1
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
