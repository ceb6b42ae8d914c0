#!/bin/sh
# Build release archives of deploybot for Linux, with a checksum file:
#
#   scripts/release.sh [-o DIR] [-v VERSION] [PLATFORM...]
#
# PLATFORM is linux/amd64 or linux/arm64 (default: both). Each archive,
# deploybot-VERSION-linux-ARCH.tar.gz in DIR (default dist), holds the binary,
# README.md, LICENSE, config.example.yaml and the systemd unit; DIR/SHA256SUMS
# lists their SHA-256 sums (check with: cd dist && sha256sum -c SHA256SUMS).
#
# deploybot needs cgo (SQLite), so each platform needs a C compiler for it:
# gcc for the machine's own, aarch64-linux-gnu-gcc or x86_64-linux-gnu-gcc to
# cross-compile (Debian: apt-get install gcc-aarch64-linux-gnu, or
# gcc-x86-64-linux-gnu). CC_linux_amd64 and CC_linux_arm64 name others.
# Binaries are linked statically (glibc, with the netgo and osusergo build
# tags), so that they run on any Linux of that architecture.
#
# VERSION defaults to `git describe --tags --always --dirty`, the commit to
# `git rev-parse HEAD`; both are printed by `deploybot --version`.
set -eu

cd "$(dirname "$0")/.."
out=dist
version=
while getopts o:v: opt; do
	case $opt in
	o) out=$OPTARG ;;
	v) version=$OPTARG ;;
	*) echo "usage: scripts/release.sh [-o DIR] [-v VERSION] [PLATFORM...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- linux/amd64 linux/arm64

commit=$(git rev-parse --verify -q HEAD 2>/dev/null) || commit=unknown
if [ -z "$version" ]; then
	version=$(git describe --tags --always --dirty 2>/dev/null) || version=0.0.0-dev
fi
mkdir -p "$out"
host_arch=$(go env GOHOSTARCH)

for platform; do
	os=${platform%/*}
	arch=${platform#*/}
	[ "$os" = linux ] || { echo "release.sh: $platform: only linux is built" >&2; exit 2; }
	case $arch in
	amd64) cross=x86_64-linux-gnu-gcc ;;
	arm64) cross=aarch64-linux-gnu-gcc ;;
	*) echo "release.sh: $platform: only amd64 and arm64 are built" >&2; exit 2 ;;
	esac
	eval "cc=\${CC_${os}_${arch}:-}"
	if [ -z "$cc" ]; then
		if [ "$arch" = "$host_arch" ] && command -v gcc >/dev/null 2>&1; then
			cc=gcc
		else
			cc=$cross
		fi
	fi
	command -v "$cc" >/dev/null 2>&1 || {
		echo "release.sh: $platform needs the C compiler $cc (cgo, for SQLite): apt-get install gcc-$(echo "$cross" | sed 's/-gcc$//; s/_/-/g')" >&2
		exit 1
	}
	name=deploybot-$version-$os-$arch
	stage=$out/$name
	rm -rf "$stage"
	mkdir -p "$stage"
	echo "building $name with $cc"
	CGO_ENABLED=1 GOOS=$os GOARCH=$arch CC=$cc go build -trimpath \
		-tags 'netgo osusergo sqlite_omit_load_extension' \
		-ldflags "-s -w -X deploybot.Version=$version -X main.commit=$commit -linkmode external -extldflags -static" \
		-o "$stage/deploybot" ./cmd/deploybot
	cp README.md LICENSE config.example.yaml packaging/systemd/deploybot.service "$stage/"
	tar -C "$out" -czf "$out/$name.tar.gz" "$name"
	rm -rf "$stage"
done

(cd "$out" && sha256sum deploybot-*.tar.gz > SHA256SUMS)
echo "in $out:"
(cd "$out" && ls -l deploybot-*.tar.gz SHA256SUMS)
