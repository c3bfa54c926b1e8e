#!/bin/sh
# A git tree for editing the kernel series (docs/kernel.md, "Changing the
# series"): the pristine linux-source-7.3 versions of the files the series
# touches as a base commit (tag tdxboot-base), then the series applied with
# `git am` on the current branch.
#
#   kernel/dev-tree.sh [DIR]            make it (default build/kernel-dev;
#                                       needs one `make kernel` first)
#   kernel/dev-tree.sh --export [DIR]   regenerate kernel/linux/*.patch and
#                                       series (tdxboot-base..HEAD)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
orig=$root/build/kernel-src/linux-source-7.3/.tdxboot/orig
gitid="-c user.name=tdxboot -c user.email=tdxboot@localhost"
if [ "${1:-}" = --export ]; then
	dir=$(cd "${2:-$root/build/kernel-dev}" && pwd)
	rm -f "$root"/kernel/linux/0*.patch
	git -C "$dir" format-patch -q --zero-commit --no-signature \
		-o "$root/kernel/linux" tdxboot-base..HEAD
	(cd "$root/kernel/linux" && ls 0*.patch > series)
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
git $gitid commit -qm "linux-source-7.3 base files"
git tag tdxboot-base
for p in $(grep -v '^#' "$root/kernel/linux/series"); do
	git $gitid am -q "$root/kernel/linux/$p"
done
git log --oneline
