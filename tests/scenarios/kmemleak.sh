# The leak check works on the test kernels with the detectors: kmemleak is built in
# (tests/kernel/detectors.config), and kmemleak_report (tests/qemu/guest-lib.sh),
# which runs before every kexec and at the end of every scenario, finds
# objects leaked right before it. kmemleak reports an object only when it
# is 5 s old and unchanged since the scan before: a single scan at once
# finds nothing here. The helper's leak is then cleared from kmemleak's
# list, so the run's own final check sees only leaks of its own.
# checks: leak-made leak-found leak-in-helper lockdep-on-at-boot
check lockdep-on-at-boot lockdep_on
check leak-made /sbin/insmod /lib/pkho/$KTAG/pkho_leak.ko
kmemleak_report >/tmp/leaks
say "kmemleak: $(grep -c '^unreferenced object' /tmp/leaks) objects reported"
check leak-found grep -q '^unreferenced object' /tmp/leaks
check leak-in-helper grep -q 'pkho_leak_one+.*\[pkho_leak\]' /tmp/leaks
echo clear >$KMEMLEAK
finish
