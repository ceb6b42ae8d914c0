#!/bin/sh
# Deploy with Helm: the chart's image.tag is the version; --atomic rolls the
# release back by itself when the upgrade does not become ready in time.
# Each revision's description names the version, so that a rollback goes
# back with `helm rollback` to the newest revision that deployed it; a
# version with no such revision is upgraded to like a deploy.
#
#   helm upgrade --install RELEASE CHART -n NAMESPACE --set image.tag=VERSION
#        --atomic --wait --timeout 10m --description "deploybot #ID: VERSION"
#
# Needs jq for the rollback. Reads only the DEPLOY_* variables; usage:
#   deploy.sh --chart oci://ghcr.io/acme/charts/shop [--release NAME]
#             [--namespace NS] [--values FILE] [--timeout 10m]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
release=${DEPLOY_PROJECT:?DEPLOY_PROJECT is not set}
namespace="$release-${DEPLOY_ENV:?DEPLOY_ENV is not set}"
chart= values= timeout=10m
while [ $# -gt 0 ]; do
	case $1 in
	--chart) chart=$2; shift 2 ;;
	--release) release=$2; shift 2 ;;
	--namespace) namespace=$2; shift 2 ;;
	--values) values=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$chart" ] || { echo "deploy.sh: --chart is required" >&2; exit 2; }
description="deploybot #${DEPLOY_ID:-0}: $version"

if [ "${DEPLOY_ACTION:-deploy}" = rollback ]; then
	revision=$(helm history "$release" -n "$namespace" --max 50 -o json |
		jq -r --arg v "$version" '[.[] | select(.description | endswith(": " + $v))] | last | .revision // empty')
	if [ -n "$revision" ]; then
		echo "rolling $release back to revision $revision ($version)"
		exec helm rollback "$release" "$revision" -n "$namespace" --wait --timeout "$timeout"
	fi
	echo "no revision of $release deployed $version: upgrading to it"
fi

echo "${DEPLOY_ACTION:-deploy} $release in $namespace to $version"
set -- upgrade --install "$release" "$chart" -n "$namespace" --create-namespace \
	--set-string "image.tag=$version" --atomic --wait --timeout "$timeout" \
	--history-max 20 --description "$description"
if [ -n "$values" ]; then
	set -- "$@" -f "$values"
fi
exec helm "$@"
