#!/bin/sh
# Installs (or updates) the PrintBridge agent on a Linux till, from this unpacked archive:
#   sudo ./install.sh [--server HOST:PORT --code CODE] [--printer-usb VVVV:PPPP | --printer-host HOST[:PORT]
#                     | --printer-queue NAME | --printer-virtual] [--skip-enrol] [--root DIR]
# The server address and one-time code are asked for when not given (and no identity exists yet);
# the printers this PC sees are listed before the receipt printer is chosen.
# --root DIR stages the files under DIR without creating the user or touching systemd and udev
# (what the build's test does); an update keeps the settings, identity and journal.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=""
server=""
code=""
printer=""
skip_enrol=no
fail() { echo "install.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=${2:?--root needs a folder}; shift 2 ;;
    --server) server=${2:?--server needs HOST:PORT}; shift 2 ;;
    --code) code=${2:?--code needs the one-time code}; shift 2 ;;
    --printer-usb) printer="usb ${2:?--printer-usb needs VVVV:PPPP}"; shift 2 ;;
    --printer-host) printer="network ${2:?--printer-host needs HOST[:PORT]}"; shift 2 ;;
    --printer-queue) printer="spooler ${2:?--printer-queue needs a CUPS queue name}"; shift 2 ;;
    --printer-virtual) printer="virtual -"; shift ;;
    --skip-enrol) skip_enrol=yes; shift ;;
    *) fail "unknown option: $1 (expected: --server, --code, --printer-usb, --printer-host, --printer-queue, --printer-virtual, --skip-enrol, --root)" ;;
  esac
done

[ -z "$root" ] || root=$(mkdir -p "$root" && cd "$root" && pwd) # absolute: later steps change folder
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
  fail "run it as root (sudo ./install.sh): it creates the printbridge user and installs a systemd unit"
fi

opt="$root/opt/printbridge-agent"
state="$root/var/lib/printbridge"
config="$state/agent.properties"
agent="$opt/bin/bridge-agent"

# The service's own user: no login, no home but its state folder.
if [ -z "$root" ] && ! id printbridge >/dev/null 2>&1; then
  useradd --system --user-group --home-dir /var/lib/printbridge --no-create-home \
    --shell /usr/sbin/nologin printbridge
fi
as_agent() { if [ -z "$root" ]; then runuser -u printbridge -- "$@"; else "$@"; fi; }

# The program: replaced whole on an update.
rm -rf "$opt.new"
mkdir -p "$opt.new"
cp -R "$here/bridge-agent.jar" "$here/bin" "$here/README.txt" "$opt.new/"
[ -d "$here/runtime" ] && cp -R "$here/runtime" "$opt.new/"
rm -rf "$opt"
mv "$opt.new" "$opt"

mkdir -p "$root/etc/systemd/system" "$root/etc/udev/rules.d"
install -m 0644 "$here/systemd/printbridge-agent.service" "$root/etc/systemd/system/"
install -m 0644 "$here/udev/70-printbridge-printer.rules" "$root/etc/udev/rules.d/"

# Settings, identity and journal: owner-only, kept across updates.
mkdir -p "$state" "$root/var/log/printbridge"
chmod 0700 "$state" "$root/var/log/printbridge"
[ -f "$config" ] || install -m 0600 "$here/agent.service.properties" "$config"
if [ -z "$root" ]; then
  chown -R printbridge:printbridge "$state" "$root/var/log/printbridge"
fi

if [ "$skip_enrol" = no ] && ! grep -q '^tls.key=' "$config"; then
  [ -n "$server" ] || { printf 'Bridge server (HOST:PORT, from IT): '; read -r server; }
  [ -n "$code" ] || { printf 'One-time enrolment code (from IT): '; read -r code; }
  as_agent "$agent" enroll --server "$server" --code "$code" --config "$config"
fi

# Without --config (run from / where there is no agent.properties) `printers` lists the USB
# printers only: with the settings file, whose receipt printer is not chosen yet, it would stop at that.
echo "USB printers this PC sees:"
(cd / && as_agent "$agent" printers) || true

if [ -z "$printer" ] && ! grep -q '^printer.receipt.transport=' "$config"; then
  echo "Receipt printer: usb VVVV:PPPP (as listed above), network HOST[:PORT], spooler QUEUE, or virtual"
  printf 'Choice: '
  read -r kind value
  printer="$kind ${value:--}"
fi

if [ -n "$printer" ]; then
  kind=${printer%% *}
  value=${printer#* }
  grep -v '^printer\.receipt\.' "$config" > "$config.tmp" || true
  {
    echo "printer.receipt.transport=$kind"
    case "$kind" in
      usb)
        echo "$value" | grep -Eq '^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$' || fail "--printer-usb $value (expected: VVVV:PPPP in hex, e.g. 0471:0055)"
        echo "printer.receipt.usb.vendor-id=${value%%:*}"
        echo "printer.receipt.usb.product-id=${value#*:}" ;;
      network)
        echo "printer.receipt.network.host=${value%%:*}"
        case "$value" in *:*) echo "printer.receipt.network.port=${value#*:}" ;; esac ;;
      spooler) echo "printer.receipt.spooler.queue=$value" ;;
      virtual) ;;
      *) fail "receipt printer: $kind (expected: usb, network, spooler or virtual)" ;;
    esac
  } >> "$config.tmp"
  mv "$config.tmp" "$config"
  chmod 0600 "$config"
  [ -z "$root" ] && chown printbridge:printbridge "$config"
  echo "Receipt printer set to $kind $value in $config:"
  as_agent "$agent" printers --config "$config" || echo "(the printer is not ready: see above)"
fi

if [ -z "$root" ]; then
  udevadm control --reload-rules && udevadm trigger --subsystem-match=usb || true
  systemctl daemon-reload
  systemctl enable printbridge-agent.service
  systemctl restart printbridge-agent.service
  echo "Started: systemctl status printbridge-agent; log in /var/log/printbridge/agent.log"
else
  echo "Staged under $root (no user, systemd or udev changes)."
fi
