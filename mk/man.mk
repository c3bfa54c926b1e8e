# Man pages (man/NAME.N.scd, one scdoc source a page; docs/install.md):
# built into build/man/NAME.N and checked against what they describe
# (tests/man/check.sh): every key of core/config.c's key table is in
# tdxboot.conf(5), every option of each shipped tool (DEB_TOOLS, mk/deb.mk)
# in its page.
#
#   make check   runs man-check

DEPS_EXTRA += scdoc man-db
export DEPS_EXTRA

MAN_PAGES := $(patsubst man/%.scd,$(BUILD)/man/%,$(wildcard man/*.scd))

$(BUILD)/man/%: man/%.scd
	@mkdir -p $(@D)
	scdoc < $< > $@.tmp && mv $@.tmp $@

.PHONY: man man-check
man: $(MAN_PAGES)
ALL_EXTRA += $(MAN_PAGES)

man-check: $(MAN_PAGES) $(addprefix $(BUILD)/,$(DEB_TOOLS))
	sh tests/man/check.sh $(BUILD) $(DEB_TOOLS)

CHECK_STEPS += man-check
