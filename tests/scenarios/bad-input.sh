# Bad module parameters are refused with one message each and nothing is
# registered; when this kernel's blob cannot be handed over (its entry name is
# taken), the previous kernel's log is still shown.
# boot: 7.3
# timeout: 180
FORGE=/lib/pkho/$KTAG/pkho_forge.ko
# refused NAME PARAM MESSAGE: loading with PARAM fails and says MESSAGE.
refused() {
	dmesg -c >/dev/null
	check "$1-refused" not load_module "$2"
	check "$1-says-why" sh -c "dmesg | grep -q 'pstore_kho: $3'"
	check "$1-one-line" test "$(module_msgs | wc -l)" -le 1
	check "$1-not-registered" not grep -q "pstore_kho" /proc/modules
}
case $STAGE in
1)
	check load load_module
	id=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark $id" >/dev/kmsg
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	refused records-zero records=0 "records=0 is out of range"
	refused records-big records=1000 "records=1000 is out of range"
	refused size-small record_size=100 "record_size=100 is out of range"
	refused size-huge record_size=99999999999 "record_size=99999999999 is out of range"
	refused reason-zero max_reason=0 "max_reason=0 is out of range"
	refused reason-big max_reason=9 "max_reason=9 is out of range"
	refused not-a-number records=abc "records: .*invalid\|invalid.*records"
	check nothing-registered not sh -c "dmesg | grep -q 'Registered kho'"
	# Someone else holds our entry name: no handover out, the log in stays.
	check occupy /sbin/insmod $FORGE occupy=1
	dmesg -c >/dev/null
	check load-without-outgoing load_module
	check says-no-outgoing sh -c "dmesg | grep -Eq 'pstore_kho: cannot hand this kernel.s log to the next one: (-EEXIST|-17)'"
	check mount mount_pstore
	check incoming-still-shown grep -q "pkho-mark $(arg pkho_id)" $(kho_files)
	finish
	;;
esac
