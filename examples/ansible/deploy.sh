#!/bin/sh
# Deploy with Ansible: one inventory per environment (inventories/ENV), the
# version as an extra variable. A rollback runs rollback.yml when the
# project has one (switching back to a release kept on the hosts), else the
# deploy playbook with the rollback's target version.
#
#   ansible-playbook -i inventories/ENV deploy.yml -e app_version=VERSION
#                    -e deploy_action=ACTION -e deploy_id=ID
#
# Reads only the DEPLOY_* variables; usage:
#   deploy.sh [--playbook deploy.yml] [--rollback-playbook rollback.yml]
set -eu

version=${DEPLOY_VERSION:?DEPLOY_VERSION is not set}
env=${DEPLOY_ENV:?DEPLOY_ENV is not set}
action=${DEPLOY_ACTION:-deploy}
playbook=deploy.yml
rollback_playbook=rollback.yml
while [ $# -gt 0 ]; do
	case $1 in
	--playbook) playbook=$2; shift 2 ;;
	--rollback-playbook) rollback_playbook=$2; shift 2 ;;
	*) echo "deploy.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

if [ "$action" = rollback ] && [ -f "$rollback_playbook" ]; then
	playbook=$rollback_playbook
fi
echo "$action $version to $env with $playbook (deployment #${DEPLOY_ID:-?})"
exec ansible-playbook -i "inventories/$env" "$playbook" \
	-e "app_version=$version" -e "previous_version=${DEPLOY_PREVIOUS_VERSION:-}" \
	-e "deploy_action=$action" -e "deploy_id=${DEPLOY_ID:-0}"
