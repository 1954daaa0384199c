#!/usr/bin/env bash
# Installs the Debian packages zsentinel's lab, tests and quick start need; skips what is there.
# Used by .ci/run and by the quick start. Needs root (apt-get).
set -euo pipefail
packages=(zfs-fuse openssh-server openssh-client zabbix-proxy-sqlite3 util-linux iproute2 procps coreutils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "zsentinel: missing packages ${missing[*]}; run as root or: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "zsentinel: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  echo "zsentinel: no Java found; installing openjdk-17-jdk-headless"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless >/dev/null
fi
