#!/usr/bin/env bash
# The quick start: installs what is missing, brings up the two-node ZFS lab, builds zsentinel,
# writes a configuration with two container disks on pve1 replicated to pve2 every minute,
# keeps writing data into them, and runs every service in this process with an embedded
# Kafka broker. Ctrl-C stops it (the lab stays up: deploy/lab/lab.sh down removes it).
# Run as root from the repository: sudo ./deploy/quickstart.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
state=${ZSENTINEL_STATE_DIR:-/var/lib/zsentinel}
config=$state/lab.yaml
lab="$root/deploy/lab/lab.sh"

[ "$(id -u)" -eq 0 ] || { echo "quickstart: run as root (it installs packages and starts the ZFS lab)" >&2; exit 1; }

bash deploy/packages.sh
"$lab" up 2
echo "quickstart: building zsentinel"
./mvnw -q -B -ntp -DskipTests package
bin/zsentinel lab-config --lab /var/tmp/zsentinel-lab/nodes.json --out "$config" --state-dir "$state" >/dev/null

# The guests' disks, as Proxmox names container volumes.
for vmid in 100 101; do
  "$lab" ssh pve1 "zfs list -H rpool/data/subvol-$vmid-disk-0 >/dev/null 2>&1 || zfs create rpool/data/subvol-$vmid-disk-0"
done

# A guest that writes: 64 KiB into each disk every 5 seconds, for as long as zsentinel runs
# (the loop ends with its SSH session: its parent, the session's sshd, is gone).
"$lab" ssh pve1 'while kill -0 $PPID 2>/dev/null; do for vmid in 100 101; do
    head -c 65536 /dev/urandom >> /rpool/data/subvol-$vmid-disk-0/data.bin; done; sleep 5; done' \
  >/dev/null 2>&1 &
writer=$!
trap 'kill $writer 2>/dev/null || true' EXIT

cat <<MSG
quickstart: zsentinel is starting with $config
  status:     bin/zsentinel status            (like pvesr status, plus effective RPO and chain)
  API:        http://127.0.0.1:8080/api/v1/jobs   /api/v1/pools   /api/v1/findings
  dashboard:  http://127.0.0.1:8080/
  metrics:    http://127.0.0.1:8080/metrics
  break it:   deploy/lab/lab.sh ssh pve1 zfs list -t snapshot   (destroy the newest __replicate_ snapshot
              of a job: zsentinel reports chain.broken and resyncs it by itself)
MSG
bin/zsentinel run --config "$config"
