# Record ids are unique across cold boots and reloads: systemd-pstore archives
# by file name, and an id that repeats overwrites an earlier boot's archive.
# An id carries the wall-clock time of the module's load (milliseconds since
# the epoch, times 10000) and a random part, so a cold boot and a reload get
# new ones. Boot 1 loads, unloads and loads again two seconds later; the
# record boot 2 receives carries the second load's time. Boot 2's own
# record, received by boot 3, has another id.
# checks: load-{1,2,3} unload-1 reload-1 mount-{2,3} id-of-the-reload ids-differ
id_of() { basename "$(ls $PSTORE/dmesg-kho-* 2>/dev/null | head -1)" | sed 's/^dmesg-kho-//'; }
case $STAGE in
1)
	check load-1 load_module pmsg_size=0
	check unload-1 unload_module
	sleep 2
	now=$(date +%s)
	check reload-1 load_module pmsg_size=0
	kexec_next "$KTAG" pkho_now="$now"
	;;
2)
	check load-2 load_module pmsg_size=0
	check mount-2 mount_pstore
	id=$(id_of)
	secs=$((${id:-0} / 10000000))
	say "id $id: loaded at $secs, reload at $(arg pkho_now)"
	check id-of-the-reload test "$secs" -ge "$(arg pkho_now)" -a "$secs" -le $(($(arg pkho_now) + 1))
	kexec_next "$KTAG" pkho_id="$id"
	;;
3)
	check load-3 load_module pmsg_size=0
	check mount-3 mount_pstore
	say "ids: $(arg pkho_id) then $(ls $PSTORE)"
	check ids-differ test -n "$(id_of)" -a "$(ls $PSTORE/dmesg-kho-* | wc -l)" = 2
	finish
	;;
esac
