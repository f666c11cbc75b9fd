# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make bench`'s capture CPU figure (tests/bench/run.sh): the
# CPU time pstore_kho's capture spends on steady logging. For each rate of
# pkho_rates (bytes per second, comma-separated), the bench helper prints
# lines at that rate for pkho_seconds, once without any pstore backend and
# once with pstore_kho loaded, alternating so that a busier host hurts both
# alike. The CPU time of the whole guest (all CPUs, /proc/stat) from the
# start of the logging until the CPUs are idle again is measured: the
# difference is what pstore_kho adds, wherever it runs (its worker, the
# printk path, interrupts), without knowing its threads. pstore_kho is
# loaded with pmsg_size=0 here only so that it can be unloaded between
# rates (a pmsg front-end pins the module); pmsg does nothing while the log
# is written. Reports "PKHO-BENCH cpu key=value ..." lines; guest-common.sh
# comes first (run.sh).
# checks: quiet-start done
SECONDS_EACH=$(arg pkho_seconds)

# One window: RATE MODE. The logging, then the wait for idle, counted.
window() {
	local rate=$1 mode=$2 b0 t0 b1 t1 ok=1
	if [ "$mode" = kho ]; then
		load_module pmsg_size=0 || ok=0
	fi
	settle >/dev/null || ok=0
	set -- $(cpu_ticks)
	b0=$1 t0=$2
	/sbin/insmod $BENCH rate=$rate seconds=$SECONDS_EACH tag=r$rate$mode && /sbin/rmmod pkho_bench || ok=0
	settle >/dev/null || ok=0
	set -- $(cpu_ticks)
	b1=$1 t1=$2
	if [ "$mode" = kho ]; then
		unload_module || ok=0
	fi
	echo "PKHO-BENCH cpu rate=$rate mode=$mode seconds=$SECONDS_EACH busy_ticks=$((b1 - b0))" \
		"all_ticks=$((t1 - t0)) user_hz=100 lines=$(dmesg | sed -n 's/.*pkho_bench: rate_lines \([0-9]*\).*/\1/p' | tail -1) ok=$ok"
}

quiet() { settle >/dev/null; }
check quiet-start quiet
for rate in $(arg pkho_rates | tr , ' '); do
	window "$rate" base
	window "$rate" kho
done
check done true
finish
