# pmsg against rmmod: pstore's write_pmsg() does not pin the backend, so a
# /dev/pmsg0 held open across rmmod would write through freed memory (a NULL
# dereference on the KASAN kernel with the module of 0.1.0). With a pmsg
# front-end the module pins itself: rmmod answers "in use" while a writer
# loops on an open /dev/pmsg0, and the writer finishes without an error and
# without a report. Without a pmsg front-end (and nothing taken from a
# previous kernel: this is a cold boot) the module unloads.
# checks: load-without-pmsg no-pmsg-device unload-without-pmsg
# checks: load rmmod-refused-during-writes writer-finished still-loaded
check load-without-pmsg load_module pmsg_size=0
check no-pmsg-device test ! -e /dev/pmsg0
check unload-without-pmsg unload_module
check load load_module
# One fd held open for the whole loop, as a logging daemon would.
(exec 3>/dev/pmsg0; i=0; while [ $i -lt 4000 ]; do echo "pkho-pmsg $i" >&3 || exit 1; i=$((i + 1)); done) &
writer=$!
check rmmod-refused-during-writes not unload_module
check writer-finished wait $writer
check still-loaded grep -q "^pstore_kho " /proc/modules
finish
