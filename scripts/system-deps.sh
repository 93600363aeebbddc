#!/usr/bin/env bash
# The one place that knows which Debian packages the kiosk and its tests need.
# Installs the missing ones when run as root; otherwise prints the exact apt-get line.
# Called by `npm install` (preinstall) and `npm test` (pretest), so the README's two
# commands alone set up a fresh machine.
set -u
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1

# package            why
needed=(
  socat              # pseudo-terminal pairs for the serial device simulators
  chromium           # the browser shell and the end-to-end tests
  fonts-noto-cjk     # Chinese glyphs for the screen and the printer simulator's PNGs
  libusb-1.0-0       # node-hid (USB HID ID-card readers)
  udev               # SerialPort.list() reads udev properties
  libudev1           # node-hid hidraw backend
  pcscd              # PC/SC daemon for citizen-card readers
  libpcsclite1       # PC/SC client library
  libpcsclite-dev    # headers for the Node PC/SC binding build
  vsmartcard-vpcd    # virtual PC/SC reader used by the citizen-card tests
  xvfb               # a display for looking at the kiosk window headless
  x11-xserver-utils  # xrandr: the screen size for the kiosk window on an X server without a window manager
  openssl            # the throwaway CA and certificates of the mutual-TLS tests
)
names=()
for entry in "${needed[@]}"; do names+=("${entry%% *}"); done

missing=()
for pkg in "${names[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  [ $quiet = 1 ] || echo "system-deps: all present"
  exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "system-deps: run as root:  $line" >&2
  exit 0
fi

echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || echo "system-deps: apt-get update failed; trying the install anyway" >&2
if ! $line >&2; then
  echo "system-deps: install failed; the line was:  $line" >&2
  exit 1
fi
