# crashd: the top-level Makefile is the project's interface.
#
#   make                 build the userspace programs into build/
#   make deps            install every build and test dependency (root)
#   make kernel          build the patched test/panic kernel (cached)
#   make capture-kernel  build crashd's capture kernel (cached)
#   make deb-capture-kernel  package it as crashd-capture-kernel
#   make kernel-patches  regenerate kernel/patches/ from kernel/ sources
#   make check           run every test; last line "N passed, N failed"
#   make demo            show the whole story in a VM
#   make bench           run the benchmarks in bench/ (not part of check), bench-quick: one repetition
#   make install DESTDIR=... PREFIX=...
#
# When the kernel's build system reads this directory (M=...), it uses the
# top-level Kbuild instead.

PREFIX ?= /usr/local
DESTDIR ?=
# Where systemd looks for units: /lib/systemd/system on Debian 12.
UNITDIR ?= $(shell pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || echo /lib/systemd/system)
B ?= build
DOCDIR ?= $(PREFIX)/share/doc/crashd

CC ?= gcc
CLANG ?= clang
CFLAGS ?= -O2 -g
# As dpkg-buildflags hands them over (fortify, relro, bindnow): honoured.
CPPFLAGS ?=
LDFLAGS ?=
DEPFLAGS = -MMD -MP
WARNINGS := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-Werror=implicit-function-declaration -Werror=return-type
# Shared kernel sources on the host: the shim headers first, then the uapi.
# Only the pure objects and their direct users build with it.
KHOST_CFLAGS := -std=gnu11 -Ikernel/host/include -Iinclude -Ikernel
ALL_CFLAGS := -std=gnu11 $(WARNINGS) $(CFLAGS) -Iinclude/uapi -Iinclude -Ikernel
# The version every program reports (--version, the dumps' metadata).
VERSION := $(shell dpkg-parsechangelog -l debian/changelog -S Version 2>/dev/null || echo 0.1)
# User space: the uapi as <linux/...>, nothing of the kernel's own headers.
DAEMON_CFLAGS := -std=gnu11 -D_GNU_SOURCE $(WARNINGS) $(CPPFLAGS) $(CFLAGS) -Iinclude/uapi -DCRASHD_VERSION='"$(VERSION)"' \
	$(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3) \
	$(shell pkg-config --cflags blkid 2>/dev/null || echo -I/usr/include/blkid)

KERNEL_SHARED := kernel/crash_reserve_parse.c kernel/crash_hole.c
KERNEL_SHARED_OBJS := $(KERNEL_SHARED:kernel/%.c=$(B)/kernel/%.o)

UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test-*.c))
UNIT_SUPPORT := tests/unit/fixtures.c
FUZZERS := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(wildcard tests/fuzz/fuzz-*.c))

.PHONY: all deps deb deb-capture-kernel capture-kernel bench bench-quick kernel-patches module check unit fuzzers vm-helpers demo install clean

# daemon/ holds three programs, each in its folder with its main(), and
# shared/, the code they share (also linked into the tests). Sources are
# listed by folder, never by hand.
COMMON_SRCS := $(wildcard daemon/shared/*.c)
COMMON_LIB := $(B)/libcrashd-common.a
CRASHD_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard daemon/crashd/*.c))
CRASHCTL_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard daemon/crashctl/*.c))
COLLECT_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard daemon/collect/*.c))
DAEMON_LIBS := $(shell pkg-config --libs json-c libsystemd libcrypto libelf inih libkmod blkid zlib liblzma libzstd liblz4 libnl-genl-3.0 2>/dev/null || \
	echo -ljson-c -lsystemd -lcrypto -lelf -linih -lkmod -lblkid -lz -llzma -lzstd -llz4 -lnl-genl-3 -lnl-3) -lbz2

MAN_PAGES := $(patsubst Documentation/man/%.scd,$(B)/man/%,$(wildcard Documentation/man/*.scd))

all: $(B)/crashctl $(B)/crashd $(B)/crashd-collect $(MAN_PAGES)

# The collector runs in the capture initramfs: every library it needs is
# copied there, so it links only what it uses.
$(B)/crashd-collect: $(COLLECT_OBJS) $(COMMON_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed $^ $(DAEMON_LIBS) -o $@

$(B)/crashd: $(CRASHD_OBJS) $(COMMON_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(DAEMON_LIBS) -o $@

$(B)/crashctl: $(CRASHCTL_OBJS) $(COMMON_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(DAEMON_LIBS) -o $@

$(B)/man/%: Documentation/man/%.scd
	@mkdir -p $(dir $@)
	scdoc < $< > $@

$(COMMON_LIB): $(COMMON_SRCS:%.c=$(B)/%.o) $(B)/daemon/shared/purgatory-blob.o $(KERNEL_SHARED_OBJS)
	rm -f $@
	ar rcs $@ $^

# The purgatory (Loader=elf): freestanding code that runs after a panic,
# before the panic kernel, at whatever address the loader chose. Position-
# independent and with no GOT (hidden visibility), no SSE or red zone (no
# FPU state, no stack guarantees there), linked flat at 0.
PURGATORY_SRCS := $(wildcard daemon/purgatory/*.c daemon/purgatory/*.S)
PURGATORY_OBJS := $(patsubst daemon/purgatory/%,$(B)/purgatory/%.o,$(basename $(PURGATORY_SRCS)))
PURGATORY_CFLAGS := -std=gnu11 $(WARNINGS) -O2 -ffreestanding -fno-builtin -fpie -fvisibility=hidden \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables -mno-red-zone \
	-mgeneral-regs-only -fno-jump-tables -fcf-protection=none -Idaemon/purgatory

$(B)/purgatory/%.o: daemon/purgatory/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PURGATORY_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/purgatory/%.o: daemon/purgatory/%.S
	@mkdir -p $(dir $@)
	$(CC) $(PURGATORY_CFLAGS) $(DEPFLAGS) -c $< -o $@

# Only PC-relative references may remain, except the head's offsets:
# anything absolute would point into address 0 where the image is linked.
$(B)/purgatory/purgatory.bin: $(PURGATORY_OBJS) daemon/purgatory/purgatory.lds
	@for o in $(PURGATORY_OBJS); do readelf -rW $$o | awk -v o=$$o \
		'/^Relocation section/ { sec = $$3 } /R_X86_64_/ && $$3 !~ /^R_X86_64_(PC32|PLT32)$$/ && sec != "'"'"'.rela.head'"'"'" \
		{ print "purgatory: " o ": absolute relocation " $$3 " in " sec; bad = 1 } END { exit bad }' || exit 1; done
	ld -nostdlib -static --no-warn-rwx-segments --build-id=none -T daemon/purgatory/purgatory.lds \
		-o $(B)/purgatory/purgatory.elf $(PURGATORY_OBJS)
	objcopy -O binary $(B)/purgatory/purgatory.elf $@

$(B)/daemon/shared/purgatory-blob.o: daemon/shared/purgatory-blob.S $(B)/purgatory/purgatory.bin
	@mkdir -p $(dir $@)
	$(CC) -DPURGATORY_BIN='"$(B)/purgatory/purgatory.bin"' -c $< -o $@

# A program's sources see their own folder and shared/.
$(B)/daemon/%.o: daemon/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PURE_CFLAGS) $(DAEMON_CFLAGS) -I$(dir $<) -Idaemon/shared $(DEPFLAGS) -c $< -o $@

# crashctl plan runs the kernel's parser and hole picker: their headers need the shim.
$(B)/daemon/crashctl/crashctl-plan.o: PURE_CFLAGS = $(KHOST_CFLAGS)

deps:
	@scripts/deps all

kernel: deps
	@kernel/build

capture-kernel: deps
	@kernel/build capture

kernel-patches:
	@kernel/mkpatches

$(B)/kernel/%.o: kernel/%.c $(wildcard kernel/*.h include/uapi/linux/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(KHOST_CFLAGS) $(WARNINGS) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

# Upstream's own parser, extracted unchanged, as a differential oracle.
$(B)/oracle/upstream.c: tests/oracle/extract-upstream
	@mkdir -p $(dir $@)
	tests/oracle/extract-upstream $@

$(B)/oracle/upstream.o: $(B)/oracle/upstream.c tests/oracle/upstream-shim.h
	$(CC) -std=gnu11 -O1 -g -w -Itests/oracle -c $< -o $@

$(B)/oracle/differential.o: tests/oracle/differential.c $(wildcard tests/oracle/*.h)
	$(CC) $(KHOST_CFLAGS) $(WARNINGS) $(CFLAGS) $(DEPFLAGS) -Itests/oracle -c $< -o $@

ORACLE_OBJS := $(B)/oracle/upstream.o $(B)/oracle/differential.o

# The tests see shared/ and crashctl's client of the control socket.
TEST_OBJS := $(B)/daemon/crashctl/control-client.o

$(B)/tests/%: tests/unit/%.c $(UNIT_SUPPORT) $(COMMON_LIB) $(ORACLE_OBJS) $(TEST_OBJS) $(UNIT_EXTRA)
	@mkdir -p $(dir $@)
	$(CC) $(PURE_CFLAGS) $(DAEMON_CFLAGS) $(DEPFLAGS) -Itests/unit -Itests/oracle -Idaemon/shared -Idaemon/crashctl \
		$< $(UNIT_SUPPORT) $(UNIT_EXTRA) $(ORACLE_OBJS) $(TEST_OBJS) $(COMMON_LIB) -lcmocka $(DAEMON_LIBS) -o $@

# The purgatory's checks, built for the host and held against OpenSSL.
$(B)/tests/test-purgatory: UNIT_EXTRA = daemon/purgatory/check.c daemon/purgatory/sha256.c daemon/purgatory/format.c
$(B)/tests/test-purgatory: PURE_CFLAGS = -Idaemon/purgatory

# The tests of the pure kernel objects read kernel headers through the shim.
PURE_TESTS := $(B)/tests/test-crash-hole $(B)/tests/test-crash-reserve-parse $(B)/tests/test-parse-vs-upstream
$(PURE_TESTS): PURE_CFLAGS = $(KHOST_CFLAGS)

unit: $(UNIT_TESTS)

# Small programs the VM scenarios run inside the guest.
VM_HELPERS := $(patsubst tests/vm/helpers/%.c,$(B)/vm-helpers/%,$(wildcard tests/vm/helpers/*.c))

$(B)/vm-helpers/%: tests/vm/helpers/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $< -o $@

vm-helpers: $(VM_HELPERS)

# libFuzzer targets: the shared sources compiled once more, instrumented,
# into an archive each target links what it uses from.
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB := $(B)/fuzz-obj/libfuzz-common.a
FUZZ_OBJS := $(KERNEL_SHARED:kernel/%.c=$(B)/fuzz-obj/kernel/%.o) \
	$(COMMON_SRCS:%.c=$(B)/fuzz-obj/%.o) \
	$(B)/fuzz-obj/oracle/upstream.o $(B)/fuzz-obj/oracle/differential.o \
	$(B)/daemon/shared/purgatory-blob.o

$(B)/fuzz-obj/kernel/%.o: kernel/%.c
	@mkdir -p $(dir $@)
	$(CLANG) $(KHOST_CFLAGS) $(FUZZ_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/fuzz-obj/daemon/%.o: daemon/%.c
	@mkdir -p $(dir $@)
	$(CLANG) $(DAEMON_CFLAGS) $(FUZZ_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/fuzz-obj/oracle/upstream.o: $(B)/oracle/upstream.c tests/oracle/upstream-shim.h
	@mkdir -p $(dir $@)
	$(CLANG) -std=gnu11 $(FUZZ_CFLAGS) -w -Itests/oracle -c $< -o $@

$(B)/fuzz-obj/oracle/differential.o: tests/oracle/differential.c
	@mkdir -p $(dir $@)
	$(CLANG) $(KHOST_CFLAGS) $(FUZZ_CFLAGS) $(DEPFLAGS) -Itests/oracle -c $< -o $@

$(FUZZ_LIB): $(FUZZ_OBJS)
	rm -f $@
	ar rcs $@ $^

$(B)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(CLANG) $(PURE_CFLAGS) $(DAEMON_CFLAGS) $(DEPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-Itests/oracle -Itests/unit -Idaemon/shared $< $(FUZZ_LIB) $(DAEMON_LIBS) -o $@

# The fuzz targets of the pure kernel objects read kernel headers through the shim.
$(B)/fuzz/fuzz-crash-hole $(B)/fuzz/fuzz-crashk-parse: PURE_CFLAGS = $(KHOST_CFLAGS)

fuzzers: $(FUZZERS)

# The Debian package, built from a copy of the working tree.
deb:
	@rm -rf $(B)/deb && mkdir -p $(B)/deb/crashd-$(VERSION)
	@tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C $(B)/deb/crashd-$(VERSION)
	cd $(B)/deb/crashd-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls $(B)/deb/*.deb

# The optional second package: crashd's capture kernel (a kernel build, cached).
deb-capture-kernel:
	@kernel/mkdeb-capture $(B)/deb-capture-kernel

# The module build (top-level Kbuild), in a copy so that no objects land in
# the source tree. KDIR: a configured kernel tree or headers.
KDIR ?= /lib/modules/$(shell uname -r)/build
module:
	@rm -rf $(B)/module && mkdir -p $(B)/module
	@cp -r Kbuild kernel include $(B)/module/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(B)/module modules

check: deps
	@tests/check

# Each script writes its section of bench/RESULTS.md.
bench: deps all vm-helpers deb
	@for b in bench/*; do [ -x "$$b" ] && [ -f "$$b" ] && "$$b"; done; true

bench-quick: deps all vm-helpers deb
	@for b in bench/*; do [ -x "$$b" ] && [ -f "$$b" ] && "$$b" --quick; done; true

demo: deps all
	@kernel/build > /dev/null
	@$(MAKE) -s deb > /dev/null
	@tests/vm/demo

install: all
	install -D -m 755 $(B)/crashctl $(DESTDIR)$(PREFIX)/bin/crashctl
	install -D -m 755 $(B)/crashd $(DESTDIR)$(PREFIX)/sbin/crashd
	install -D -m 755 $(B)/crashd-collect $(DESTDIR)$(PREFIX)/lib/crashd/crashd-collect
	install -D -m 644 daemon/crashd.service $(DESTDIR)$(UNITDIR)/crashd.service
	sed -i 's|/usr/sbin/crashd|$(PREFIX)/sbin/crashd|; s|/usr/bin/crashctl|$(PREFIX)/bin/crashctl|' \
		$(DESTDIR)$(UNITDIR)/crashd.service
	install -D -m 644 daemon/crashd.catalog $(DESTDIR)$(PREFIX)/lib/systemd/catalog/crashd.catalog
	install -D -m 644 daemon/crashd.conf $(DESTDIR)/etc/crashd/crashd.conf
	install -D -m 644 daemon/crashd.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/crashd.conf
	[ -n "$(DESTDIR)" ] || systemd-tmpfiles --create $(PREFIX)/lib/tmpfiles.d/crashd.conf
	install -D -m 644 Documentation/admin-guide/crashd.rst $(DESTDIR)$(DOCDIR)/admin-guide.rst
	install -D -m 644 Documentation/admin-guide/crashd-reservation.rst $(DESTDIR)$(DOCDIR)/reservation.rst
	install -D -m 755 daemon/kernel-hook $(DESTDIR)/etc/kernel/postinst.d/zz-crashd
	install -D -m 755 daemon/kernel-hook $(DESTDIR)/etc/kernel/postrm.d/zz-crashd
	for m in $(MAN_PAGES); do \
		s=$${m##*.}; install -D -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man$$s/$$(basename $$m); \
	done

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' -type f -not -path '$(B)/deb/*' 2>/dev/null)
