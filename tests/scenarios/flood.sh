# A log storm through the jump: kthreads print from every CPU (a driver stuck
# in a loop, a dyndbg storm) while the machine kexecs, with the console
# quiet as on a production server. A line printed two seconds before the
# storm must reach the next kernel, and so must the last lines before the
# jump, up to "Starting new kernel"; the lines the storm printed between
# them that were not kept are counted in a marker saying how many and
# where: overwritten by the kernel's log buffer before anything could take
# them, or dropped at the kexec for want of room (tail_size=4096, the least
# the module takes, makes room run out sooner). Where the capture keeps up
# with the storm, no line is missing and no marker is needed: the check
# is that no storm line is missing unmarked (per CPU, the storm numbers
# its lines). kexec-tail.sh tests the
# dropping alone, without a storm.
# timeout: 240
# checks: load-{1,2} kexec-loaded mount record-shown before-storm starting-new-kernel middle-marked storm-lines
case $STAGE in
1)
	check load-1 load_module tail_size=4096
	# Loaded (and, where the API form needs it, finalized) before the
	# storm: the storm takes the CPUs.
	before=$(cat /proc/sys/kernel/random/uuid)
	check kexec-loaded kexec_prepare "$KTAG" pkho_before="$before"
	storm_jump "$before"
	;;
2)
	check load-2 load_module
	check mount mount_pstore
	storm_record "$(arg pkho_before)"
	f=$RECORD
	# Between the line before the storm and the last lines, every storm
	# line missing is counted by a marker (or none is missing: the capture
	# kept up with the storm).
	say "storm lines: $(storm_accounted $f)"
	check middle-marked storm_accounted $f
	check storm-lines grep -q 'pkho-storm [0-9]* [0-9]*' $f
	finish
	;;
esac
