# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make bench`, run as the scenario of a test guest. One boot
# pair per backend and size, set by the host on the command line:
#   pkho_backend=kho|ramoops  pkho_fill=BYTES  pkho_runs=N
# Stage 1 fills the log with BYTES of numbered lines and kexecs; stage 2
# counts the lines the backend brought over, then fills the log again and
# times N dumps with the pkho_bench helper. Results go to the serial console
# as "PKHO-BENCH key=value ..." lines for tests/bench/run.sh.
BACKEND=$(arg pkho_backend)
RUNS=$(arg pkho_runs)
# Boot parameters the next kernel needs too (ramoops's region, log size).
CARRY=$(tr ' ' '\n' </proc/cmdline | grep -E '^(reserve_mem|ramoops\.[a-z_]+|log_buf_len)=' | tr '\n' ' ')

# The filler goes to the log only: printing it on the serial console would
# make the guest slow under TCG and is not what is measured.
dmesg -n 1
# fill BYTES: unique numbered lines of 78 characters. printk reserves room
# for the text with its newline and a NUL (80 bytes) plus an 8-byte id: 88
# bytes of the log buffer each, 8-byte aligned (an 80-character line takes 96).
# The random numbers make the text compress about 3 to 1 with deflate, as a
# real kernel log does (a filler of letters would compress far better and
# flatter every compressing backend). The log is cleared first (a dump
# starts at the clear mark), so a dump holds these lines and the few the
# kexec path prints after them.
fill() {
	local n=$(($1 / 88))
	dmesg -c >/dev/null
	echo on >/proc/sys/kernel/printk_devkmsg
	exec 3>/dev/kmsg
	i=0
	while [ $i -lt $n ]; do
		printf 'pkho-line %06d %05d %05d %05d %05d %05d %05d %05d %05d abcdefghijklm\n' \
			$i $RANDOM $RANDOM $RANDOM $RANDOM $RANDOM $RANDOM $RANDOM $RANDOM >&3
		i=$((i + 1))
	done
	exec 3>&-
}
# Unique numbered lines in the files given (ramoops splits a dump in parts).
lines_in() { cat /dev/null "$@" | grep -o 'pkho-line [0-9]*' | sort -u | wc -l; }
# Sum of the payload sizes in a pstore_kho blob (src/abi/pstore.h): the
# bytes really kept, compressed as pstore wrote them.
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
blob_payload() {
	local f=$1 hs rs cnt i=0 n=0
	hs=$(u32 "$f" 24) rs=$(u32 "$f" 28) cnt=$(u32 "$f" 36)
	while [ $i -lt "$cnt" ]; do
		n=$((n + $(u32 "$f" $((hs + i * rs + 16)))))
		i=$((i + 1))
	done
	echo $n
}

case $STAGE in
1)
	if [ "$BACKEND" = kho ]; then
		check load load_module
		held=$(preserved_bytes)
	else
		check ramoops-registered sh -c "dmesg | grep -q 'Registered ramoops as persistent store backend'"
		# "ramoops: using 0x100000@0x...": the size of the reservation.
		held=$(($(dmesg | sed -n 's/.*ramoops: using \(0x[0-9a-f]*\)@.*/\1/p' | head -1)))
	fi
	fill "$(arg pkho_fill)"
	present=$(dmesg -s 4194304 | grep -c 'pkho-line ')
	check log-holds-all-lines test "$present" = "$i"
	kexec_next "$KTAG" $CARRY pkho_backend=$BACKEND pkho_fill=$(arg pkho_fill) pkho_runs=$RUNS \
		pkho_present=$present pkho_held=$held pkho_text=$(dmesg -s 4194304 | wc -c)
	;;
2)
	if [ "$BACKEND" = kho ]; then
		check load load_module
		kept=$(blob_payload /sys/kernel/debug/kho/in/sub_fdts/pstore-kho)
	else
		kept=-
	fi
	check mount mount_pstore
	files=$(ls $PSTORE/dmesg-* 2>/dev/null || true)
	check has-records test -n "$files"
	found=$(lines_in $files)
	echo "PKHO-BENCH backend=$BACKEND fill=$(arg pkho_fill) present=$(arg pkho_present) found=$found" \
		"records=$(echo $files | wc -w) record_bytes=$(cat /dev/null $files | wc -c)" \
		"held=$(arg pkho_held) kept=$kept text=$(arg pkho_text)"
	# The same log again, then the timed dumps.
	fill "$(arg pkho_fill)"
	addr=$(awk '$3 == "kmsg_dump_desc" { print $1 }' /proc/kallsyms)
	check bench-dumps /sbin/insmod /lib/pkho/$KTAG/pkho_bench.ko dump_fn=0x$addr runs=$RUNS
	# "pkho_bench: dumps 7 median_ns N ..." as key=value words.
	t=$(dmesg | grep 'pkho_bench: dumps ' | tail -1 | sed 's/.*pkho_bench: //' |
		awk '{ for (i = 1; i < NF; i += 2) printf " %s=%s", $i, $(i + 1) }')
	echo "PKHO-BENCH backend=$BACKEND$t"
	finish
	;;
esac
