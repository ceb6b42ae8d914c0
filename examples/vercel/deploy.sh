#!/bin/sh
# Deploy a Vercel project through a deploy hook, and roll back with Vercel's
# instant rollback to an earlier production deployment (Vercel's API). A
# deploy hook builds its branch's head: when the version is a commit sha,
# the built commit must be it.
#
#   deploy:   POST HOOK, then follow the newest production deployment created
#             since the hook's job (GET /v6/deployments) until READY or ERROR
#   rollback: POST /v9/projects/PROJECT/rollback/DEPLOYMENT, DEPLOYMENT being
#             the newest READY production deployment of the version's commit
#
# Secrets stay in files, out of argv and the environment: --hook-file holds
# the deploy hook's URL, --auth-file the line "Authorization: Bearer TOKEN".
# Needs curl and jq. Reads only the DEPLOY_* variables; usage:
#   deploy.sh --project prj_... --hook-file F --auth-file F [--team team_...]
#             [--interval 10] [--attempts 90]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
api=https://api.vercel.com
project= team= hook_file= auth_file= interval=10 attempts=90
while [ $# -gt 0 ]; do
	case $1 in
	--project) project=$2; shift 2 ;;
	--team) team=$2; shift 2 ;;
	--hook-file) hook_file=$2; shift 2 ;;
	--auth-file) auth_file=$2; shift 2 ;;
	--interval) interval=$2; shift 2 ;;
	--attempts) attempts=$2; shift 2 ;;
	--api) api=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$project" ] && [ -n "$auth_file" ] || { echo "deploy.sh: --project and --auth-file are required" >&2; exit 2; }
scope=
[ -z "$team" ] || scope="&teamId=$team"

is_sha() { printf '%s' "$1" | grep -Eq '^[0-9a-f]{7,40}$'; }
commit_of='(.meta.githubCommitSha // .meta.gitlabCommitSha // .meta.bitbucketCommitSha // "")'

if [ "${DEPLOY_ACTION:-deploy}" = rollback ]; then
	deployment=$(curl -fsS -H @"$auth_file" "$api/v6/deployments?projectId=$project&target=production&state=READY&limit=100$scope" |
		jq -r --arg v "$version" "[.deployments[] | select($commit_of | startswith(\$v))] | first | .uid // empty")
	[ -n "$deployment" ] || { echo "no READY production deployment of $version to roll back to" >&2; exit 1; }
	echo "rolling back to deployment $deployment ($version)"
	curl -fsS -X POST -H @"$auth_file" "$api/v9/projects/$project/rollback/$deployment?${scope#&}" > /dev/null
	exit 0
fi

[ -n "$hook_file" ] || { echo "deploy.sh: --hook-file is required" >&2; exit 2; }
created=$(curl -fsS -X POST "$(cat "$hook_file")" | jq -r '.job.createdAt')
echo "deploy hook called (job created at $created)"
n=0
while [ "$n" -lt "$attempts" ]; do
	n=$((n + 1))
	deployment=$(curl -fsS -H @"$auth_file" "$api/v6/deployments?projectId=$project&target=production&since=$created&limit=1$scope" |
		jq -c '.deployments[0] // empty')
	state=$(printf '%s' "$deployment" | jq -r '.state // .readyState // empty')
	case $state in
	READY)
		commit=$(printf '%s' "$deployment" | jq -r "$commit_of")
		if is_sha "$version" && [ -n "$commit" ] && [ "${commit#"$version"}" = "$commit" ]; then
			echo "the hook built $commit, not $version: a deploy hook builds its branch's head" >&2
			exit 1
		fi
		echo "deployment $(printf '%s' "$deployment" | jq -r .uid) is live: https://$(printf '%s' "$deployment" | jq -r .url)"
		exit 0
		;;
	ERROR | CANCELED)
		echo "deployment $(printf '%s' "$deployment" | jq -r .uid) ended $state" >&2
		exit 1
		;;
	esac
	sleep "$interval"
done
echo "no READY deployment after $attempts polls" >&2
exit 1
