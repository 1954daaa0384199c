#!/usr/bin/env bash
# The zsentinel ZFS lab: N "Proxmox nodes" on one machine. Node pveI lives in its own
# private mount namespace with its own zfs-fuse daemon, a pool `rpool` (+ rpool/data) on
# an image file, and its own sshd on 127.0.0.(10+I):2222. See README.md beside this file.
#
#   lab.sh up [N]          bring up nodes pve1..pveN (default 2); idempotent, verifies health
#   lab.sh down            stop every node, destroy pools, remove images (keys are kept)
#   lab.sh status          one line per node; exit 0 all healthy, 1 degraded, 3 no lab
#   lab.sh env             print ZSENTINEL_LAB_DIR / ZSENTINEL_LAB_NODES (the descriptor)
#   lab.sh sshd-stop NODE  kill the node's sshd and its sessions (node looks offline)
#   lab.sh sshd-start NODE start it again inside the node's namespace
#   lab.sh ssh NODE [CMD]  open a shell / run a command on a node (for humans)
set -euo pipefail

export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"

lab_home=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
state=${ZSENTINEL_LAB_DIR:-/var/tmp/zsentinel-lab}
pool_mb=${ZSENTINEL_LAB_POOL_MB:-512}
ssh_port=2222
# Node I listens on 127.0.0.(ip_base+I); another base lets a second lab run beside this one.
ip_base=${ZSENTINEL_LAB_IP_BASE:-10}
ssh_user=root
wait_timeout_s=${ZSENTINEL_LAB_WAIT_TIMEOUT_S:-30}
poll_s=0.05

client_dir=$state/ssh-client          # bind-mounted as /root/.ssh inside every node
client_key=$client_dir/id_ed25519
known_hosts=$state/known_hosts
authorized_keys=$state/authorized_keys
descriptor=$state/nodes.json

die() { echo "lab.sh: $*" >&2; exit 1; }
log() { echo "lab.sh: $*" >&2; }

# ---------------------------------------------------------------- preflight

preflight() {
  local missing=() packages=() cmd pkg
  for pair in zfs-fuse:zfs-fuse zfs:zfs-fuse zpool:zfs-fuse sshd:openssh-server \
              ssh:openssh-client ssh-keygen:openssh-client unshare:util-linux \
              nsenter:util-linux flock:util-linux mount:mount truncate:coreutils; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    if ! command -v "$cmd" >/dev/null 2>&1; then
      missing+=("$cmd")
      [[ " ${packages[*]-} " == *" $pkg "* ]] || packages+=("$pkg")
    fi
  done
  if [ "$(id -u)" != 0 ]; then
    missing=("root" "${missing[@]}")
  fi
  [ -c /dev/fuse ] || missing+=("/dev/fuse")
  if [ "${#missing[@]}" -gt 0 ]; then
    die "cannot run the lab: missing ${missing[*]}; needs root, /dev/fuse and: apt-get install -y zfs-fuse openssh-server openssh-client util-linux${packages[*]:+ (missing packages: ${packages[*]})}"
  fi
}

# ---------------------------------------------------------------- helpers

node_name() { echo "pve$1"; }
node_ip() { echo "127.0.0.$((ip_base + $1))"; }
node_dir() { echo "$state/nodes/pve$1"; }
node_index() { # pveN -> N, or fail
  [[ "$1" =~ ^pve([1-9][0-9]*)$ ]] || die "no such node: '$1' (nodes are pve1, pve2, ...)"
  echo "${BASH_REMATCH[1]}"
}
existing_indexes() {
  local d
  for d in "$state"/nodes/pve*; do
    [ -d "$d" ] || continue
    echo "${d##*/pve}"
  done | sort -n
}

# wait_until TIMEOUT_S DESCRIPTION COMMAND...: poll COMMAND every $poll_s until it succeeds.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || { log "timed out after ${timeout}s waiting for $what"; return 1; }
    sleep "$poll_s"
  done
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
port_closed() { ! port_open "$1" "$2"; }

# The node's zfs-fuse pid, only if that process is alive, is zfs-fuse and sits in the
# namespace recorded at boot (pid files survive reboots; pids get reused).
zfs_pid() {
  local d=$1 pid ns
  pid=$(cat "$d/zfs-fuse.pid" 2>/dev/null) || return 1
  ns=$(cat "$d/mntns" 2>/dev/null) || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = zfs-fuse ] || return 1
  [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "$ns" ] || return 1
  [ "$ns" != "$(readlink /proc/self/ns/mnt)" ] || return 1
  echo "$pid"
}

in_node() { # in_node DIR CMD...: run CMD in the node's mount namespace
  local d=$1 pid; shift
  pid=$(zfs_pid "$d") || return 1
  nsenter --target "$pid" --mount -- "$@"
}

# Pids of every process in the node's namespace whose comm is $2 (all of them if empty).
ns_pids() {
  local d=$1 comm=${2:-} ns p
  zfs_pid "$d" >/dev/null || return 0
  ns=$(cat "$d/mntns")
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$ns" ] || continue
    if [ -n "$comm" ] && [ "$(cat "$p/comm" 2>/dev/null)" != "$comm" ]; then continue; fi
    echo "${p#/proc/}"
  done
}

# Sends TERM to the given pids, waits for them to go, KILLs what is left.
stop_pids() {
  [ "$#" -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  # A zombie counts as gone: its parent (often pid 1 here) reaps it in its own time.
  pids_gone() {
    local p st
    for p in "$@"; do
      st=$(sed -E 's/^[0-9]+ \(.*\) (.).*/\1/' "/proc/$p/stat" 2>/dev/null) || continue
      [ "$st" = Z ] || return 1
    done
  }
  if ! wait_until 10 "pids $* to exit" pids_gone "$@"; then
    kill -KILL "$@" 2>/dev/null || true
    wait_until 5 "pids $* to die" pids_gone "$@" || true
  fi
}

sshd_pid() { # the node's listening sshd, verified
  local d=$1 pid
  pid=$(cat "$d/sshd.pid" 2>/dev/null) || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sshd ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$d/sshd_config" || return 1
  echo "$pid"
}

pool_health() { in_node "$1" zpool list -H -o health rpool 2>/dev/null; }

# ---------------------------------------------------------------- keys and config

ensure_client_key() {
  mkdir -p "$client_dir"
  chmod 700 "$client_dir"
  if [ ! -f "$client_key" ]; then
    ssh-keygen -q -t ed25519 -N '' -C zsentinel-lab-client -f "$client_key"
  fi
  cp "$client_key.pub" "$authorized_keys"
  chmod 600 "$authorized_keys" "$client_key"
}

ensure_node_files() {
  local i=$1 d ip
  d=$(node_dir "$i"); ip=$(node_ip "$i")
  mkdir -p "$d"
  if [ ! -f "$d/ssh_host_ed25519_key" ]; then
    ssh-keygen -q -t ed25519 -N '' -C "$(node_name "$i")" -f "$d/ssh_host_ed25519_key"
  fi
  # A config of our own: the machine's /etc/ssh/sshd_config (PAM, includes) stays out.
  cat >"$d/sshd_config" <<EOF
Port $ssh_port
ListenAddress $ip
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
MaxSessions 64
MaxStartups 64:30:128
Subsystem sftp internal-sftp
EOF
}

# known_hosts + ssh config for the host side (tests, humans) and for node-to-node ssh.
write_client_config() {
  local i d ip name pub tmp
  tmp=$(mktemp "$state/.known_hosts.XXXXXX")
  : >"$client_dir/config.tmp"
  for i in $(existing_indexes); do
    d=$(node_dir "$i"); ip=$(node_ip "$i"); name=$(node_name "$i")
    [ -f "$d/ssh_host_ed25519_key.pub" ] || continue
    pub=$(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")
    # [ip]:port for `ssh -p 2222 root@ip`, the name forms for `ssh pveN` and for
    # pvesr-style `-o HostKeyAlias=pveN`.
    echo "[$ip]:$ssh_port,[$name]:$ssh_port,$name $pub" >>"$tmp"
    printf 'Host %s %s\n  HostName %s\n  Port %s\n  User %s\n' \
      "$name" "$ip" "$ip" "$ssh_port" "$ssh_user" >>"$client_dir/config.tmp"
  done
  printf 'Host *\n  IdentityFile ~/.ssh/id_ed25519\n  UserKnownHostsFile ~/.ssh/known_hosts\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 10\n' \
    >>"$client_dir/config.tmp"
  chmod 600 "$tmp" "$client_dir/config.tmp"
  cp "$tmp" "$client_dir/known_hosts.tmp"
  mv "$tmp" "$known_hosts"
  mv "$client_dir/known_hosts.tmp" "$client_dir/known_hosts"
  mv "$client_dir/config.tmp" "$client_dir/config"
}

json_str() { # minimal JSON string escaping (paths and names here have no control chars)
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

write_descriptor() {
  local i d tmp fp first=1
  tmp=$(mktemp "$state/.nodes.json.XXXXXX")
  {
    printf '{\n  "version": 1,\n  "stateDir": %s,\n  "knownHosts": %s,\n  "nodes": [' \
      "$(json_str "$state")" "$(json_str "$known_hosts")"
    for i in $(existing_indexes); do
      d=$(node_dir "$i")
      zfs_pid "$d" >/dev/null || continue
      fp=$(ssh-keygen -l -E sha256 -f "$d/ssh_host_ed25519_key.pub" | cut -d' ' -f2)
      [ "$first" = 1 ] || printf ','
      first=0
      printf '\n    {"name": %s, "host": %s, "port": %s, "user": %s, "privateKey": %s, "hostKeyFingerprint": %s, "knownHosts": %s, "pool": "rpool", "dataRoot": "rpool/data"}' \
        "$(json_str "$(node_name "$i")")" "$(json_str "$(node_ip "$i")")" "$ssh_port" \
        "$(json_str "$ssh_user")" "$(json_str "$client_key")" "$(json_str "$fp")" \
        "$(json_str "$known_hosts")"
    done
    printf '\n  ]\n}\n'
  } >"$tmp"
  chmod 644 "$tmp"
  mv "$tmp" "$descriptor"
}

# ---------------------------------------------------------------- node lifecycle

start_sshd() {
  local i=$1 d ip pid
  d=$(node_dir "$i"); ip=$(node_ip "$i")
  if sshd_pid "$d" >/dev/null && port_open "$ip" "$ssh_port"; then return 0; fi
  mkdir -p /run/sshd   # sshd's privilege-separation directory
  rm -f "$d/sshd.pid"
  pid=$(zfs_pid "$d") || die "$(node_name "$i") is not running (its zfs-fuse is gone); run: lab.sh up"
  # Started inside the namespace: every ssh session then sees this node's pool.
  nsenter --target "$pid" --mount -- setsid /usr/sbin/sshd -D -e -f "$d/sshd_config" \
    </dev/null >>"$d/sshd.log" 2>&1 9>&- &
  wait_until "$wait_timeout_s" "$(node_name "$i") sshd on $ip:$ssh_port" \
    port_open "$ip" "$ssh_port" \
    || die "sshd of $(node_name "$i") did not open $ip:$ssh_port; see $d/sshd.log"
  wait_until "$wait_timeout_s" "$d/sshd.pid" sshd_pid "$d" >/dev/null \
    || die "sshd of $(node_name "$i") wrote no pid file; see $d/sshd.log"
}

stop_sshd() { # the listener and every per-connection sshd: the node looks offline
  local i=$1 d ip pids=()
  d=$(node_dir "$i"); ip=$(node_ip "$i")
  mapfile -t pids < <({ sshd_pid "$d" || true; ns_pids "$d" sshd; } | sort -u)
  stop_pids "${pids[@]}"
  rm -f "$d/sshd.pid"
  wait_until "$wait_timeout_s" "$ip:$ssh_port to close" port_closed "$ip" "$ssh_port" \
    || die "$ip:$ssh_port still accepts connections after stopping $(node_name "$i")'s sshd"
}

teardown_node() {
  local d=$1 pids=() zpid
  if zpid=$(zfs_pid "$d"); then
    # Destroy (not just export): the image is removed next and nothing may refer to it.
    in_node "$d" timeout 60 zpool destroy -f rpool >/dev/null 2>&1 \
      || in_node "$d" timeout 60 zpool export -f rpool >/dev/null 2>&1 || true
    # Everything else in the namespace first (sshd, sessions), zfs-fuse last; when the
    # last process is gone the namespace and its bind mounts disappear with it.
    mapfile -t pids < <(ns_pids "$d" | grep -vx "$zpid" || true)
    stop_pids "${pids[@]}"
    stop_pids "$zpid"
  else
    # No verifiable namespace: only a pid we can prove is this node's sshd.
    mapfile -t pids < <(sshd_pid "$d" || true)
    stop_pids "${pids[@]}"
  fi
  rm -rf "${d:?}/run" "${d:?}/lock" "${d:?}/lib" "$d/rpool.img" "$d/zfs-fuse.pid" "$d/sshd.pid" "$d/mntns" \
    "$d/boot.sha256"
}

# Why node $1 is not healthy, or nothing if it is: zfs-fuse alive, pool ONLINE, rpool/data
# mounted on the node's private /rpool tmpfs (a node whose mounts are gone would write
# dataset contents elsewhere), booted by the current node-boot.sh (so changes to it apply).
node_problem() {
  local i=$1 d health
  d=$(node_dir "$i")
  zfs_pid "$d" >/dev/null || { echo "zfs-fuse not running"; return; }
  health=$(pool_health "$d")
  [ "$health" = ONLINE ] || { echo "pool ${health:-missing}"; return; }
  if [ "$(in_node "$d" zfs get -H -o value mounted rpool/data 2>/dev/null)" != yes ] \
      || ! in_node "$d" grep -q ' /rpool tmpfs ' /proc/self/mounts; then
    echo "rpool/data not mounted"; return
  fi
  [ "$(cat "$d/boot.sha256" 2>/dev/null)" = "$(boot_script_hash)" ] || echo "booted by an older node-boot.sh"
}

node_healthy() { [ -z "$(node_problem "$1")" ]; }

boot_script_hash() { sha256sum "$lab_home/node-boot.sh" | cut -d' ' -f1; }

start_node() {
  local i=$1 d
  d=$(node_dir "$i")
  teardown_node "$d"
  mkdir -p "$d"
  : >"$d/zfs-fuse.log"
  if ! unshare -m --propagation private -- \
      bash "$lab_home/node-boot.sh" "$d" "$client_dir" "$pool_mb" >>"$d/boot.log" 2>&1 9>&-; then
    tail -n 5 "$d/boot.log" >&2 || true
    teardown_node "$d"
    die "$(node_name "$i") did not boot; see $d/boot.log and $d/zfs-fuse.log"
  fi
  boot_script_hash >"$d/boot.sha256"
}

# The host side's ssh options: the lab's key and known_hosts only, never prompts.
ssh_opts=(-F /dev/null -i "$client_key" -o "UserKnownHostsFile=$known_hosts"
  -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=10 -p "$ssh_port")

# End to end: host -> node over ssh with the pinned key, and node -> next node (the
# path `zfs send | ssh pveJ zfs receive` takes).
verify_node() {
  local i=$1 next=$2 ip out
  ip=$(node_ip "$i")
  # shellcheck disable=SC2029 # the node name is meant to expand here
  out=$(ssh "${ssh_opts[@]}" "$ssh_user@$ip" \
    "zpool list -H -o health rpool && ssh $(node_name "$next") zpool list -H -o health rpool" 2>&1) \
    || die "$(node_name "$i") failed the ssh check ($ssh_user@$ip -> $(node_name "$next")): $(echo "$out" | tr '\n' ' ')"
  [ "$(echo "$out" | tr '\n' ' ')" = "ONLINE ONLINE " ] \
    || die "$(node_name "$i") health check said: $(echo "$out" | tr '\n' ' ')"
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local n=${1:-2} i started=0 t0=$SECONDS
  if ! [[ "$n" =~ ^[1-9][0-9]?$ ]] || [ "$n" -gt 20 ]; then
    die "node count must be 1..20, got '$n'"
  fi
  if ! [[ "$ip_base" =~ ^[0-9]+$ ]] || [ "$ip_base" -lt 1 ] || [ "$((ip_base + n))" -gt 254 ]; then
    die "ZSENTINEL_LAB_IP_BASE must be 1..$((254 - n)), got '$ip_base'"
  fi
  if ! [[ "$pool_mb" =~ ^[0-9]+$ ]] || [ "$pool_mb" -lt 64 ]; then
    die "ZSENTINEL_LAB_POOL_MB must be >= 64, got '$pool_mb'"
  fi
  ensure_client_key
  for i in $(seq 1 "$n"); do ensure_node_files "$i"; done
  write_client_config
  for i in $(seq 1 "$n"); do
    if ! node_healthy "$i"; then
      log "starting $(node_name "$i") ($(node_ip "$i"):$ssh_port)"
      start_node "$i"
      started=$((started + 1))
    fi
    start_sshd "$i"
  done
  write_descriptor
  verify_all
  log "up: $(up_names) (started $started) in $((SECONDS - t0))s; descriptor $descriptor"
}

# verify_node for every running node, in parallel (each is two SSH logins, ~1 s apiece
# on a busy machine); fails with the first failure's message.
verify_all() {
  local i pids=() out_dir rc=0 f
  out_dir=$(mktemp -d "$state/.verify.XXXXXX")
  for i in $(existing_indexes); do
    zfs_pid "$(node_dir "$i")" >/dev/null || continue
    ( verify_node "$i" "$(next_up_index "$i")" ) 2>"$out_dir/$i" &
    pids+=("$!")
  done
  for i in "${pids[@]}"; do wait "$i" || rc=1; done
  if [ "$rc" != 0 ]; then
    for f in "$out_dir"/*; do [ -s "$f" ] && { cat "$f" >&2; break; }; done
    rm -rf "$out_dir"
    exit 1
  fi
  rm -rf "$out_dir"
}

next_up_index() { # the next running node after $1, wrapping around (itself if alone)
  local i=$1 first="" j
  for j in $(existing_indexes); do
    zfs_pid "$(node_dir "$j")" >/dev/null || continue
    [ -n "$first" ] || first=$j
    if [ "$j" -gt "$i" ]; then echo "$j"; return; fi
  done
  echo "${first:-$i}"
}

up_names() {
  local j names=()
  for j in $(existing_indexes); do
    zfs_pid "$(node_dir "$j")" >/dev/null && names+=("$(node_name "$j")")
  done
  echo "${names[*]:-none}"
}

cmd_down() {
  local i
  for i in $(existing_indexes); do
    teardown_node "$(node_dir "$i")"
  done
  rm -f "$descriptor"
  log "down"
}

cmd_status() {
  local i d ip any=0 bad=0 zp sp health problem
  for i in $(existing_indexes); do
    d=$(node_dir "$i"); ip=$(node_ip "$i")
    zp=$(zfs_pid "$d" || true)
    [ -n "$zp" ] || [ -f "$d/rpool.img" ] || continue   # never started or cleanly down
    any=1
    sp=$(sshd_pid "$d" || true)
    problem=$(node_problem "$i")
    health=$(pool_health "$d" || true)
    printf '%s %s:%s zfs-fuse=%s pool=%s sshd=%s%s\n' "$(node_name "$i")" "$ip" "$ssh_port" \
      "${zp:-down}" "${health:-none}" "${sp:-down}" "${problem:+ (unhealthy: $problem)}"
    if [ -n "$problem" ] || [ -z "$sp" ]; then bad=1; fi
  done
  [ "$any" = 1 ] || { echo "no lab (state dir $state)"; return 3; }
  return "$bad"
}

cmd_env() {
  echo "ZSENTINEL_LAB_DIR=$state"
  echo "ZSENTINEL_LAB_NODES=$descriptor"
}

main() {
  local cmd=${1:-}
  [ "$#" -eq 0 ] || shift
  case "$cmd" in
    env) cmd_env; return ;;
    up|down|status|sshd-stop|sshd-start|ssh) ;;
    *) echo "usage: lab.sh up [N] | down | status | env | sshd-stop NODE | sshd-start NODE | ssh NODE [CMD]" >&2
       exit 2 ;;
  esac
  preflight
  mkdir -p "$state/nodes"
  # One lab command at a time (parallel test JVMs may all call `up`).
  exec 9>"$state/.lock"
  flock -w 300 9 || die "another lab.sh holds $state/.lock for more than 300s"
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    sshd-stop) [ "$#" -eq 1 ] || die "usage: lab.sh sshd-stop NODE"
               i=$(node_index "$1"); zfs_pid "$(node_dir "$i")" >/dev/null || die "$1 is not up"
               stop_sshd "$i" ;;
    sshd-start) [ "$#" -eq 1 ] || die "usage: lab.sh sshd-start NODE"
                start_sshd "$(node_index "$1")" ;;
    ssh) [ "$#" -ge 1 ] || die "usage: lab.sh ssh NODE [CMD...]"
         i=$(node_index "$1"); shift
         exec 9>&-
         exec ssh "${ssh_opts[@]}" "$ssh_user@$(node_ip "$i")" "$@" ;;
  esac
}

main "$@"
