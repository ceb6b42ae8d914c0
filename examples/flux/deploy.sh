#!/bin/sh
# Deploy with Flux (GitOps): the version is committed to the file that the
# cluster's Kustomization reads (a one-line file used by a kustomize
# replacement or a HelmRelease's valuesFrom, say clusters/ENV/shop/version),
# pushed, then Flux reconciles at once and waits for the Kustomization to be
# ready. A rollback is a new commit of the target version: Git keeps the
# history, and Flux never rewinds it.
#
#   git -C REPO pull --ff-only; echo VERSION > REPO/FILE; git commit; git push
#   flux reconcile kustomization NAME --with-source --timeout 10m
#
# Reads only the DEPLOY_* variables; usage:
#   deploy.sh --repo /srv/gitops --file clusters/ENV/shop/version --kustomization shop
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
env=${DEPLOY_ENV:?DEPLOY_ENV is not set}
repo= file= kustomization=${DEPLOY_PROJECT:?DEPLOY_PROJECT is not set} namespace=flux-system timeout=10m
while [ $# -gt 0 ]; do
	case $1 in
	--repo) repo=$2; shift 2 ;;
	--file) file=$2; shift 2 ;;
	--kustomization) kustomization=$2; shift 2 ;;
	--namespace) namespace=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$repo" ] && [ -n "$file" ] || { echo "deploy.sh: --repo and --file are required" >&2; exit 2; }
file=$(printf '%s' "$file" | sed "s/ENV/$env/g")

git -C "$repo" pull --ff-only --quiet
if [ "$(cat "$repo/$file" 2>/dev/null)" != "$version" ]; then
	printf '%s\n' "$version" > "$repo/$file"
	git -C "$repo" add -- "$file"
	git -C "$repo" commit --quiet -m "deploybot: ${DEPLOY_ACTION:-deploy} $DEPLOY_PROJECT $version to $env (#${DEPLOY_ID:-0}, by ${DEPLOY_REQUESTER:-deploybot})"
	git -C "$repo" push --quiet
fi
echo "${DEPLOY_ACTION:-deploy} $version: reconciling $namespace/$kustomization"
exec flux reconcile kustomization "$kustomization" -n "$namespace" --with-source --timeout "$timeout"
