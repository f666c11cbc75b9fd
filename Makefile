# SPDX-License-Identifier: GPL-2.0-only
#
# make            build pstore_kho.ko for KERNELRELEASE (default: the running kernel)
# make KDIR=...   build against that kernel build tree
# make clean
# make demo       boot two KHO kernels under QEMU and show the log handed over
# make check      all tests (builds the test kernels on first use)
# make deb        Debian package pstore-kho-dkms (dpkg-buildpackage, lintian) in tests/out/deb/
# make rpm        rpm package pstore-kho-dkms (rpmbuild, rpmlint) in tests/out/rpm/
# make checkpatch KSRC=<kernel source tree>
#                 checkpatch.pl --strict on src/, run from that tree

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build

all: modules

modules:
	@test -d "$(KDIR)" || { echo "pstore_kho: no kernel build tree at $(KDIR) (install the headers of $(KERNELRELEASE) or set KDIR)" >&2; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

clean:
	@if [ -d "$(KDIR)" ]; then $(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean; fi
	rm -rf tests/out

check:
	tests/run-tests.sh

demo:
	tests/demo.sh

.PHONY: all modules clean check demo

deb:
	packaging/deb.sh

rpm:
	packaging/rpm.sh

.PHONY: deb rpm

checkpatch:
	tests/matrix/checkpatch.sh "$(KSRC)"

.PHONY: checkpatch

# make bench        the kexec reboot path of pstore_kho against no backend and
#                   ramoops: bench/raw/ and bench/results.md written from it
# make bench-smoke  a small run of the bench, meant for make check
bench:
	tests/bench/bench.sh

bench-smoke:
	tests/bench/smoke.sh

.PHONY: bench bench-smoke
