#!/usr/bin/env bash
# Lays out guests/busybox/root/: Debian trixie's busybox-static for riscv64 as bin/busybox, a
# symlink in bin/ for each of its applets (bin/sh among them), and data/ copied from
# guests/busybox/data/. Run as root on a Debian machine (apt-get). The download is skipped when
# root/bin/busybox is already there; the symlinks and data/ are laid anew on every run.
#
# apt's sources are changed only for the time of the download: one line of our own in
# /etc/apt/sources.list.d/ (trixie, riscv64 only, on the mirror that debian.sources names), which
# a trap removes, followed by a second `apt-get update` so the lists are as they were.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/root"
busybox="$root/bin/busybox"

sources=/etc/apt/sources.list.d/debian.sources
list=/etc/apt/sources.list.d/litebox-busybox-riscv64.list
work=

cleanup() {
  if [ -e "$list" ]; then
    rm -f "$list"
    apt-get update -qq >/dev/null 2>&1 || echo "busybox: the second apt-get update failed" >&2
  fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
}

download() {
  local mirror
  mirror=$(awk '$1 == "URIs:" { print $2; exit }' "$sources" 2>/dev/null || true)
  if [ -z "$mirror" ]; then
    echo "busybox: no Debian mirror found in $sources" >&2
    return 1
  fi

  work=$(mktemp -d)
  # Always undo the change to apt's sources, however the download ends.
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM HUP
  echo "deb [arch=riscv64] $mirror trixie main" > "$list"

  # riscv64 is not one of dpkg's architectures here: name it to apt for these two commands only.
  local arch=(-o 'APT::Architectures::=riscv64') out
  apt-get update -qq "${arch[@]}" >/dev/null
  if ! out=$(cd "$work" && apt-get download -q "${arch[@]}" busybox-static:riscv64 2>&1); then
    echo "$out" >&2
    return 1
  fi
  dpkg-deb -x "$work"/busybox-static_*_riscv64.deb "$work/x"
  mkdir -p "$root/bin"
  install -m 0755 "$work/x/usr/bin/busybox" "$busybox.new"
  mv "$busybox.new" "$busybox"
  dpkg-deb -f "$work"/busybox-static_*_riscv64.deb Version > "$root/VERSION"
  cleanup
  trap - EXIT INT TERM HUP
}

if [ ! -x "$busybox" ]; then
  echo "busybox: downloading Debian trixie's busybox-static for riscv64" >&2
  download
fi

# One symlink per applet, listed by the binary itself (run through binfmt_misc or qemu-riscv64).
cd "$root/bin"
if ./busybox true 2>/dev/null; then
  applets=$(./busybox --list)
elif command -v qemu-riscv64 >/dev/null 2>&1; then
  applets=$(qemu-riscv64 ./busybox --list)
else
  echo "busybox: cannot run the riscv64 busybox to list its applets (no qemu-riscv64)" >&2
  exit 1
fi
for applet in $applets; do
  [ "$applet" = busybox ] || ln -sfn busybox "$applet"
done

rm -rf "$root/data"
cp -R "$here/data" "$root/data"
echo "busybox: $(cat "$root/VERSION" 2>/dev/null) in $root" >&2
