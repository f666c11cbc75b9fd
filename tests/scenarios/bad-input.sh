# Bad module parameters are refused with one message each and nothing is
# registered; when this kernel's blob cannot be handed over (its entry name is
# taken), the previous kernel's log is still shown.
# boot: 7.3
# timeout: 180
# checks: load-1
# checks: {records-zero,records-big,size-small,size-huge,reason-zero,reason-big,not-a-number}-{refused,says-why,one-line,not-registered}
# checks: nothing-registered occupy load-without-outgoing says-no-outgoing mount incoming-still-shown
# warns: ^(records|record_size|max_reason)=[0-9]+ is out of range
# warns: invalid for parameter .records.
# warns: ^cannot hand this kernel.s log to the next one: 
FORGE=/lib/pkho/$KTAG/pkho_forge.ko
# since MARK: the kernel log from the line MARK on (written to /dev/kmsg
# before). The log is never cleared: a later check may need all of it.
since() { echo "$1" >/dev/kmsg; }
log_since() { dmesg | sed -n "/ $1\$/,\$p" >/tmp/since; }
# refused NAME PARAM MESSAGE: loading with PARAM fails and says MESSAGE, in
# exactly one line of the module's.
refused() {
	since "pkho-refusal-$1"
	check "$1-refused" not load_module "$2"
	log_since "pkho-refusal-$1"
	check "$1-says-why" grep -q "pstore_kho: $3" /tmp/since
	check "$1-one-line" test "$(grep 'pstore_kho: ' /tmp/since | grep -vc 'taints kernel')" = 1
	check "$1-not-registered" not grep -q "pstore_kho" /proc/modules
}
case $STAGE in
1)
	check load-1 load_module
	id=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark $id" >/dev/kmsg
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	since pkho-refusals
	refused records-zero records=0 "records=0 is out of range"
	refused records-big records=1000 "records=1000 is out of range"
	refused size-small record_size=100 "record_size=100 is out of range"
	refused size-huge record_size=99999999999 "record_size=99999999999 is out of range"
	refused reason-zero max_reason=0 "max_reason=0 is out of range"
	refused reason-big max_reason=9 "max_reason=9 is out of range"
	refused not-a-number records=abc "records: .*invalid\|invalid.*records"
	# Over all the refusals above, not only the last one.
	log_since pkho-refusals
	check nothing-registered not grep -q 'Registered kho as persistent store backend' /tmp/since
	# Someone else holds our entry name: no handover out, the log in stays.
	check occupy /sbin/insmod $FORGE occupy=1
	since pkho-occupied
	check load-without-outgoing load_module
	log_since pkho-occupied
	check says-no-outgoing grep -Eq 'pstore_kho: cannot hand this kernel.s log to the next one: (-EEXIST|-17)' /tmp/since
	check mount mount_pstore
	check incoming-still-shown grep -q "pkho-mark $(arg pkho_id)" $(kho_files)
	finish
	;;
esac
