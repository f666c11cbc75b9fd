# A previous kernel hands over damaged data (tests/helpers/forge.c): each
# damaged header refuses its whole blob, each damaged record drops that
# record only, every refusal names its reason in one line, the undamaged
# records (ours and the forged good ones) stay readable, and nothing oopses
# (the host fails the run on any kernel splat).
# boot: 7.3
# timeout: 180
# checks: load-{1,2,3} mount-{1,2,3} forge-{1,2} own-record-kept-{2,3} one-line-per-damage
# checks: {compatible,version,header_size,count,header_crc,truncated}-{reason,nothing-shown}
# checks: {capacity,used,crc,overflow,type,console_crc,pmsg_used}-{reason,bad-dropped,good-kept}
# warns: ^pstore-kho-[0-9]+: (refused: |record [0-9]+ dropped: )
FORGE=/lib/pkho/$KTAG/pkho_forge.ko
# shown good|bad KIND: the pstore files holding the forged record
# "pkho-forge good|bad KIND". Matched without its first byte: the "crc"
# damages flip a bit of the payload's first byte ('p' becomes 'P'), and a
# record shown in spite of its bad CRC must still be found.
shown() { grep -l "kho-forge $1 $2\$" $(kho_files) 2>/dev/null; }
# expect_blob KIND REASON: a damaged header, the whole blob refused.
expect_blob() {
	check "$1-reason" sh -c "dmesg | grep -q 'pstore_kho: pstore-kho-[0-9]*: refused: $2'"
	check "$1-nothing-shown" test -z "$(shown good "$1")$(shown bad "$1")"
}
# expect_record KIND REASON: a damaged record, the good one kept.
expect_record() {
	check "$1-reason" sh -c "dmesg | grep -q 'pstore_kho: pstore-kho-[0-9]*: record 1 dropped: $2'"
	check "$1-bad-dropped" test -z "$(shown bad "$1")"
	check "$1-good-kept" test -n "$(shown good "$1")"
}
marker() { echo "pkho-mark boot$STAGE $1" >/dev/kmsg; }
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
case $STAGE in
1)
	check forge-1 /sbin/insmod $FORGE damage=compatible,version,header_size,count,capacity,used,crc,overflow
	id=$(cat /proc/sys/kernel/random/uuid)
	marker "$id"
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	check own-record-kept-2 grep -q "pkho-mark boot1 $(arg pkho_id)" $(kho_files)
	expect_blob compatible "bad compatible string"
	expect_blob version "unknown ABI version"
	expect_blob header_size "bad header size"
	expect_blob count "record count out of range"
	expect_record capacity "payload outside the payload area"
	expect_record used "used size larger than capacity"
	expect_record crc "payload CRC mismatch"
	expect_record overflow "payload outside the payload area"
	# Erase what this boot saw, so the next one holds only the new forgeries.
	rm -f $(kho_files)
	check forge-2 /sbin/insmod $FORGE damage=header_crc,truncated,type,console_crc,pmsg_used
	id=$(cat /proc/sys/kernel/random/uuid)
	marker "$id"
	kexec_next "$KTAG" pkho_id=$id
	;;
3)
	check own-record-kept-3 grep -q "pkho-mark boot2 $(arg pkho_id)" $(kho_files)
	expect_blob header_crc "header CRC mismatch"
	expect_blob truncated "payload area outside the blob"
	expect_record type "unsupported record type"
	expect_record console_crc "payload CRC mismatch"
	expect_record pmsg_used "used size larger than capacity"
	check one-line-per-damage test "$(module_msgs | grep -c -e refused -e dropped)" = 5
	finish
	;;
esac
