# Bad module parameters are refused with one message each and nothing is
# registered; valid non-default ones are taken and the log still arrives;
# when this kernel's handle cannot be handed over (its entry name is taken),
# the previous kernel's log is still shown.
# timeout: 240
# checks: load-1 mark-1 values-taken arrived-2 rings-sized
# checks: {log-small,log-over-cap,log-huge,tail-small,tail-huge,reason-big,reason-negative,console-small,pmsg-huge,not-a-number}-{refused,says-why,one-line,not-loaded}
# checks: nothing-registered frozen-at-load-ignored kho_api-read-only occupy load-without-outgoing says-no-outgoing mount incoming-still-shown
# warns: ^cannot hand this kernel.s log to the next one: (pstore-kho-dkms: )?(-EEXIST|-17)$
# warns: ^frozen=1 ignored: it is set on a loaded module
# warns: ^[a-z_]+=-?[0-9]+ is out of range
# warns: ^`abc' invalid for parameter `log_max'$
# On 6.16-6.18 KHO adds a finalized sub-tree to its debugfs view, and
# debugfs says at KERN_ERR that the occupied entry name already exists.
# kernel-says: ^debugfs: 'pstore-kho-dkms' already exists in 'sub_fdts'$
FORGE=/lib/pkho/$KTAG/pkho_forge.ko
# refused NAME PARAM MESSAGE: loading with PARAM fails and says MESSAGE in
# exactly one line of the module's, and nothing stays loaded. What each
# load said is kept in /tmp/refusals, a case after the other: dmesg -c
# leaves only the last one in the kernel's log.
refused() {
	dmesg -c >/dev/null
	check "$1-refused" not load_module "$2"
	dmesg -c >/tmp/said
	cat /tmp/said >>/tmp/refusals
	check "$1-says-why" grep -q "$3" /tmp/said
	check "$1-one-line" test "$(module_own </tmp/said | wc -l)" = 1
	check "$1-not-loaded" not grep -q "^pstore_kho " /proc/modules
}
case $STAGE in
1)
	# Every parameter away from its default, each still in range.
	check load-1 load_module log_max=2097152 tail_size=8192 max_reason=2 console_size=4096 pmsg_size=8192
	p=/sys/module/pstore_kho/parameters
	check values-taken test "$(cat $p/log_max) $(cat $p/tail_size) $(cat $p/max_reason) $(cat $p/console_size) $(cat $p/pmsg_size)" = "2097152 8192 2 4096 8192"
	id=$(cat /proc/sys/kernel/random/uuid)
	check mark-1 sh -c "echo 'pkho-mark $id' >/dev/kmsg && echo 'pkho-pmsg $id' >/dev/pmsg0"
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	refused log-small log_max=1000 "pstore_kho: log_max=1000 is out of range"
	# Above what the next kernel can show in one pstore file (issue 18).
	refused log-over-cap log_max=268435457 "pstore_kho: log_max=268435457 is out of range"
	refused log-huge log_max=99999999999 "pstore_kho: log_max=99999999999 is out of range"
	refused tail-small tail_size=100 "pstore_kho: tail_size=100 is out of range"
	refused tail-huge tail_size=1073741824 "pstore_kho: tail_size=1073741824 is out of range"
	refused reason-big max_reason=5 "pstore_kho: max_reason=5 is out of range"
	refused reason-negative max_reason=-1 "pstore_kho: max_reason=-1 is out of range"
	refused console-small console_size=100 "pstore_kho: console_size=100 is out of range"
	refused pmsg-huge pmsg_size=2097152 "pstore_kho: pmsg_size=2097152 is out of range"
	refused not-a-number log_max=abc "pstore_kho: log_max: .*invalid\|invalid.*log_max"
	# Not a single registration in all of that: pstore says "Registered
	# kho as persistent store backend" when a load gets that far.
	check nothing-registered not grep -q 'Registered kho' /tmp/refusals
	# Someone else holds our entry name: no handover out, the log in stays.
	check occupy /sbin/insmod $FORGE occupy=1
	dmesg -c >/dev/null
	# frozen at load means nothing: said in one line, and ignored.
	check load-without-outgoing load_module frozen=1
	check frozen-at-load-ignored sh -c "test \"\$(cat /sys/module/pstore_kho/parameters/frozen)\" = N && dmesg | grep -q 'pstore_kho: frozen=1 ignored'"
	check kho_api-read-only not sh -c "echo live >/sys/module/pstore_kho/parameters/kho_api"
	# 6.16-6.18 add sub-trees only when KHO is finalized: the clash shows then.
	[ "$(cat /sys/module/pstore_kho/parameters/kho_api)" = finalize-before-load ] &&
		/usr/sbin/pstore-kho-finalize >/dev/null
	check says-no-outgoing sh -c "dmesg | grep -Eq 'pstore_kho: cannot hand this kernel.s log to the next one: (pstore-kho-dkms: )?(-EEXIST|-17)'"
	check mount mount_pstore
	check arrived-2 grep -q "pkho-mark $(arg pkho_id)" $PSTORE/dmesg-kho-*
	# The valid values of the previous boot: an 8 KiB pmsg ring, a console one.
	check rings-sized sh -c "grep -q 'pkho-pmsg $(arg pkho_id)' $PSTORE/pmsg-kho-* && test -n \"\$(ls $PSTORE/console-kho-*)\""
	check incoming-still-shown test -n "$(kho_files)"
	finish
	;;
esac
