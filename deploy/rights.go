package deploy

import (
	"context"
	"fmt"
	"strings"

	"deploybot"
	"deploybot/policy"
)

// MayChange checks that actor may change key at scope by chat or in the
// interview. Admins change every key. A key that can loosen production
// safety (approval, staging first, windows, thresholds…) is changed by
// admins only; without admins configured, by nobody (the file holds it).
// Other keys of a project or an environment are changed by the admins and
// the project's deployers (anyone, for a project whose environments are
// open); other agency keys by the admins and whoever deploys production in
// every project. A refusal says who may.
func (s *Service) MayChange(ctx context.Context, scope deploybot.Scope, project, key, actor string) error {
	s.init()
	if s.Admin(ctx, actor) {
		return nil
	}
	k, known := deploybot.SettingKeyOf(key)
	if !known {
		return deploybot.Errorf2(deploybot.EINVALID, "je ne connais pas le réglage « %s »", "there is no setting %q", key)
	}
	if k.Loosens {
		if len(s.Admins) == 0 {
			return &deploybot.Error{Code: deploybot.EFORBIDDEN,
				French:  fmt.Sprintf("« %s » peut assouplir la sécurité de la production : seuls les admins le changent par chat, et aucun n'est configuré (agency.admins) ; changez-le dans le fichier de configuration", k.Label[0]),
				Message: fmt.Sprintf("%q can loosen production safety: only admins change it by chat, and none is configured (agency.admins); change it in the configuration file", k.Label[1])}
		}
		return &deploybot.Error{Code: deploybot.EFORBIDDEN,
			French:  fmt.Sprintf("« %s » peut assouplir la sécurité de la production : seuls les admins le changent (%s)", k.Label[0], strings.Join(s.Admins, ", ")),
			Message: fmt.Sprintf("%q can loosen production safety: only the admins may change it (%s)", k.Label[1], strings.Join(s.Admins, ", "))}
	}
	if scope == deploybot.ScopeAgency {
		for _, pe := range s.productions() {
			t, err := s.target(ctx, pe[0], pe[1])
			if err != nil {
				continue
			}
			if len(t.Deployers) > 0 && !policy.Member(t.Deployers, actor) {
				return deploybot.Errorf2(deploybot.EFORBIDDEN,
					"les conventions de l'agence se changent par les admins (%s) et par qui déploie la production de chaque projet",
					"the agency's conventions are changed by the admins (%s) and by whoever deploys production in every project",
					strings.Join(s.Admins, ", "))
			}
		}
		return nil
	}
	open, member := true, false
	for _, env := range s.envs(project) {
		t, err := s.target(ctx, project, env)
		if err != nil {
			continue
		}
		if len(t.Deployers) > 0 {
			open = false
			member = member || policy.Member(t.Deployers, actor)
		}
	}
	if open || member {
		return nil
	}
	return deploybot.Errorf2(deploybot.EFORBIDDEN,
		"seuls les admins (%s) et ceux qui déploient %s changent son contexte",
		"only the admins (%s) and the deployers of %s may change its context",
		strings.Join(s.Admins, ", "), project)
}

// envs lists project's environments, from the known targets.
func (s *Service) envs(project string) []string {
	if s.Environments == nil {
		return []string{deploybot.EnvStaging, deploybot.EnvProduction}
	}
	return s.Environments(project)
}

// Announce posts r in the agency's notification channel (Channel), where
// changes that loosen production safety are made known.
func (s *Service) Announce(ctx context.Context, r deploybot.Reply) {
	s.init()
	if s.Poster == nil {
		return
	}
	if _, err := s.Poster.Post(context.WithoutCancel(ctx), s.Channel, "", r); err != nil {
		s.Logger.Warn("announce", "err", err)
	}
}
