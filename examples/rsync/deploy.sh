#!/bin/sh
# Deploy a built site or application with rsync and an atomic symlink swap:
# each version goes to ROOT/releases/VERSION on the host, then ROOT/current
# points at it (ln -sfn then mv -T: the web server never sees a half-copied
# tree). A rollback only points current back at a release that is still
# there; the five newest releases are kept.
#
# The build of the version must be in --from (CI's artifact, unpacked).
# Reads only the DEPLOY_* variables; usage:
#   deploy.sh --host user@web1 --root /srv/shop [--from build/VERSION]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
# A version may hold "/" (release/2.x): a release directory may not.
release=$(printf '%s' "$version" | tr '/' '_')
host= root= from=
while [ $# -gt 0 ]; do
	case $1 in
	--host) host=$2; shift 2 ;;
	--root) root=$2; shift 2 ;;
	--from) from=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$host" ] && [ -n "$root" ] || { echo "deploy.sh: --host and --root are required" >&2; exit 2; }
from=${from:-build/$release}

swap() {
	ssh "$host" "cd '$root' && ln -sfn 'releases/$release' current.new && mv -T current.new current"
}

if [ "${DEPLOY_ACTION:-deploy}" = rollback ]; then
	echo "rolling back $host:$root to $version (deployment #${DEPLOY_ID:-?})"
	ssh "$host" "test -d '$root/releases/$release'" || {
		echo "release $version is no longer on $host: deploy it instead" >&2
		exit 1
	}
	swap
	exit 0
fi

echo "deploying $version to $host:$root (deployment #${DEPLOY_ID:-?})"
[ -d "$from" ] || { echo "deploy.sh: no build of $version in $from" >&2; exit 1; }
ssh "$host" "mkdir -p '$root/releases/$release'"
rsync -a --delete --link-dest="$root/current/" "$from/" "$host:$root/releases/$release/"
swap
ssh "$host" "cd '$root/releases' && ls -1t | tail -n +6 | grep -vx '$release' | xargs -r rm -rf --"
