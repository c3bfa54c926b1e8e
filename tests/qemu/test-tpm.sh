#!/bin/sh
# Measured boot: with a TPM 2.0 (swtpm), tdxboot logs the handoff table
# (and the TDX-BLOB when one is loaded) as tagged events in PCR 13
# (docs/chainload.md); Linux finds them in the firmware's event log and
# PCR 13 is no longer all zeros.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/tpm.log
boot_iso "${ISO:-build/tdxboot.iso}" --tpm --timeout 180

expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
line=$(grep -E '^tdxboot-check: tpm: [0-9]+ tdxboot events' "$LOG.clean" || true)
[ -n "$line" ] || fail "Linux found no TPM event log"
n=$(echo "$line" | sed -E 's/.*tpm: ([0-9]+) tdxboot events.*/\1/')
[ "$n" -ge 1 ] || fail "no tdxboot event in the TPM event log: $line"
echo "$line" | grep -Eq 'PCR 13 sha256 0*[1-9A-F]' || fail "PCR 13 was not extended: $line"
