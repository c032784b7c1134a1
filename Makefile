# Builds bootstrap, the one Native AOT executable every function of template.yaml runs (provided.al2023).
# `sam build` calls `make build-<LogicalId>` for each function (BuildMethod: makefile) with ARTIFACTS_DIR set;
# every target copies the same binary, built once per run (make skips it while it is newer than the sources).
#
#   make bootstrap                 # build artifacts/bootstrap/linux-arm64/bootstrap (cross-compiled on x64)
#   make bootstrap RID=linux-x64   # for x86_64 (and for running it on this machine)
#   sam build --build-in-source    # all 16 functions share one build (without --build-in-source each builds its own copy)

RID ?= linux-arm64
DOTNET ?= dotnet
OUT := artifacts/bootstrap/$(RID)
BOOTSTRAP := $(OUT)/bootstrap
# What bootstrap is built from: every project but the local runner (src/Enrollment.Local), and the build settings.
SOURCES := $(shell find src -type f \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/bin/*' -not -path '*/obj/*' -not -path 'src/Enrollment.Local/*') Directory.Build.props Directory.Packages.props

# Cross-compiling Linux x64 -> arm64: clang targets aarch64 with Debian's arm64 sysroot (libc6-dev-arm64-cross,
# gcc-aarch64-linux-gnu), lld links, the cross objcopy strips. On an arm64 machine none of this is needed.
HOST_ARCH := $(shell uname -m)
CROSS :=
ifeq ($(RID)-$(HOST_ARCH),linux-arm64-x86_64)
CROSS := -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy
endif

# The template's functions, one build-<LogicalId> target each (a test checks the list against template.yaml).
FUNCTIONS := MeAssociateTotpFunction MeVerifyTotpFunction ChallengeAssociateTotpFunction ChallengeVerifyTotpFunction \
	MeTotpStatusFunction MeDisableTotpFunction MeRecoveryCodesFunction RecoverTotpFunction AdminGetPolicyFunction \
	AdminPutPolicyFunction AdminAuditQueryFunction AdminResetTotpFunction DefineAuthChallengeFunction \
	CreateAuthChallengeFunction VerifyAuthChallengeFunction PreTokenGenerationFunction
BUILD_TARGETS := $(addprefix build-,$(FUNCTIONS))

.PHONY: bootstrap clean-bootstrap $(BUILD_TARGETS)

bootstrap: $(BOOTSTRAP)

$(BOOTSTRAP): $(SOURCES)
	$(DOTNET) publish src/Enrollment.Bootstrap/Enrollment.Bootstrap.csproj -c Release -r $(RID) -o $(OUT) --nologo $(CROSS)
	@touch $@

clean-bootstrap:
	rm -rf artifacts/bootstrap

# One target per function, as SAM's makefile builder expects: the binary, named bootstrap, at the zip's root.
$(BUILD_TARGETS): build-%: $(BOOTSTRAP)
	cp $(BOOTSTRAP) $(ARTIFACTS_DIR)/bootstrap
