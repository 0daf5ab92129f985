#!/usr/bin/env bash
# A single-node Slurm cluster on this machine for the jobs tests (Debian 12's Slurm 22.05):
# munge, slurmctld and slurmd as root, JWT authentication for slurmrestd. Idempotent: a
# cluster that already answers is left alone. Writes $SLURM_DIR/slurm.env, which the tests
# read to find the cluster (test/support/slurm.ts); slurmrestd itself is started by the tests
# on a port the OS chooses, so they can stop and start it.
#   scripts/ci/slurm.sh          start (install the packages first: see .ci/run)
#   scripts/ci/slurm.sh stop     stop slurmctld and slurmd
set -euo pipefail
SLURM_DIR=${SLURM_DIR:-/var/tmp/gridgraph-slurm}
export SLURM_CONF="$SLURM_DIR/slurm.conf"

stop_daemons() {
  pkill -x slurmctld 2>/dev/null || true
  pkill -x slurmd 2>/dev/null || true
}

if [ "${1:-start}" = "stop" ]; then
  stop_daemons
  exit 0
fi

for bin in munged slurmctld slurmd slurmrestd scontrol; do
  command -v "$bin" >/dev/null || { echo "slurm.sh: $bin is not installed" >&2; exit 1; }
done

mkdir -p "$SLURM_DIR"/{state,spool,log,jobs}
chmod 1777 "$SLURM_DIR/jobs"

# munge: Debian ships a key; a machine without one gets a new one.
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown munge:munge /etc/munge/munge.key 2>/dev/null || true
chmod 400 /etc/munge/munge.key
mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
if ! munge -n >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged --force || /usr/sbin/munged --force
  sleep 0.5
fi

# The JWT key slurmctld checks tokens with, and the jobs service signs them with.
if [ ! -s "$SLURM_DIR/jwt_hs256.key" ]; then
  dd if=/dev/urandom bs=32 count=1 2>/dev/null | base64 -w0 > "$SLURM_DIR/jwt_hs256.key"
fi
chmod 600 "$SLURM_DIR/jwt_hs256.key"

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2/1024) - 1024}' /proc/meminfo)
cat > "$SLURM_CONF" <<CONF
ClusterName=gridgraph
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$SLURM_DIR/jwt_hs256.key
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/log/slurmctld.log
SlurmdLogFile=$SLURM_DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_DIR/log/jobcomp.txt
MinJobAge=3600
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
MpiDefault=none
InactiveLimit=0
KillWait=5
OverTimeLimit=0
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=batch Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

if ! scontrol ping 2>/dev/null | grep -q "is UP"; then
  stop_daemons
  /usr/sbin/slurmctld -c -i
  /usr/sbin/slurmd
fi
for _ in $(seq 1 60); do
  state=$(sinfo -h -o %T 2>/dev/null || true)
  case "$state" in idle*|mixed*|allocated*) break ;; esac
  scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
  sleep 0.5
done
sinfo -h -o "%P %T %c %m" || true

cat > "$SLURM_DIR/slurm.env" <<ENV
SLURM_CONF=$SLURM_CONF
SLURM_JWT_KEY=$SLURM_DIR/jwt_hs256.key
SLURM_JOB_DIR=$SLURM_DIR/jobs
SLURM_PARTITION=batch
ENV
echo "slurm.sh: cluster up; $SLURM_DIR/slurm.env written"
