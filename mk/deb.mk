# The Debian package (docs/install.md): `make deb` builds
# build/tdxboot_VERSION_amd64.deb with tools/mkdeb.sh (dpkg-deb; the package
# files are in packaging/deb/), and deb-test runs lintian on it and installs
# it with dpkg into a throwaway root (tests/deb/dpkg-root.sh).
#
#   make deb     the package, then lintian
#   make check   runs deb-test

DEPS_EXTRA += lintian dpkg-dev
export DEPS_EXTRA

# The host tools the package ships.  tdxboot-config comes with its parser
# (tools/tdxboot-config/); tdxboot-mkblob makes test blobs and stays out.
DEB_TOOLS := tdxboot-plan tdxboot-inspect tdxboot-install \
	$(if $(wildcard tools/tdxboot-config/),tdxboot-config)
DEB       := $(BUILD)/tdxboot_$(VERSION)_amd64.deb
DEB_MAN   := $(patsubst man/%.scd,$(BUILD)/man/%,$(wildcard man/*.scd))

$(DEB): $(EFI_APP) $(addprefix $(BUILD)/,$(DEB_TOOLS)) $(DEB_MAN) tools/mkdeb.sh \
		$(wildcard packaging/deb/*) README.md $(wildcard docs/*.md) iso/tdxboot.conf \
		$(VERSION_STAMP)
	tools/mkdeb.sh $@ $(VERSION) $(BUILD) "$(DEB_TOOLS)"

# lintian: errors fail the build; warnings and the rest are shown.
.PHONY: deb _deb deb-lintian deb-test
deb: deps
	@$(MAKE) --no-print-directory _deb
_deb: deb-lintian

deb-lintian: $(DEB)
	lintian --tag-display-limit 0 --fail-on error $(DEB)

deb-test: deb-lintian
	sh tests/deb/dpkg-root.sh $(DEB) $(VERSION) $(BUILD) $(DEB_TOOLS)

CHECK_STEPS += deb-test
