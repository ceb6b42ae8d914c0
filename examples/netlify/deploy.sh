#!/bin/sh
# Deploy a Netlify site through a build hook, and roll back by restoring an
# earlier deploy (Netlify's API). A build hook builds its branch's head: when
# the version is a commit sha, the built commit must be it.
#
#   deploy:   POST HOOK?trigger_title=deploybot #ID VERSION, then follow that
#             deploy (GET /api/v1/sites/SITE/deploys) until ready or error
#   rollback: POST /api/v1/sites/SITE/deploys/DEPLOY/restore, DEPLOY being the
#             newest ready production deploy of the version's commit
#
# Secrets stay in files, out of argv and the environment: --hook-file holds
# the build hook's URL, --auth-file the line "Authorization: Bearer TOKEN" (a
# personal access token). Needs curl and jq. Reads only the DEPLOY_*
# variables; usage:
#   deploy.sh --site SITE_ID --hook-file F --auth-file F [--interval 10] [--attempts 90]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
id=${DEPLOY_ID:-0}
api=https://api.netlify.com/api/v1
site= hook_file= auth_file= interval=10 attempts=90
while [ $# -gt 0 ]; do
	case $1 in
	--site) site=$2; shift 2 ;;
	--hook-file) hook_file=$2; shift 2 ;;
	--auth-file) auth_file=$2; shift 2 ;;
	--interval) interval=$2; shift 2 ;;
	--attempts) attempts=$2; shift 2 ;;
	--api) api=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$site" ] && [ -n "$auth_file" ] || { echo "deploy.sh: --site and --auth-file are required" >&2; exit 2; }

is_sha() { printf '%s' "$1" | grep -Eq '^[0-9a-f]{7,40}$'; }

if [ "${DEPLOY_ACTION:-deploy}" = rollback ]; then
	deploys=$(curl -fsS -H @"$auth_file" "$api/sites/$site/deploys?per_page=100")
	deploy=$(printf '%s' "$deploys" | jq -r --arg v "$version" \
		'[.[] | select(.state == "ready" and .context == "production" and ((.commit_ref // "") | startswith($v)))] | first | .id // empty')
	[ -n "$deploy" ] || { echo "no ready production deploy of $version to restore" >&2; exit 1; }
	echo "restoring deploy $deploy ($version)"
	curl -fsS -X POST -H @"$auth_file" "$api/sites/$site/deploys/$deploy/restore" > /dev/null
	exit 0
fi

[ -n "$hook_file" ] || { echo "deploy.sh: --hook-file is required" >&2; exit 2; }
title="deploybot #$id $version"
curl -fsS -X POST --data '{}' "$(cat "$hook_file")?trigger_title=$(printf '%s' "$title" | jq -sRr @uri)" > /dev/null
echo "build hook called: $title"
n=0
while [ "$n" -lt "$attempts" ]; do
	n=$((n + 1))
	deploy=$(curl -fsS -H @"$auth_file" "$api/sites/$site/deploys?per_page=10" |
		jq -c --arg t "$title" '[.[] | select(.title == $t)] | first // empty')
	state=$(printf '%s' "$deploy" | jq -r '.state // empty')
	case $state in
	ready)
		commit=$(printf '%s' "$deploy" | jq -r '.commit_ref // empty')
		if is_sha "$version" && [ -n "$commit" ] && [ "${commit#"$version"}" = "$commit" ]; then
			echo "the hook built $commit, not $version: a build hook builds its branch's head" >&2
			exit 1
		fi
		echo "deploy $(printf '%s' "$deploy" | jq -r .id) is live: $(printf '%s' "$deploy" | jq -r '.deploy_ssl_url // .ssl_url // empty')"
		exit 0
		;;
	error)
		echo "deploy failed: $(printf '%s' "$deploy" | jq -r '.error_message // "error"')" >&2
		exit 1
		;;
	esac
	sleep "$interval"
done
echo "the deploy was not ready after $attempts polls" >&2
exit 1
