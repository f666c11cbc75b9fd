# History across kexecs: A -> B -> C -> D -> E, a marker per boot. D shows the
# logs of A, B and C, oldest first; D erases A's; E shows B, C and D and not A.
# boot: 7.3
# timeout: 360
# checks: load-{1..5} mount-{1..5} three-records-{4,5} has-boot{1,2,3} in-order erase-A
# checks: erased-A-gone {B,C,D}-kept
# The command line carries only the ids; the log line adds "pkho-mark", so
# a later boot's log (which shows its command line) does not match.
mark() {
	m=$(cat /proc/sys/kernel/random/uuid)
	echo "pkho-mark boot$STAGE $m" >/dev/kmsg
}
# The file holding the mark of id $1, or nothing.
file_of() { grep -l "pkho-mark boot[0-9] $1" $(kho_files) 2>/dev/null; }
# Markers handed down the chain on the kernel command line.
prev=$(for i in 1 2 3 4; do arg pkho_m$i; done)
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
case $STAGE in
1 | 2 | 3)
	mark
	kexec_next "$KTAG" $(i=1; for p in $prev; do echo "pkho_m$i=$p"; i=$((i + 1)); done) "pkho_m$STAGE=$m"
	;;
4)
	set -- $prev
	check three-records-4 test "$(kho_files | wc -l)" = 3
	i=1
	for m; do
		check "has-boot$i" test -n "$(file_of "$m")"
		i=$((i + 1))
	done
	# Record ids grow with the boot sequence: oldest first.
	order=$(kho_files | sort -t- -k3 -n | while read f; do grep -o 'pkho-mark boot[0-9]' $f | head -1; done | paste -sd,)
	check in-order test "$order" = "pkho-mark boot1,pkho-mark boot2,pkho-mark boot3"
	check erase-A rm "$(file_of "$1")"
	mark
	kexec_next "$KTAG" pkho_m1=$1 pkho_m2=$2 pkho_m3=$3 pkho_m4=$m
	;;
5)
	set -- $prev
	check erased-A-gone test -z "$(file_of "$1")"
	check B-kept test -n "$(file_of "$2")"
	check C-kept test -n "$(file_of "$3")"
	check D-kept test -n "$(file_of "$4")"
	check three-records-5 test "$(kho_files | wc -l)" = 3
	finish
	;;
esac
