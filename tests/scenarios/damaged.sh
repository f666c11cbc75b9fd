# A previous kernel hands over damaged data (tests/helpers/forge.c): one
# handle per kind of damage, each with a dmesg, a console and a pmsg record.
# Damage to the handle or its table refuses the whole handle; damage to a
# record drops that record and keeps the others; damage inside the dmesg
# stream keeps the record, with a marker line saying what is missing. Every
# refusal is one line naming the reason, our own records stay readable, and
# nothing oopses (the host fails the run on any kernel splat). A segment
# its kernel did not preserve ("unpreserved") is refused by KHO itself,
# which warns once (below). The size KHO reports for a handle is forged in
# damaged-size.sh: only KHO 7.1 and later store one.
# timeout: 240
# checks: load-{1,2,3} mount-{1,2,3} forge-{1,2} own-record-kept-{2,3}
# checks: {compatible,version,fdt,table_crc,table_size,count,seg_overlap,seg_unaligned}-{reason,nothing-shown}
# checks: {rec_type,rec_range,rec_time,ring_crc,unpreserved}-{reason,pmsg-dropped,others-kept}
# checks: {chunk_size,chunk_inflate}-{marker,first-chunk-kept,others-kept}
# checks: chunk_crc-{marker,next-chunk-kept,others-kept} v2-shown
# checks: gap-marker gap-both-chunks tail-marker front-marker one-line-per-damage
# warns: ^pstore-kho-dkms-[0-9]+: (refused: |record [0-9]+ dropped: )
# KHO's kho_restore_pages() warns (once a boot) when asked for a page the
# previous kernel did not preserve, the "unpreserved" forgery; the module
# cannot ask KHO first. 7.0 on print "WARNING: FILE:LINE at FUNC", 6.18
# "WARNING: CPU: N PID: N at FILE:LINE FUNC".
# kernel-says: ^WARNING: (CPU: [0-9]+ PID: [0-9]+ at )?kernel/(liveupdate/)?kexec_handover\.c:[0-9]+ (at )?kho_restore_page\+0x[0-9a-f]+/0x[0-9a-f]+
FORGE=/lib/pkho/$KTAG/pkho_forge.ko
# shown TYPE KIND: the pstore file holding the forged TYPE record of KIND,
# or /dev/null (a grep on it fails, where no file would make grep wait).
shown() { grep -l "pkho-forge $1 $2" $PSTORE/$1-kho-* 2>/dev/null || echo /dev/null; }
# expect_handle KIND REASON: the whole handle refused, nothing of it shown.
expect_handle() {
	check "$1-reason" sh -c "dmesg | grep -q 'pstore_kho: pstore-kho-dkms-[0-9]*: refused: $2'"
	check "$1-nothing-shown" test -z "$(grep -l "pkho-forge [a-z]* $1" $(kho_files) 2>/dev/null)"
}
# expect_record KIND REASON: the pmsg record dropped, dmesg and console kept.
expect_record() {
	check "$1-reason" sh -c "dmesg | grep -q 'pstore_kho: pstore-kho-dkms-[0-9]*: record 2 dropped: $2'"
	check "$1-pmsg-dropped" test "$(shown pmsg "$1")" = /dev/null
	check "$1-others-kept" test "$(shown dmesg "$1")" != /dev/null -a "$(shown console "$1")" != /dev/null
}
# expect_marker KIND MARKER: the dmesg record shown up to the damage.
expect_marker() {
	local f=$(shown dmesg "$1")
	check "$1-marker" grep -q "\[pstore_kho: $2" $f
	check "$1-first-chunk-kept" grep -q "pkho-forge dmesg $1 first" $f
	check "$1-others-kept" test "$(shown console "$1")" != /dev/null -a "$(shown pmsg "$1")" != /dev/null
}
marker() { echo "pkho-mark boot$STAGE $1" >/dev/kmsg; }
check "load-$STAGE" load_module
check "mount-$STAGE" mount_pstore
case $STAGE in
1)
	check forge-1 /sbin/insmod $FORGE damage=compatible,version,fdt,table_crc,table_size,count,seg_overlap,seg_unaligned
	id=$(cat /proc/sys/kernel/random/uuid)
	marker "$id"
	kexec_next "$KTAG" pkho_id=$id
	;;
2)
	check own-record-kept-2 grep -q "pkho-mark boot1 $(arg pkho_id)" $PSTORE/dmesg-kho-*
	expect_handle compatible "bad compatible string"
	expect_handle version "unknown ABI version"
	expect_handle fdt "bad FDT layout"
	expect_handle table_crc "table CRC mismatch"
	expect_handle table_size "bad table header"
	expect_handle count "count out of range"
	expect_handle seg_overlap "segments overlap"
	expect_handle seg_unaligned "bad segment"
	# Erase what this boot saw, so the next one holds only the new forgeries.
	rm -f $(kho_files)
	check forge-2 /sbin/insmod $FORGE damage=rec_type,rec_range,rec_time,ring_crc,unpreserved,chunk_crc,chunk_size,chunk_inflate,gap,tail,v2
	id=$(cat /proc/sys/kernel/random/uuid)
	marker "$id"
	kexec_next "$KTAG" pkho_id=$id
	;;
3)
	check own-record-kept-3 grep -q "pkho-mark boot2 $(arg pkho_id)" $PSTORE/dmesg-kho-*
	expect_record rec_type "unsupported record"
	expect_record rec_range "record data outside its segments"
	expect_record rec_time "bad record time"
	expect_record ring_crc "data CRC mismatch"
	expect_record unpreserved "segment not handed over by KHO"
	# A damaged chunk whose extent is plausible is skipped, not the rest.
	f=$(shown dmesg chunk_crc)
	check chunk_crc-marker grep -q "\[pstore_kho: a damaged chunk was skipped here: chunk CRC mismatch" $f
	check chunk_crc-next-chunk-kept grep -q "pkho-forge dmesg chunk_crc second" $f
	check chunk_crc-others-kept test "$(shown console chunk_crc)" != /dev/null -a "$(shown pmsg chunk_crc)" != /dev/null
	# A handle of the previous ABI version is read whole, without a word
	# (one-line-per-damage counts every line of the module's).
	check v2-shown test "$(shown dmesg v2)" != /dev/null -a "$(shown console v2)" != /dev/null -a "$(shown pmsg v2)" != /dev/null
	expect_marker chunk_size "the rest of this log is damaged: chunk past the end"
	expect_marker chunk_inflate "1 lines lost here: a chunk does not decompress"
	f=$(shown dmesg gap)
	check gap-marker grep -q "\[pstore_kho: 9 lines lost here: the kernel log buffer overwrote them" $f
	check gap-both-chunks sh -c "grep -q 'gap first' $f && grep -q 'gap second' $f"
	check tail-marker grep -q "\[pstore_kho: the last 3 lines are not here" $(shown dmesg tail)
	check front-marker grep -q "\[pstore_kho: the 10 lines before this one are not here: 0 dropped" $(shown dmesg tail)
	check one-line-per-damage test "$(module_msgs | grep -c -e refused -e dropped)" = 5
	finish
	;;
esac
