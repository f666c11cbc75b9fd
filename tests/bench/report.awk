# SPDX-License-Identifier: GPL-2.0-only
# For tests/bench/report.sh: reads the raw data of a bench run (env.kv,
# runs.tsv, bench.kv, in that order; see run.sh and the guest scripts),
# writes the Markdown report to md and prints the verdicts. Every figure
# and every verdict is computed here from those files; none is typed in.

function kv(line, a,    n, w, i, k) {
	delete a
	n = split(line, w, " ")
	for (i = 1; i <= n; i++) {
		k = index(w[i], "=")
		# Numbers as numbers: awk compares strings as strings.
		if (k) a[substr(w[i], 1, k - 1)] = num(substr(w[i], k + 1))
		else a["kind"] = w[i]
	}
}
function num(x) { return x ~ /^-?[0-9]+(\.[0-9]+)?$/ ? x + 0 : x }
function size_name(b) { return b >= 1048576 ? b / 1048576 " MiB" : b / 1024 " KiB" }
function kib(b) { return b == "" || b == "-" ? "-" : sprintf("%.0f KiB", b / 1024) }
function ms(c) { return c == "" || c == "-" ? "-" : sprintf("%.2f", c / khz) }
function ratio(a, b) { return a == "-" || b == "-" || b <= 0 ? "-" : sprintf("%.3f", a / b) }
# A target is not met if any case of it failed; else not measured if any
# case could not be (a failed run) or there was none; else met.
function verdict(fail, nm, count) { return fail ? "**not met**" : nm || !count ? "**not measured**" : "**met**" }
function isnum(x) { return x ~ /^-?[0-9]+$/ }
# Median of the n values in v[1..n] (sorted in place).
function median(v, n,    i, j, t) {
	for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
# Median of the samples of a row's field, "-" if none.
function med(key, f,    n, i, v) {
	n = nsamp[key]
	if (!n) return "-"
	for (i = 1; i <= n; i++) v[i] = samp[key, i, f]
	return median(v, n)
}
function lo(key, f,    i, m) { m = ""; for (i = 1; i <= nsamp[key]; i++) if (m == "" || samp[key, i, f] < m) m = samp[key, i, f]; return m }
function hi(key, f,    i, m) { m = ""; for (i = 1; i <= nsamp[key]; i++) if (m == "" || samp[key, i, f] > m) m = samp[key, i, f]; return m }

BEGIN {
	name["base"] = "no pstore backend (baseline)"
	name["kho"] = "pstore_kho"
	name["ramoops"] = "ramoops as documented"
	name["ramoops-max"] = "ramoops keeping the whole log"
	nsetups = split("base kho ramoops ramoops-max", setups, " ")
	loadname["a"] = "(a) the last 100 lines printed right before the jump"
	loadname["b"] = "(b) 1 MiB printed right before the jump"
	loadname["c"] = "(c) a storm from every CPU through the jump"
}
# "key=value", or several "key=value" words on one line (bench.sh's last).
FILENAME ~ /env\.kv$/ {
	if ($0 ~ /^bench_seconds=/) { kv($0, a); for (k in a) env[k] = a[k]; next }
	k = index($0, "="); env[substr($0, 1, k - 1)] = substr($0, k + 1); next
}
FILENAME ~ /runs\.tsv$/ {
	if (FNR == 1) next
	split($0, f, "\t")
	run = f[1]
	f[3] = num(f[3])
	rsetup[run] = f[2]; rsize[run] = f[3]; rload[run] = f[4]; rstatus[run] = f[6]; rsecs[run] = f[7]; rwhy[run] = f[8]; rappend[run] = f[9]
	runs[++nruns] = run
	if (f[2] != "cpu") {
		if (!(f[3] in seensize)) { seensize[f[3]] = 1; sizes[++nsizes] = f[3] }
		row[f[2], f[3], f[4]] = run
	}
	next
}
{
	kv($0, a)
	run = a["run"]
	if (a["kind"] == "memory") {
		for (k in a) mem[run, k] = a[k]
		mem[run, "free"] = a["memfree"] + a["pcp"]
	} else if (a["kind"] == "jump") {
		n = ++nsamp[run]
		for (k in a) samp[run, n, k] = a[k]
		# What the first jump left in the next kernel: its MemTotal.
	} else if (a["kind"] == "settled") {
		settle[run] = settle[run] (settle[run] == "" ? "" : " ") a["seconds"] (a["idle"] == 1 ? "" : "!")
	} else if (a["kind"] == "cpu") {
		for (k in a) cpu[a["rate"], a["mode"], k] = a[k]
		if (!(a["rate"] in seenrate)) { seenrate[a["rate"]] = 1; rates[++nrates] = a["rate"] }
	}
}

END {
	khz = env["tsc_khz"]
	print "# pstore_kho against ramoops across kexec: benchmark\n" >md
	print "Written by `make bench` (tests/bench/) from the raw data in [raw/](raw/) (" env["date"] "); `tests/bench/report.sh bench/raw bench/results.md` writes it again from them. Nothing here is typed in by hand: every figure and every verdict is computed from raw/.\n" >md
	print "- Kernel " env["kernel"] " (tests/kernel: the 7.3 test kernel), the same kernel before and after every kexec; module " env["module"] "." >md
	print "- QEMU " env["qemu"] ", TCG, 2 vCPUs, " env["memory"] "; host " env["host_cpu"] ", " env["host_cores"] " cores shared with other work (load average " env["load_start"] " at the start, " env["load_end"] " at the end). Cycles are turned into ms at the host's TSC rate, " sprintf("%.1f", khz / 1000) " MHz: TCG is many times slower than hardware, compare ratios, not milliseconds." >md
	if ("bench_seconds" in env)
		print "- The run took " int(env["bench_seconds"] / 60 + 0.5) " min (BENCH_RUNS=" env["BENCH_RUNS"] ", BENCH_STORM_RUNS=" env["BENCH_STORM_RUNS"] ", BENCH_JOBS=" env["BENCH_JOBS"] ")." >md
	print "- Every boot: `" env["common"] "`. `loglevel=5`: the console shows warnings and errors (levels 0 to 4) and nothing else, so that the judge sees them while the logging under test does not crawl through the serial port. `kmemleak=off lockdep.prove_locking=0`: the test kernel carries kmemleak and lockdep for `make check`; the bench turns them off to come closer to a production kernel (UBSAN cannot be turned off and stays), the same for every set-up. `kho_scratch=`: the larger log buffers and ramoops regions make KHO's default scratch too big to reserve, so every row boots with the same explicit size; the bench does not judge boot parameters. `no_timer_check`: on a busy host QEMU under TCG can miss the timer ticks x86's boot-time IO-APIC check counts, and the kernel panics at boot.\n" >md

	# ---- the reboot path ----
	for (s = 1; s <= nsizes; s++) for (l = 1; l <= 3; l++) for (j = 1; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]; ld = substr("abc", l, 1)
		r = row[x, z, ld]
		if (r == "" || rstatus[r] != "ok") { path[x, z, ld] = pathmin[x, z, ld] = "-"; continue }
		path[x, z, ld] = med(r, "kexec_path_cycles")
		pathmin[x, z, ld] = lo(r, "kexec_path_cycles")
	}
	for (s = 1; s <= nsizes; s++) for (l = 1; l <= 3; l++) for (j = 1; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]; ld = substr("abc", l, 1)
		b = path["base", z, ld]; bm = pathmin["base", z, ld]
		over[x, z, ld] = path[x, z, ld] == "-" || b == "-" ? "-" : path[x, z, ld] - b
		overmin[x, z, ld] = pathmin[x, z, ld] == "-" || bm == "-" ? "-" : pathmin[x, z, ld] - bm
	}
	# Targets: (a) and (b), every size up to 8 MiB, on the medians. A
	# pair that fails makes it "not met"; one that could not be measured
	# (a failed run) leaves it "not measured" unless another failed.
	timebad = ""; timenm = 0; timecount = 0; timefail = 0
	for (l = 1; l <= 2; l++) for (s = 1; s <= nsizes; s++) {
		z = sizes[s]; ld = substr("abc", l, 1)
		if (z > 8388608 || row["base", z, ld] == "") continue
		tpairs[++timecount] = z SUBSEP ld
		rx[z, ld] = ratio(over["kho", z, ld], over["ramoops-max", z, ld])
		rd[z, ld] = ratio(over["kho", z, ld], over["ramoops", z, ld])
		rxm[z, ld] = ratio(overmin["kho", z, ld], overmin["ramoops-max", z, ld])
		rdm[z, ld] = ratio(overmin["kho", z, ld], overmin["ramoops", z, ld])
		if (rx[z, ld] == "-" || rd[z, ld] == "-") { timenm = 1; timebad = timebad " " ld "/" size_name(z) "(not measured)"; continue }
		if (rx[z, ld] + 0 > 0.1 || rd[z, ld] + 0 > 0.2) { timefail = 1; timebad = timebad " " ld "/" size_name(z) }
	}

	# ---- the storm ----
	stormbad = ""; stormnm = stormfail = stormcount = 0
	for (s = 1; s <= nsizes; s++) {
		z = sizes[s]; r = row["kho", z, "c"]
		if (r == "") continue
		stormcount++
		if (rstatus[r] != "ok" || !nsamp[r]) { stormnm = 1; stormbad = stormbad " " size_name(z) "(run failed)"; continue }
		for (i = 1; i <= nsamp[r]; i++)
			if (samp[r, i, "before"] != 1 || samp[r, i, "starting"] != 1 || samp[r, i, "marker"] != 1) { stormfail = 1; stormbad = stormbad " " size_name(z); break }
	}

	# ---- completeness: pstore_kho's (a) rows, every size ----
	compbad = ""; compnm = compfail = compcount = 0
	for (s = 1; s <= nsizes; s++) {
		z = sizes[s]; r = row["kho", z, "a"]
		if (r == "") continue
		compcount++
		if (rstatus[r] != "ok" || !nsamp[r]) { compnm = 1; compbad = compbad " " size_name(z) "(run failed)"; continue }
		for (i = 1; i <= nsamp[r]; i++)
			if (samp[r, i, "fill_found"] != samp[r, i, "fill_present"]) { compfail = 1; compbad = compbad " " size_name(z); break }
	}

	# ---- memory ----
	# In the running kernel: the first boot of every row of a set-up and
	# size runs the same steps up to the memory figure (the load comes
	# after), so each row is a sample. Free memory (MemFree and the
	# per-CPU lists) against the baseline's at the same point: a reserved
	# region (missing from MemTotal) and buffers, segments, rings and
	# module code (missing from MemFree) all count. In the next kernel:
	# MemTotal before anything is loaded, after each jump of load (a),
	# against the baseline's.
	membad = ""; memnm = memfail = memcount = 0
	for (s = 1; s <= nsizes; s++) for (j = 1; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]
		nf = nt = 0
		for (l = 1; l <= 3; l++) {
			r = row[x, z, substr("abc", l, 1)]
			if (r == "" || rstatus[r] != "ok" || !((r, "free") in mem)) continue
			fv[++nf] = mem[r, "free"]
			if (l == 1) { mr[x, z] = r; for (i = 1; i <= nsamp[r]; i++) tv[++nt] = samp[r, i, "memtotal"] }
		}
		free[x, z] = nf ? median(fv, nf) : "-"
		spread[x, z] = nf ? fv[nf] - fv[1] : "-"
		nfree[x, z] = nf
		total[x, z] = nt ? median(tv, nt) : "-"
	}
	for (s = 1; s <= nsizes; s++) for (j = 2; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]; r = mr[x, z]
		held[x, z] = free[x, z] == "-" || free["base", z] == "-" ? "-" : (free["base", z] - free[x, z]) * 1024
		drop[x, z] = total[x, z] == "-" || total["base", z] == "-" ? "-" : (total["base", z] - total[x, z]) * 1024
		if (x != "kho" || r == "") continue
		# Module code: what loading it took from execmem (x86 gives module
		# text 2 MiB chunks, shared by every module loaded), against the
		# baseline's. Raw data from before execmem was recorded: the
		# VmallocUsed difference, an upper bound (execmem is vmalloc'd).
		rb = mr["base", z]
		if ((r, "execmem") in mem && (rb, "execmem") in mem)
			code[z] = (mem[r, "execmem"] - mem[rb, "execmem"]) * 1024
		else if (rb != "") {
			code[z] = (mem[r, "vmallocused"] - mem[rb, "vmallocused"]) * 1024
			codevm = 1
		} else
			code[z] = "-"
		kept[z] = mem[r, "kept"]
		data[z] = "-"
		# A size the bench runs pstore_kho alone at (32 MiB, for the
		# completeness target) has no baseline to measure against: its
		# kept figures are shown, nothing is judged there.
		if (row["base", z, "a"] == "") { allow[z] = "-"; continue }
		memcount++
		if (!isnum(kept[z]) || code[z] == "-" || held[x, z] == "-" || drop[x, z] == "-") { memnm = 1; membad = membad " " size_name(z) "(not measured)"; allow[z] = "-"; continue }
		allow[z] = 1.1 * kept[z] + mem[r, "segmax"] + mem[r, "tail"]
		data[z] = held[x, z] - code[z]
		if (data[z] > allow[z] || drop[x, z] > allow[z]) { memfail = 1; membad = membad " " size_name(z) }
	}

	print "## The targets, as measured\n" >md
	printf "- Reboot-path overhead over the baseline <= 0.1 x that of ramoops keeping the whole log and <= 0.2 x that of ramoops as documented, under (a) and (b), at every size up to 8 MiB: %s%s.\n", verdict(timefail, timenm, timecount), (timebad == "" ? "" : ", at" timebad) >md
	printf "- Storm (c): the line printed before the storm kept, \"Starting new kernel\" kept, the dropped middle marked, in every jump: %s%s.\n", verdict(stormfail, stormnm, stormcount), (stormbad == "" ? "" : ", at" stormbad) >md
	printf "- Completeness 100%% with default parameters, every size (pstore_kho, load (a)): %s%s.\n", verdict(compfail, compnm, compcount), (compbad == "" ? "" : ", short at" compbad) >md
	printf "- Memory held <= 1.1 x the bytes kept + one segment + the tail, with defaults (pmsg on), at every size measured beside the baseline, in the running kernel and as the next kernel's MemTotal drop: %s%s.\n", verdict(memfail, memnm, memcount), (membad == "" ? "" : ", at" membad) >md
	print "- Capture CPU: a figure, no target (below).\n" >md
	print "The reboot-path ratios behind the first verdict (overheads over the baseline, medians of each row's jumps; on a shared host the noise only adds, so the ratios of the least jumps are shown too, as a check, not judged):\n" >md
	print "| load | log buffer | pstore_kho's overhead, ms | ramoops as documented's, ms | ratio (<= 0.2) | ramoops keeping the whole log's, ms | ratio (<= 0.1) | ratios of the least jumps |" >md
	print "|---|---|---|---|---|---|---|---|" >md
	for (i = 1; i <= timecount; i++) {
		split(tpairs[i], tp, SUBSEP); z = tp[1]; ld = tp[2]
		print "| (" ld ") | " size_name(z) " | " ms(over["kho", z, ld]) " | " ms(over["ramoops", z, ld]) " | " rd[z, ld] " | " ms(over["ramoops-max", z, ld]) " | " rx[z, ld] " | " rdm[z, ld] ", " rxm[z, ld] " |" >md
	}
	print "" >md
	printf "reboot path: %s%s\nstorm: %s%s\ncompleteness: %s%s\nmemory: %s%s\n", verdict(timefail, timenm, timecount), timebad, verdict(stormfail, stormnm, stormcount), stormbad, \
		verdict(compfail, compnm, compcount), compbad, verdict(memfail, memnm, memcount), membad

	print "## Set-up\n" >md
	print "| set-up | boot parameters beyond the common ones (1 MiB log buffer shown) | module parameters |" >md
	print "|---|---|---|" >md
	for (j = 1; j <= nsetups; j++) {
		x = setups[j]; r = row[x, 1048576, "a"]
		if (r == "") continue
		ap = rappend[r]
		if (index(ap, env["common"]) == 1) ap = substr(ap, length(env["common"]) + 2)
		gsub(/ *pkho_[a-z]+=[^ ]*/, "", ap)
		print "| " name[x] " | `" ap "` | " (x == "kho" ? "none: every default (pmsg on, 64 KiB)" : "none (built in)") " |" >md
	}
	print "" >md

	print "## The reboot path: kernel_kexec() to machine_kexec()\n" >md
	print "What `kexec -e` waits for once in the kernel: reboot notifiers, device and syscore shutdown, \"Starting new kernel\", stopping the other CPUs, the kmsg dumpers, up to the jump. Medians over the jumps of a row (each a real kexec), min..max in brackets, split at machine_shutdown() (which stops the other CPUs: no backend code runs there, but under TCG it waits for the host to schedule the other vCPU) and at the kexec's kmsg_dump. Overhead: the median less the baseline's at the same size and load.\n" >md
	for (l = 1; l <= 3; l++) {
		ld = substr("abc", l, 1)
		print "### " loadname[ld] "\n" >md
		print "| log buffer | set-up | jumps | reboot path, ms | notifiers, device and syscore shutdown, ms | stopping the other CPUs, ms | dump, ms | overhead over the baseline, ms | pstore_kho's overhead / this one's | load printed in (taken out), ms | load lines in the record |" >md
		print "|---|---|---|---|---|---|---|---|---|---|---|" >md
		for (s = 1; s <= nsizes; s++) for (j = 1; j <= nsetups; j++) {
			z = sizes[s]; x = setups[j]; r = row[x, z, ld]
			if (r == "") continue
			if (rstatus[r] != "ok") { print "| " size_name(z) " | " name[x] " | failed run | - | - | - | - | - | - | - | - |" >md; continue }
			rr = x ~ /^ramoops/ ? ratio(over["kho", z, ld], over[x, z, ld]) : "-"
			print "| " size_name(z) " | " name[x] " | " nsamp[r] " | " ms(path[x, z, ld]) " (" ms(lo(r, "kexec_path_cycles")) ".." ms(hi(r, "kexec_path_cycles")) ") | " \
				ms(med(r, "notifiers_cycles")) " | " ms(med(r, "cpu_stop_cycles")) " | " ms(med(r, "dump_cycles")) " | " (x == "base" ? "-" : ms(over[x, z, ld])) " | " rr " | " \
				(ld == "c" ? "-" : ms(med(r, "load_cycles"))) " | " \
				(ld == "c" ? "storm: " med(r, "storm_found") : x == "base" ? "-" : med(r, "load_found") " of " med(r, "load_lines")) " |" >md
		}
		print "" >md
	}

	print "## Storm (c): what the next kernel got\n" >md
	print "The storm threads print from every CPU until the CPUs are stopped; the line was printed 2 s before the storm began, the jump came 1 s after. Per jump: the line before the storm kept, \"Starting new kernel\" kept, every storm line missing between those two counted by pstore_kho's markers of the dropped middle (`[pstore_kho: N lines dropped here at the kexec`, or `[pstore_kho: N lines lost here: the kernel log buffer overwrote them` where the storm overwrote them in the log buffer before they could be kept), or none missing (the storm numbers each CPU's lines: a gap is a line missing), storm lines in the record.\n" >md
	print "| log buffer | set-up | jumps | line before the storm | \"Starting new kernel\" | missing lines marked (or none missing) | storm lines kept (median) |" >md
	print "|---|---|---|---|---|---|---|" >md
	for (s = 1; s <= nsizes; s++) for (j = 2; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]; r = row[x, z, "c"]
		if (r == "") continue
		if (rstatus[r] != "ok") { print "| " size_name(z) " | " name[x] " | failed run | - | - | - | - |" >md; continue }
		kb = ks = km = 0
		for (i = 1; i <= nsamp[r]; i++) { kb += samp[r, i, "before"] == 1; ks += samp[r, i, "starting"] == 1; km += samp[r, i, "marker"] == 1 }
		print "| " size_name(z) " | " name[x] " | " nsamp[r] " | " kb " of " nsamp[r] " | " ks " of " nsamp[r] " | " (x == "kho" ? km " of " nsamp[r] : "-") " | " med(r, "storm_found") " |" >md
	}
	print "" >md

	print "## Completeness\n" >md
	print "The log buffer filled to 90% with numbered lines before each jump; the lines it still held (counted by the helper just before the load) against those the next kernel's record holds, over all jumps of a row, load (a). pstore_kho keeps the log since boot; ramoops keeps what its dump takes.\n" >md
	print "| log buffer | set-up | lines in the log at the jump | of those, in the record | completeness |" >md
	print "|---|---|---|---|---|" >md
	for (s = 1; s <= nsizes; s++) for (j = 2; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]; r = row[x, z, "a"]
		if (r == "" || rstatus[r] != "ok") continue
		p = fo = 0
		for (i = 1; i <= nsamp[r]; i++) { p += samp[r, i, "fill_present"]; fo += samp[r, i, "fill_found"] }
		print "| " size_name(z) " | " name[x] " | " p " | " fo " | " (p ? sprintf("%.1f%%", 100 * fo / p) : "-") " |" >md
	}
	print "" >md

	print "## Memory held\n" >md
	print "Measured, not computed from parameters. **In the running kernel**: free memory (MemFree and the per-CPU free lists) once the log is filled and the backend has settled, in the first boot of each row of a set-up and size (the same steps up to there; the median of those boots, their spread beside), against the baseline's: a reserved region (missing from MemTotal) and buffers, segments, rings and module code (missing from MemFree) all count. **In the next kernel**: MemTotal before anything is loaded, after each jump of load (a), against the baseline's: what the jump handed over or kept reserved (median over the jumps). pstore_kho's own figures come from its handle (bytes kept: the data of its records; preserved: the handle page and its segments). Its code: what loading it took from execmem, in /proc/vmallocinfo, against the baseline's (x86 hands out module text in 2 MiB chunks shared by every module loaded: a machine that loads any module already has one)" (codevm ? "; this run's raw data has no execmem figure, so it is the VmallocUsed difference, an upper bound" : "") ". The target counts pstore_kho's memory in the running kernel without its code, and its MemTotal drop in the next kernel.\n" >md
	print "| log buffer | set-up | in the running kernel | boots (spread of their free memory) | of which module code | without the code (judged) | in the next kernel, MemTotal drop (judged) | bytes kept | preserved | largest segment | tail | allowed: 1.1 x kept + a segment + the tail |" >md
	print "|---|---|---|---|---|---|---|---|---|---|---|---|" >md
	for (s = 1; s <= nsizes; s++) for (j = 1; j <= nsetups; j++) {
		z = sizes[s]; x = setups[j]; r = mr[x, z]
		if (!nfree[x, z]) continue
		n1 = nfree[x, z] " (" kib(spread[x, z] * 1024) ")"
		if (x == "base")
			print "| " size_name(z) " | " name[x] " | the reference | " n1 " | - | - | the reference | - | - | - | - | - |" >md
		else if (x == "kho")
			print "| " size_name(z) " | " name[x] " | " kib(held[x, z]) " | " n1 " | " kib(code[z]) " | " kib(data[z]) " | " kib(drop[x, z]) " | " kib(kept[z]) " | " kib(mem[r, "preserved"]) " | " kib(mem[r, "segmax"]) " | " kib(mem[r, "tail"]) " | " kib(allow[z]) " |" >md
		else
			print "| " size_name(z) " | " name[x] " | " kib(held[x, z]) " | " n1 " | - | - | " kib(drop[x, z]) " | - | - | - | - | - |" >md
	}
	print "" >md

	print "## Capture CPU\n" >md
	print "CPU time pstore_kho's capture spends on steady logging: the bench helper prints ~100-byte lines at a steady rate for " cpu[rates[1], "base", "seconds"] " s (log buffer 1 MiB), once with no backend and once with pstore_kho loaded, alternating; the guest's CPU time (all CPUs, /proc/stat, 10 ms ticks) from the start of the logging until the CPUs are idle again. The difference is pstore_kho's, wherever it runs.\n" >md
	print "| rate | lines printed (with pstore_kho) | CPU, no backend, s | CPU, pstore_kho, s | pstore_kho's, s | per MiB printed, ms | of one CPU |" >md
	print "|---|---|---|---|---|---|---|" >md
	for (i = 1; i <= nrates; i++) {
		q = rates[i]
		if (cpu[q, "base", "ok"] != 1 || cpu[q, "kho", "ok"] != 1 || rstatus["cpu"] != "ok") { print "| " kib(q) "/s | failed | - | - | - | - | - |" >md; continue }
		d = cpu[q, "kho", "busy_ticks"] - cpu[q, "base", "busy_ticks"]
		mib = cpu[q, "kho", "lines"] * 100 / 1048576
		print "| " kib(q) "/s | " cpu[q, "kho", "lines"] " | " sprintf("%.2f", cpu[q, "base", "busy_ticks"] / 100) " | " sprintf("%.2f", cpu[q, "kho", "busy_ticks"] / 100) " | " \
			sprintf("%.2f", d / 100) " | " (mib > 0 ? sprintf("%.1f", d * 10 / mib) : "-") " | " sprintf("%.1f%%", d / cpu[q, "kho", "seconds"]) " |" >md
	}
	print "" >md

	print "## Guest runs\n" >md
	print "A run passes only if the guest finished, every check it declares passed, and its serial log shows no kernel splat, no `pstore: backend (...) writing error` and no warning of pstore_kho (tests/lib.sh, judge_log). A failed run's figures are not used.\n" >md
	print "| run | status | seconds | settling after each fill, s (! = never idle) | why |" >md
	print "|---|---|---|---|---|" >md
	for (i = 1; i <= nruns; i++) { r = runs[i]; print "| " r " | " rstatus[r] " | " rsecs[r] " | " (settle[r] == "" ? "-" : settle[r]) " | " rwhy[r] " |" >md }
	print "" >md

	print "## Method\n" >md
	print "- **Reboot path**: the bench helper (tests/helpers/bench_kexec.c, never packaged) puts kprobes on kernel_kexec(), the kexec's kmsg_dump_desc() and machine_kexec(), and stamps the cycle counter there; a kprobe runs in the int3 trap, entered as an NMI, where printk cannot reach the console, so the stamps are written into a page preserved with KHO and the next kernel prints them. Each row is a chain of real `kexec -e` jumps into the same kernel: per jump the log buffer is filled to 90%, the system left to settle (CPUs idle two seconds in a row: the backend has caught up, as on a machine that ran a while), the next kernel loaded, then the load and the jump. Each timed jump is checked in the next kernel: for (a) and (b), the record must hold the load's last line and \"Starting new kernel\", or the run fails." >md
	print "- **Loads**: (a) 100 lines (10 KB) and (b) 1 MiB of lines, printed by the helper from the kernel as fast as printk takes them, at the very start of the reboot path: by a reboot notifier of the highest priority, which runs before any backend's notifier or dump, so that the load is the newest thing in the log with nothing in between (from user space, `kexec -e` would come a few hundred ms after the last line under TCG: no longer the final 100 ms, and a capture worker might take the lines first). The time spent printing it is taken out of the reboot path. (c) a line, 2 s later a storm from every CPU (tests/helpers/storm.c), 1 s later `kexec -e`; the storm's printing stays in the path, as it would on a sick machine." >md
	print "- **Completeness, memory, capture CPU**: see their sections. Lines are ~100 bytes with random words, compressing about 2.5 to 1 as a real log does." >md
	print "- Runs go one at a time unless BENCH_JOBS says otherwise; the set-ups alternate at each size and load, so a busier host hurts all alike." >md
}
