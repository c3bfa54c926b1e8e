# tdxboot-inspect --prometheus (tools/tdxboot-inspect/prometheus.c): the
# node_exporter textfile format checked by a strict parser and against the
# --json report of the same tables (tests/handoff/prometheus.py).
#
#   make check   runs prometheus-format

# Debian's python3, which sees Debian's python3-prometheus-client (a python3
# earlier in PATH, e.g. pyenv's, would not).
DEPS_EXTRA += python3-prometheus-client
export DEPS_EXTRA

.PHONY: prometheus-format
prometheus-format: $(BUILD)/tdxboot-inspect $(HANDOFF_MKTABLE)
	/usr/bin/python3 tests/handoff/prometheus.py $(BUILD)/tdxboot-inspect $(HANDOFF_MKTABLE)

CHECK_STEPS += prometheus-format
