#!/bin/sh
# Deploy a Cloudflare Pages project through a deploy hook, and roll back to an
# earlier production deployment (Cloudflare's API). A deploy hook builds its
# branch's head: when the version is a commit sha, the built commit must be it.
#
#   deploy:   POST HOOK (its answer names the deployment), then follow
#             GET .../pages/projects/PROJECT/deployments/ID until its deploy
#             stage succeeds or a stage fails
#   rollback: POST .../deployments/ID/rollback, ID being the newest successful
#             production deployment of the version's commit
#
# Secrets stay in files, out of argv and the environment: --hook-file holds
# the deploy hook's URL, --auth-file the line "Authorization: Bearer TOKEN" (an
# API token with Pages edit rights). Needs curl and jq. Reads only the
# DEPLOY_* variables; usage:
#   deploy.sh --account ACCOUNT_ID --project NAME --hook-file F --auth-file F
#             [--interval 10] [--attempts 90]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
base=https://api.cloudflare.com/client/v4
account= project= hook_file= auth_file= interval=10 attempts=90
while [ $# -gt 0 ]; do
	case $1 in
	--account) account=$2; shift 2 ;;
	--project) project=$2; shift 2 ;;
	--hook-file) hook_file=$2; shift 2 ;;
	--auth-file) auth_file=$2; shift 2 ;;
	--interval) interval=$2; shift 2 ;;
	--attempts) attempts=$2; shift 2 ;;
	--api) base=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$account" ] && [ -n "$project" ] && [ -n "$auth_file" ] || {
	echo "deploy.sh: --account, --project and --auth-file are required" >&2
	exit 2
}
api="$base/accounts/$account/pages/projects/$project"

is_sha() { printf '%s' "$1" | grep -Eq '^[0-9a-f]{7,40}$'; }

if [ "${DEPLOY_ACTION:-deploy}" = rollback ]; then
	deployment=$(curl -fsS -H @"$auth_file" "$api/deployments?env=production" |
		jq -r --arg v "$version" '[.result[] | select(.latest_stage.status == "success" and ((.deployment_trigger.metadata.commit_hash // "") | startswith($v)))] | first | .id // empty')
	[ -n "$deployment" ] || { echo "no successful production deployment of $version to roll back to" >&2; exit 1; }
	echo "rolling back to deployment $deployment ($version)"
	curl -fsS -X POST -H @"$auth_file" "$api/deployments/$deployment/rollback" > /dev/null
	exit 0
fi

[ -n "$hook_file" ] || { echo "deploy.sh: --hook-file is required" >&2; exit 2; }
deployment=$(curl -fsS -X POST "$(cat "$hook_file")" | jq -r '.result.id // empty')
[ -n "$deployment" ] || { echo "the deploy hook named no deployment" >&2; exit 1; }
echo "deploy hook called: deployment $deployment"
n=0
while [ "$n" -lt "$attempts" ]; do
	n=$((n + 1))
	d=$(curl -fsS -H @"$auth_file" "$api/deployments/$deployment")
	stage=$(printf '%s' "$d" | jq -r '.result.latest_stage.name // empty')
	status=$(printf '%s' "$d" | jq -r '.result.latest_stage.status // empty')
	case $status in
	failure | canceled)
		echo "deployment $deployment: stage $stage ended $status" >&2
		exit 1
		;;
	success)
		if [ "$stage" = deploy ]; then
			commit=$(printf '%s' "$d" | jq -r '.result.deployment_trigger.metadata.commit_hash // empty')
			if is_sha "$version" && [ -n "$commit" ] && [ "${commit#"$version"}" = "$commit" ]; then
				echo "the hook built $commit, not $version: a deploy hook builds its branch's head" >&2
				exit 1
			fi
			echo "deployment $deployment is live: $(printf '%s' "$d" | jq -r '.result.url // empty')"
			exit 0
		fi
		;;
	esac
	sleep "$interval"
done
echo "deployment $deployment was not live after $attempts polls" >&2
exit 1
