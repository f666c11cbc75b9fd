# A boot with nothing handed in: the module loads, shows no record, and says
# nothing alarming.
# boot: 7.3
# checks: load mount no-record silent
check load load_module
check mount mount_pstore
check no-record test -z "$(kho_files)"
check silent test -z "$(module_msgs)"
finish
