# SPDX-License-Identifier: GPL-2.0-only
# For tests/bench/report.sh: reads setup.tsv (variant, boot parameters) and
# results.tsv (a header, then a row per variant and size, as run.sh writes
# them), writes the Markdown report to md and the chart data to dat-*, and
# prints the pstore_kho/ramoops ratios. Times: median_cycles / khz.
function kib(b) { return b >= 1048576 && b % 1048576 == 0 ? b / 1048576 " MiB" : sprintf("%g KiB", b / 1024) }
function ms(c) { return c == "-" ? "-" : sprintf("%.2f", c / khz) }
function pct(r) { return r["present"] ? 100 * r["found"] / r["present"] : 0 }
function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
FILENAME ~ /setup[.]tsv$/ { setup[$1] = $2; next }
FNR == 1 { for (i = 1; i <= NF; i++) col[i] = $i; next }
{
	for (i = 1; i <= NF; i++) v[$1, $2, col[i]] = $i
	if (!($2 in seensize)) { seensize[$2] = 1; sizes[++ns] = $2 }
	if (!($1 in seenvar)) { seenvar[$1] = 1; vars[++nv] = $1 }
}
END {
	name["kho"] = "pstore_kho"; name["ramoops"] = "ramoops"; name["ramoops-max"] = "ramoops, record as big as the region"
	print "# pstore_kho against ramoops across kexec: benchmark\n" >md
	print "Written by `make bench` (tests/bench/) on " date ". Nothing in this file is typed in by hand; rerun `make bench` to refresh it.\n" >md
	print "- Kernel: " kver " (Debian linux-source-7.3, test config tests/kernel/kho.config), the same kernel before and after every kexec." >md
	print "- QEMU " qver ", TCG, 2 vCPUs, 1 GiB; host CPU " cpu ", TSC " sprintf("%.1f", khz / 1000) " MHz, 2 cores shared with other work." >md
	print "- Every row: boot, fill the log, `kexec -s` into the same kernel, read /sys/fs/pstore, then time " v[vars[1], sizes[1], "dumps"] " dumps of the same log. Backends alternate at each size.\n" >md

	print "## Set-up\n" >md
	print "| backend | boot parameters beyond `kho=on` | module parameters |" >md
	print "|---|---|---|" >md
	for (j = 1; j <= nv; j++) {
		x = vars[j]
		print "| " name[x] " | " (setup[x] == "" ? "none" : "`" setup[x] "`") " | " \
			(x == "kho" ? "none: `insmod pstore_kho.ko` (defaults record_size = 1.5 x log buffer, records 4, max_reason 4)" : "none (built in, set by boot parameters)") " |" >md
	}
	print "\nThe 1 MiB rows boot every backend with `log_buf_len=1M` as well: it makes the log under test, it is not a backend setting.\n" >md

	print "## Results\n" >md
	print "| log content | backend | lines at kexec | lines recovered | completeness | records | dump time, median (min..max) ms | memory held | bytes kept | held / kept | serial console at 115200 baud (computed) |" >md
	print "|---|---|---|---|---|---|---|---|---|---|---|" >md
	for (s = 1; s <= ns; s++) for (j = 1; j <= nv; j++) {
		z = sizes[s]; x = vars[j]
		delete r; for (k in col) r[col[k]] = v[x, z, col[k]]
		kept = r["kept"]
		print "| " kib(z) (r["fill"] < z ? " (95% of the buffer: " r["fill"] " B)" : "") " | " name[x] " | " r["present"] " | " r["found"] " | " sprintf("%.1f%%", pct(r)) \
			" | " r["records"]  " | " ms(r["median_cycles"]) " (" ms(r["min_cycles"]) ".." ms(r["max_cycles"]) ") | " kib(r["held"]) " | " (kept == "-" ? "not measured" : kept " B") \
			" | " (kept == "-" ? "-" : sprintf("%.1f", r["held"] / kept)) " | " sprintf("%.1f s for %d B", r["text"] * 10 / 115200, r["text"]) " |" >md
		if (r["status"] != "ok") failed = failed " " x "-" z
		comp[x, z] = pct(r); cost[x, z] = r["median_cycles"] / khz; held[x, z] = r["held"]
		best[x, z] = r["min_cycles"] / khz; worst[x, z] = r["max_cycles"] / khz
		if (r["cycles_khz"] != "-") {
			if (calmin == "" || r["cycles_khz"] + 0 < calmin) calmin = r["cycles_khz"] + 0
			if (r["cycles_khz"] + 0 > calmax) calmax = r["cycles_khz"] + 0
		}
	}
	print "\nFailed guest runs (their figures are not to be trusted):" (failed == "" ? " none." : failed) "\n" >md

	print "## pstore_kho / ramoops\n" >md
	print "Dump time: the ratio of the medians, which the targets use, and of the fastest of the " v[vars[1], sizes[1], "dumps"] " dumps (the one least disturbed by other work on the host).\n" >md
	print "| log content | against | completeness | dump time (medians) | dump time (fastest) | memory held |" >md
	print "|---|---|---|---|---|---|" >md
	for (s = 1; s <= ns; s++) for (j = 1; j <= nv; j++) {
		z = sizes[s]; x = vars[j]
		if (x == "kho" || !(("kho", z) in comp)) continue
		line = ratio(comp["kho", z], comp[x, z]) " | " ratio(cost["kho", z], cost[x, z]) " | " ratio(best["kho", z], best[x, z]) " | " ratio(held["kho", z], held[x, z])
		print "| " kib(z) " | " name[x] " | " line " |" >md
		printf "ratio pstore_kho/%s at %s: completeness %s, dump time %s, memory held %s\n", x, kib(z), ratio(comp["kho", z], comp[x, z]), ratio(cost["kho", z], cost[x, z]), ratio(held["kho", z], held[x, z])
	}

	print "\n## The targets the project claims, as measured\n" >md
	all = 1; costok = 1; memok = 1; lost = ""
	for (s = 1; s <= ns; s++) {
		z = sizes[s]
		if (comp["kho", z] < 100) all = 0
		for (j = 1; j <= nv; j++) if (vars[j] != "kho" && comp[vars[j], z] < 100) lost = lost " " name[vars[j]] " " sprintf("%.1f%%", comp[vars[j], z]) " at " kib(z) ";"
		if (cost["kho", z] > cost["ramoops", z]) {
			costok = 0
			# Within the spread: each median lies between the other's fastest and slowest dump.
			spread = cost["kho", z] <= worst["ramoops", z] && cost["ramoops", z] >= best["kho", z]
			slow = slow " " kib(z) " (" ratio(cost["kho", z], cost["ramoops", z]) (spread ? ", within the spread of the runs" : "") \
				(comp["ramoops", z] < 100 ? ", where ramoops compresses and keeps only " sprintf("%.1f%%", comp["ramoops", z]) " of the lines" : "") ");"
		}
		k = v["kho", z, "kept"]
		if (k == "-" || held["kho", z] > 1.1 * k) { memok = 0; mem = mem " " kib(z) ": " sprintf("%.1f", k == "-" ? 0 : held["kho", z] / k) "x;" }
	}
	print "- Completeness 100% at every size for pstore_kho: " (all ? "**met**" : "**not met**") ". Ramoops loses what its record does not hold:" (lost == "" ? " nothing here." : lost) >md
	print "- Dump time ratio pstore_kho/ramoops <= 1.0: " (costok ? "**met** at every size." : "**not met** at" slow " Both run the same pstore code (reading the log, deflate) and differ only in the write; ramoops stops after one record, so it compresses less where it loses lines.") >md
	print "- Memory held at most 1.1 x the bytes actually kept: " (memok ? "**met**." : "**not met**: held/kept" mem " the blob is allocated for the uncompressed log (1.5 x the buffer) at load and the record is stored compressed.") " Against the reservation of ramoops the held memory is in the table above." >md
	print "- No boot parameter beyond kho=on: " (setup["kho"] == "" ? "**met**" : "**not met**") " (set-up table)." >md
	print "\n## Method\n" >md
	print "- **Completeness**: the guest clears the log (`dmesg -c`; a dump starts at the clear mark), writes unique numbered lines of 78 characters to /dev/kmsg (88 bytes each in the log buffer: text, newline, NUL and an 8-byte id), as many as the content size allows, and at most 95% of the buffer so that no line is pushed out before the kexec (checked: every line written is still in `dmesg`). The lines carry random numbers so that deflate packs them about 3 to 1, as it does a real kernel log. After `kexec -s` the next kernel mounts pstore; the unique line numbers in all `dmesg-*` files (ramoops may split a dump into parts) over the lines at kexec time is the completeness." >md
	print "- **Dump time**: the bench-only helper tests/helpers/bench.c (pkho_bench.ko, never packaged) calls `kmsg_dump_desc(KMSG_DUMP_SHUTDOWN, NULL)`, the call the kexec path makes after \"Starting new kernel\", " v[vars[1], sizes[1], "dumps"] " times after the log was filled again to the same size, and reports the median in CPU cycles: pstore reading the log, compressing it and the backend writing it. 7.3 does not export that function, so the guest passes its address from /proc/kallsyms and the helper checks it names that function. Under TCG the guest's kernel has no clock finer than 4 ms jiffies, so cycles are counted; the guest's cycle counter is the host's TSC, turned into time with the host's TSC frequency. The guest's own calibration against its jiffies clock gave " calmin ".." calmax " kHz (busy host: its ticks come late). The dumps run in process context, not after machine_shutdown() as in a real kexec, with the same code path and data. Repeated dumps are not quite the kexec dump for pstore_kho: from the fifth on, each drops the oldest of its 4 records and moves the other payloads down the blob (about 0.9 MB at 1 MiB), which the one dump of a real kexec does not do; ramoops overwrites the next zone in place. TCG emulation is many times slower than hardware: compare the ratios, not the milliseconds." >md
	print "- **Memory held**: pstore_kho: the size of its KHO blob in the outgoing kernel right after load (`preserved_bytes`, the sizes of `/sys/kernel/debug/kho/out/sub_fdts/pstore-kho*`); bytes kept: the payload sizes of the records in the blob the next kernel received (compressed as stored). ramoops: the region ramoops reports using (\"ramoops: using 0x...\"), reserved from boot on whether or not anything is ever dumped. What ramoops stores inside it is not visible from user space." >md
	print "- **Serial console**: the bytes of the log text (`dmesg`, with time stamps) times 10 bits per byte over 115200 bit/s: computed, not measured." >md

	# Data for the chart: one file per figure, a row per size, a column per variant.
	for (s = 1; s <= ns; s++) {
		z = sizes[s]; l1 = l2 = l3 = kib(z)
		gsub(/ /, "", l1); l2 = l3 = l1
		for (j = 1; j <= nv; j++) {
			x = vars[j]
			l1 = l1 " " comp[x, z]; l2 = l2 " " cost[x, z]; l3 = l3 " " held[x, z] / 1024
		}
		print l1 >(dat "-completeness.dat"); print l2 >(dat "-cost.dat"); print l3 >(dat "-held.dat")
	}
	vl = ""; for (j = 1; j <= nv; j++) vl = vl (j > 1 ? "|" : "") name[vars[j]]
	print vl >(dat "-variants")
}
