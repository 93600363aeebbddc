#!/usr/bin/env bash
# `npm run test:fresh-machine`: proves the README's two commands on a machine without the
# project's Debian packages. Removes the packages scripts/system-deps.sh manages, clones the
# repository's committed HEAD into a temporary folder and runs there, timing each step:
#   npm install          (must install the packages again, as root, before the native builds)
#   git status           (the install must leave the clone unchanged: a stable lockfile)
#   npm test
#   npm start            (demo config, no window: until the kiosk prints KIOSK_URL and ready, and serves the page)
#
#   bash scripts/fresh-machine.sh [--dry-run] [--keep-packages] [--no-test] [--repo <path|url>]
#     --dry-run        say what would be removed and run, change nothing
#     --keep-packages  skip the removal (the rest runs as on a fresh machine, but with the packages)
#     --no-test        skip npm test (a quicker check of install and start)
# Removing packages stops anything else on this machine that needs them (chromium, pcscd…):
# run it when nothing else is running. A package whose removal would take packages outside
# the list with it (libudev1, python3…) is kept, and the report says so.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dry=0 keep=0 test=1 repo="$here"
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry=1 ;;
    --keep-packages) keep=1 ;;
    --no-test) test=0 ;;
    --repo) repo="$2"; shift ;;
    *) echo "fresh-machine: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# Started by `npm run`, we inherit npm_config_* of this checkout (local-prefix…): not the clone's.
while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_')

results=()
failed=0
step() { # step <name> <command…>: runs it, records its time and result
  local name="$1"; shift
  if [ $dry = 1 ]; then echo "would run: $*"; results+=("$(printf '%-28s %8s  %s' "$name" '-' 'dry run')"); return 0; fi
  echo "== $name: $*"
  local t0 t1 rc
  t0=$(date +%s.%N)
  "$@"; rc=$?
  t1=$(date +%s.%N)
  results+=("$(printf '%-28s %7.1fs  %s' "$name" "$(awk "BEGIN{print $t1 - $t0}")" "$([ $rc = 0 ] && echo ok || echo "FAILED ($rc)")")")
  [ $rc = 0 ] || failed=1
  return $rc
}

# 1. Remove the packages (only those whose removal stays within the list).
mapfile -t listed < <(bash "$here/scripts/system-deps.sh" --list)
installed=() removable=() kept=()
for pkg in "${listed[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] && installed+=("$pkg")
done
for pkg in "${installed[@]}"; do
  mapfile -t goes < <(apt-get -s purge "$pkg" 2>/dev/null | awk '/^Purg /{print $2}')
  outside=()
  for g in "${goes[@]}"; do [[ " ${listed[*]} " == *" $g "* ]] || outside+=("$g"); done
  if [ ${#goes[@]} -eq 0 ]; then kept+=("$pkg (apt refuses to remove it)")
  elif [ ${#outside[@]} -gt 0 ]; then kept+=("$pkg (would also remove ${outside[*]:0:4}${outside[4]:+…})")
  else removable+=("$pkg"); fi
done
echo "packages of scripts/system-deps.sh installed: ${installed[*]:-none}"
if [ $keep = 1 ]; then
  echo "keeping them (--keep-packages)"
else
  [ ${#kept[@]} -eq 0 ] || printf 'kept: %s\n' "${kept[@]}"
  if [ ${#removable[@]} -gt 0 ]; then
    if [ $dry = 0 ] && [ "$(id -u)" != 0 ]; then echo "fresh-machine: removing packages needs root (or use --keep-packages)" >&2; exit 1; fi
    step "remove packages" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${removable[@]}" || exit 1
    if [ $dry = 0 ]; then
      mapfile -t still < <(for p in "${removable[@]}"; do [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] && echo "$p"; done)
      [ ${#still[@]} -eq 0 ] || { echo "fresh-machine: still installed after the purge: ${still[*]}" >&2; exit 1; }
    fi
  fi
fi

# 2. A fresh clone, then the README's commands in it.
work=$(mktemp -d /tmp/hall-kiosk-fresh-XXXXXX)
clone="$work/hall-kiosk"
step "git clone" git clone --quiet "$repo" "$clone" || exit 1
[ $dry = 1 ] && mkdir -p "$clone"
cd "$clone" || exit 1
step "npm install" npm install --no-audit --no-fund
dirty() { local s; s=$(git status --porcelain); [ -z "$s" ] || { echo "the install changed the clone:"; echo "$s"; git --no-pager diff --stat; return 1; }; }
step "clone unchanged by install" dirty
step "system packages present" bash scripts/system-deps.sh
[ $test = 1 ] && step "npm test" npm test

smoke_start() { # npm start (demo config, no window) until the page is served, then SIGTERM
  local log="$work/npm-start.log" url=""
  setsid npm start -- --no-browser >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    # The address comes when the bridge listens; the ready line once the core started.
    url=$(sed -n 's/^KIOSK_URL=//p' "$log" | head -1)
    [ -n "$url" ] && grep -q '^ready ' "$log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.2
  done
  local ok=1
  if [ -n "$url" ] && curl -fsS -o /dev/null "${url%%#*}"; then ok=0; fi
  grep -m1 '^ready ' "$log"
  kill -TERM -- -$pid 2>/dev/null
  wait $pid
  [ $ok = 0 ] || { echo "npm start did not serve the page; its output:"; tail -20 "$log"; }
  return $ok
}
step "npm start (demo) serves" smoke_start

echo
echo "fresh machine: $(. /etc/os-release && echo "$PRETTY_NAME"), node $(node -v), npm $(npm -v); clone of $(git -C "$clone" rev-parse --short HEAD 2>/dev/null || echo "$repo") in $clone"
[ $keep = 1 ] || echo "$([ $dry = 1 ] && echo "would remove" || echo removed): ${removable[*]:-none}"
printf '%s\n' "${results[@]}"
if [ $dry = 1 ] || [ $failed = 0 ]; then rm -rf "$work"; else echo "kept $work for a look"; fi
exit $failed
