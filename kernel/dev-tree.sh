#!/bin/sh
# A git tree for editing the kernel series (docs/kernel.md, "Changing the
# series"): the pristine linux-source-6.12 versions of the files the series
# touches as a base commit (tag tdxboot-base), then the series applied with
# `git am` on branch master, and the test-only patches (kernel/linux/test/)
# on branch fake, on top of master.
#
#   kernel/dev-tree.sh [DIR]            make it (default build/kernel-dev;
#                                       needs one `make kernel --fake` first)
#   kernel/dev-tree.sh --export [DIR]   regenerate kernel/linux/*.patch and
#                                       series (tdxboot-base..master) and
#                                       kernel/linux/test/ (master..fake)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# The fake tree's originals cover the test patches' files too.
orig=$root/build/kernel-src-fake/linux-source-6.12/.tdxboot/orig
[ -d "$orig" ] || orig=$root/build/kernel-src/linux-source-6.12/.tdxboot/orig
gitid="-c user.name=tdxboot -c user.email=tdxboot@localhost"
if [ "${1:-}" = --export ]; then
	dir=$(cd "${2:-$root/build/kernel-dev}" && pwd)
	rm -f "$root"/kernel/linux/0*.patch
	git -C "$dir" format-patch -q --zero-commit --no-signature \
		-o "$root/kernel/linux" tdxboot-base..master
	(cd "$root/kernel/linux" && ls 0*.patch > series)
	if git -C "$dir" rev-parse -q --verify fake >/dev/null; then
		rm -f "$root"/kernel/linux/test/9*.patch
		git -C "$dir" format-patch -q --zero-commit --no-signature \
			--start-number 9001 -o "$root/kernel/linux/test" master..fake
	fi
	"$root/kernel/check-copies.sh"
	exit 0
fi
dir=${1:-$root/build/kernel-dev}
[ -d "$orig" ] || { echo "dev-tree: run make kernel first ($orig missing)" >&2; exit 1; }
[ -e "$dir" ] && { echo "dev-tree: $dir exists" >&2; exit 1; }
mkdir -p "$dir"
(cd "$orig" && find . -type f ! -name '*.absent' | cpio -pdm --quiet "$dir")
cd "$dir"
git init -q
git add -A
git $gitid commit -qm "linux-source-6.12 base files"
git tag tdxboot-base
for p in $(grep -v '^#' "$root/kernel/linux/series"); do
	git $gitid am -q "$root/kernel/linux/$p"
done
git checkout -q -b fake
for p in "$root"/kernel/linux/test/*.patch; do
	[ -f "$p" ] && git $gitid am -q "$p"
done
git checkout -q master
git log --oneline --all
