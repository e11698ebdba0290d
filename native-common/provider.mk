# Shared build rules of the BSD, macOS, Solaris and AIX cores, included by each provider's src/main/c/Makefile.
# The including Makefile sets OS (resource name), LIBRARY (file name), JNI_OS (the JDK's include/<os> directory on
# that OS) and LIBS. Inputs from Maven: JNI_INCLUDE, GENERATED (javac -h output), OUTPUT (class output dir),
# BUILD (scratch dir), and for the test library TEST_C (the OS shim) and SHIM_OUT.
#
#   make production  on the target OS: the library the jar ships, and the digest the loader checks
#   make shim        on Linux: the same core linked against the OS shim, for the tests only

COMMON := $(dir $(lastword $(MAKEFILE_LIST)))c
SOURCES := $(wildcard *.c) $(wildcard $(COMMON)/*.c)
HEADERS := $(wildcard *.h) $(wildcard $(COMMON)/*.h) $(wildcard $(GENERATED)/*.h)
# Warnings fail the test build (one compiler, known here); on the target OS an unknown compiler only reports them.
WARNINGS := -Wall -Wextra -std=gnu11
INCLUDES := -I. -I$(COMMON) -I$(GENERATED) -I$(JNI_INCLUDE)

UNAME_M := $(shell uname -m)
ARCH ?= $(if $(filter x86_64 amd64 i86pc,$(UNAME_M)),x86_64,$(if $(filter arm64 aarch64,$(UNAME_M)),aarch_64,$(if $(filter sun4%,$(UNAME_M)),sparcv9,$(UNAME_M))))
# The resource directory is <os>-<arch>, where a provider whose OSes need different libraries sets RESOURCE_OS.
TARGET := $(OUTPUT)/META-INF/native/$(or $(RESOURCE_OS),$(OS))-$(ARCH)/$(LIBRARY)
# Whichever the OS has; each prints the hash first.
SHA256 := $(firstword $(foreach t,sha256sum shasum sha256 digest,$(if $(shell command -v $(t) 2>/dev/null),$(t))))
SHA256_ARGS_sha256sum :=
SHA256_ARGS_shasum := -a 256
SHA256_ARGS_sha256 := -q
SHA256_ARGS_digest := -a sha256

.PHONY: production shim
.SECONDARY:

production: $(TARGET).sha256

$(TARGET): $(SOURCES) $(HEADERS) Makefile
	@mkdir -p $(BUILD) $(dir $@)
	$(CC) -O2 -fPIC $(WARNINGS) $(OS_DEFINES) $(INCLUDES) -I$(JNI_INCLUDE)/$(JNI_OS) \
	    $(SHARED_FLAGS) -o $(BUILD)/$(LIBRARY) $(SOURCES) $(LIBS)
	cp $(BUILD)/$(LIBRARY) $@

# The digest file holds "<sha256>  <name>", as the loader expects.
$(TARGET).sha256: $(TARGET)
	cd $(dir $<) && echo "$$($(SHA256) $(SHA256_ARGS_$(SHA256)) $(LIBRARY) | cut -d' ' -f1)  $(LIBRARY)" > $(LIBRARY).sha256

# Hidden visibility binds the core's calls to the shim's definitions, never to the host libc's same-named ones.
SHIM_LIBRARY := $(SHIM_OUT)/libzerocopy4j-$(OS)-shim.so
shim: $(SHIM_LIBRARY)

$(SHIM_LIBRARY): $(SOURCES) $(HEADERS) $(wildcard $(TEST_C)/*.c $(TEST_C)/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -fPIC -fvisibility=hidden $(WARNINGS) -Werror -D_GNU_SOURCE -DZC_SHIM $(INCLUDES) -I$(TEST_C) \
	    -I$(JNI_INCLUDE)/linux -shared -Wl,-z,defs -Wl,-z,noexecstack -o $@ $(SOURCES) $(wildcard $(TEST_C)/*.c)
