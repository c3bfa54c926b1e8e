#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the package with dpkg into a throwaway root (dpkg --root, the
# maintainer scripts run chrootless with DPKG_ROOT set) and checks what
# landed there: every tool runs and says its version, the EFI binary is the
# one built, every tool and tdxboot.conf(5) has its man page, the unit and
# its writer are in place; then purges it and checks that nothing is left.
#
#   tests/deb/dpkg-root.sh DEB VERSION BUILD TOOL...
set -u
DEB=$1 VERSION=$2 BUILD=$3
shift 3
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
: > "$R/var/lib/dpkg/status"
dpkg() { command dpkg --root="$R" --log=/dev/null --force-script-chrootless \
	--force-depends "$@"; }
if dpkg -i "$DEB" > "$R/dpkg.out" 2>&1; then
	ok "dpkg -i $(basename "$DEB")"
else
	bad "dpkg -i: $(cat "$R/dpkg.out")"
fi
check "dpkg -s: installed $VERSION" \
	sh -c "dpkg-query --root='$R' -W -f='\${Status} \${Version}' tdxboot | grep -qx 'install ok installed $VERSION'"

for t in "$@"; do
	bin=$(ls "$R/usr/bin/$t" "$R/usr/sbin/$t" 2>/dev/null | head -n 1)
	if [ -z "$bin" ]; then
		bad "$t: not installed in /usr/bin or /usr/sbin"
		continue
	fi
	out=$("$bin" --version 2>&1)
	case $out in
	"$t $VERSION"|"$t $VERSION "*) ok "$t --version: $out" ;;
	*) bad "$t --version: '$out', want '$t $VERSION'" ;;
	esac
	sec=${bin#"$R"/usr/}; sec=${sec%%/*}
	[ "$sec" = bin ] && n=1 || n=8
	check "$t: man page in section $n" [ -s "$R/usr/share/man/man$n/$t.$n.gz" ]
done
check "tdxboot.efi is the build's" cmp -s "$BUILD/tdxboot.efi" "$R/usr/lib/tdxboot/tdxboot.efi"
check "tdxboot.efi is a PE image" sh -c "head -c 2 '$R/usr/lib/tdxboot/tdxboot.efi' | grep -q MZ"
check "tdxboot.conf(5)" [ -s "$R/usr/share/man/man5/tdxboot.conf.5.gz" ]
check "copyright" [ -s "$R/usr/share/doc/tdxboot/copyright" ]
check "tdxboot-metrics.service" grep -qx "ExecStart=/usr/lib/tdxboot/write-metrics" \
	"$R/lib/systemd/system/tdxboot-metrics.service"
for h in etc/kernel/postinst.d/zz-tdxboot etc/initramfs/post-update.d/tdxboot; do
	check "$h: executable" [ -x "$R/$h" ]
	check "$h: a conffile" sh -c "dpkg-query --root='$R' -W -f='\${Conffiles}' tdxboot | grep -q ' /$h '"
done
check "write-metrics is executable" [ -x "$R/usr/lib/tdxboot/write-metrics" ]
# The unit's writer, run where dpkg put it: this host has no tdxboot table,
# so the file says tdxboot_table_valid 0, and it arrives whole (no
# temporary file left beside it).
rc=0
TDXBOOT_METRICS_DIR=$R/prom "$R/usr/lib/tdxboot/write-metrics" 2>/dev/null || rc=$?
check "write-metrics: exit 2 (no table here)" [ "$rc" = 2 ]
check "write-metrics: tdxboot_table_valid 0" grep -qx "tdxboot_table_valid 0" "$R/prom/tdxboot.prom"
check "write-metrics: no temporary file left" [ "$(ls -A "$R/prom")" = tdxboot.prom ]
rm -rf "$R/prom"

# systemd's own check of the unit, with ExecStart pointing into the root
# (verify wants the program to exist); any message is a failure.
if command -v systemd-analyze >/dev/null; then
	mkdir -p "$R/verify"
	sed "s|^ExecStart=|ExecStart=$R|" "$R/lib/systemd/system/tdxboot-metrics.service" \
		> "$R/verify/tdxboot-metrics.service"
	out=$(systemd-analyze verify --man=no "$R/verify/tdxboot-metrics.service" 2>&1) ||
		out="exit $? $out"
	check "systemd-analyze verify${out:+: $out}" [ -z "$out" ]
	rm -r "$R/verify"
fi

if dpkg --purge tdxboot > "$R/dpkg.out" 2>&1; then ok "dpkg --purge"; else bad "dpkg --purge: $(cat "$R/dpkg.out")"; fi
left=$(find "$R/usr" "$R/lib" "$R/etc" -type f 2>/dev/null)
check "purge leaves no file" [ -z "$left" ]

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
