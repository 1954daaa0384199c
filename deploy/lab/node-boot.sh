#!/usr/bin/env bash
# Runs INSIDE a node's fresh private mount namespace (lab.sh starts it with
# `unshare -m --propagation private`). Gives the namespace its own zfs-fuse state
# directories, starts that namespace's zfs-fuse, and creates the pool.
# Everything this starts is detached (setsid, stdio to files) so the namespace lives
# on after this script and the unshare process exit; lab.sh starts sshd afterwards.
# Usage: node-boot.sh NODE_DIR CLIENT_SSH_DIR POOL_MB
set -euo pipefail

node_dir=$1
client_ssh_dir=$2
pool_mb=$3
boot_timeout_s=${ZSENTINEL_LAB_BOOT_TIMEOUT_S:-30}

fail() { echo "node-boot: $*" >&2; exit 1; }

# zfs-fuse keeps socket, locks and zpool.cache here; private copies = a private daemon.
for pair in run:/var/run/zfs lock:/var/lock/zfs lib:/var/lib/zfs; do
  src=$node_dir/${pair%%:*}
  dst=${pair#*:}
  mkdir -p "$src" "$dst"
  mount --bind "$src" "$dst"
done

# root's home is the node's own (a private tmpfs): the host's dotfiles stay out of the
# node's SSH sessions (bash reads ~/.bashrc for every `ssh host cmd`; a host .bashrc
# with e.g. pyenv init cost 0.5 s per command here). Its ~/.ssh is the lab's client dir
# (key, known_hosts, config), so `ssh pve2 ...` works from every node without prompts.
mount -t tmpfs -o size=16m,mode=700 zsentinel-lab-home /root
mkdir -p /root/.ssh
mount --bind "$client_ssh_dir" /root/.ssh

# --disable-page-cache: otherwise, after an incremental `zfs receive`, reads of an already
# mounted target still return the kernel's cached pages of the old contents (seen here: the
# checksum on the receiver changed only after a remount). Real ZFS has no such problem.
setsid zfs-fuse --no-daemon --no-kstat-mount --disable-page-cache -m 64 \
  </dev/null >>"$node_dir/zfs-fuse.log" 2>&1 &
zfs_pid=$!
echo "$zfs_pid" >"$node_dir/zfs-fuse.pid"
readlink /proc/self/ns/mnt >"$node_dir/mntns"

deadline=$((SECONDS + boot_timeout_s))
until [ -S /var/run/zfs/zfs_socket ]; do
  [ -d "/proc/$zfs_pid" ] || fail "zfs-fuse (pid $zfs_pid) exited; see $node_dir/zfs-fuse.log"
  [ "$SECONDS" -lt "$deadline" ] || fail "no /var/run/zfs/zfs_socket after ${boot_timeout_s}s"
  sleep 0.05
done

# zfs-fuse accepts the socket a moment before it answers; poll a harmless query.
until zpool list >/dev/null 2>&1; do
  [ "$SECONDS" -lt "$deadline" ] || fail "zfs-fuse does not answer after ${boot_timeout_s}s"
  sleep 0.05
done

# A private, empty tmpfs under the pool's mountpoint: whatever sits in the host's /rpool
# stays out of the way (zpool refuses a non-empty mountpoint), and nothing this node
# writes there can reach the host's disk, even if a FUSE mount goes away.
mkdir -p /rpool
mount -t tmpfs -o size=16m,mode=755 zsentinel-lab /rpool

truncate -s "${pool_mb}M" "$node_dir/rpool.img"
# Mountpoints as on Proxmox (/rpool, /rpool/data/subvol-...); the FUSE mounts exist only
# in this namespace, so every node can use the same paths.
zpool create -f -m /rpool rpool "$node_dir/rpool.img" >/dev/null
zfs create rpool/data
