#!/usr/bin/env bash
# The one place that knows which Debian packages the kiosk and its tests need.
# Installs the missing ones when run as root; otherwise prints the exact apt-get line.
#
#   system-deps.sh                 (npm test's pretest) everything must be there: a non-root
#                                  user with packages missing gets the line and exit 1
#   system-deps.sh --before-build  (npm install, from the hall-kiosk-system-deps dependency's
#                                  preinstall, which npm runs before any native module is
#                                  built; see scripts/system-deps/package.json) fails only when
#                                  a package needed to build the native modules is missing
#   system-deps.sh --warn          (npm install's root preinstall, whose output npm shows)
#                                  never fails: says what is missing and the line to run
#   system-deps.sh --list          prints the package names, one a line (scripts/fresh-machine.sh)
# Add --quiet to say nothing when all are present.
set -u
mode=all
quiet=0
for arg in "$@"; do
  case "$arg" in
    --before-build) mode=build ;;
    --warn) mode=warn ;;
    --list) mode=list ;;
    --quiet) quiet=1 ;;
    *) echo "system-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

# Needed to build the native modules (@pokusew/pcsclite has no prebuilt binary: node-gyp
# compiles it against winscard.h).
# package            why
build=(
  python3            # node-gyp
  make               # node-gyp
  g++                # node-gyp
  libpcsclite-dev    # winscard.h for the Node PC/SC binding build
)
# Needed to run the kiosk and its tests.
run=(
  socat              # pseudo-terminal pairs for the serial device simulators
  chromium           # the browser shell and the end-to-end tests
  fonts-noto-cjk     # Chinese glyphs for the screen and the printer simulator's PNGs
  libusb-1.0-0       # node-hid (USB HID ID-card readers)
  udev               # SerialPort.list() reads udev properties
  libudev1           # node-hid hidraw backend
  pcscd              # PC/SC daemon for citizen-card readers
  libpcsclite1       # PC/SC client library
  vsmartcard-vpcd    # virtual PC/SC reader used by the citizen-card tests
  xvfb               # a display for looking at the kiosk window headless
  x11-xserver-utils  # xrandr: the screen size for the kiosk window on an X server without a window manager
  openssl            # the throwaway CA and certificates of the mutual-TLS tests
  fuse3              # the power-cut file system of the durability tests (test/support/powercut-fs)
  libfuse3-dev       # its headers: the tests compile it from source
  gcc                # the compiler for it
  pkg-config         # finds libfuse3's flags
  mosquitto          # the MQTT broker of the fleet tests and the fleet bench
  ffmpeg             # the browser shell's fleet screenshot (x11grab); the fake camera's y4m video
)
names() { for entry in "$@"; do echo "${entry%% *}"; done; }

if [ $mode = list ]; then
  names "${build[@]}" "${run[@]}"
  exit 0
fi

missing_of() {
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || echo "$pkg"
  done
}
mapfile -t missing_build < <(missing_of $(names "${build[@]}"))
mapfile -t missing < <(missing_of $(names "${build[@]}" "${run[@]}"))

if [ ${#missing[@]} -eq 0 ]; then
  [ $quiet = 1 ] || echo "system-deps: all present"
  exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "system-deps: run as root:  $line" >&2
  case $mode in
    warn) exit 0 ;;
    build)
      [ ${#missing_build[@]} -eq 0 ] && exit 0
      echo "system-deps: the native modules cannot be built without ${missing_build[*]}: run the line above as root, then npm install again" >&2
      exit 1 ;;
    *) echo "system-deps: the kiosk and its tests need them: run the line above as root" >&2; exit 1 ;;
  esac
fi

echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || echo "system-deps: apt-get update failed; trying the install anyway" >&2
if ! $line >&2; then
  echo "system-deps: install failed; the line was:  $line" >&2
  exit 1
fi
