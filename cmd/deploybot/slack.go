package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/slack"
	"deploybot/store"
)

// slackAdapter builds the Slack adapter from the configuration, with the
// store as its dedup (delivery ids survive restarts) and h as the single
// message path. It does not start it: the caller first wires what the
// adapter provides to others (the deploy service's user groups), then calls
// startSlack, so that nothing is changed once events can be handled. It
// returns nil, nil when no bot token is configured: Slack is then off.
//
// serve uses it so:
//
//	a, err := m.slackAdapter(cfg, db, handler, logger)
//	deploys.Groups = a // "@group" entries of access lists
//	err = startSlack(ctx, a) // auth.test: a refused bot token fails here
//	// a is also the deploybot.Poster of deployments and reminders
//	services = append(services, service{name: "slack", run: slackRun(a, cfg)})
//	// HTTP mode: mux.Handle("/slack/", a.HTTPHandler()) on cfg.HTTP.Addr
//	// /readyz: a.Ready()
func (m *Main) slackAdapter(cfg *config.Config, db *store.DB, h deploybot.Handler, logger *slog.Logger) (*slack.Adapter, error) {
	s := cfg.Slack
	if s.BotToken == "" {
		return nil, nil
	}
	mode := s.Mode
	if mode == "" {
		mode = config.SlackSocket
	}
	switch mode {
	case config.SlackSocket:
		if s.AppToken == "" {
			return nil, errors.New("slack.mode is socket but slack.app_token (SLACK_APP_TOKEN, xapp-...) is not set")
		}
	case config.SlackHTTP:
		if s.SigningSecret == "" {
			return nil, errors.New("slack.mode is http but slack.signing_secret (SLACK_SIGNING_SECRET) is not set")
		}
	default:
		return nil, fmt.Errorf("slack.mode %q: expected socket or http", s.Mode)
	}
	a, err := slack.New(slack.Options{
		BotToken:      s.BotToken,
		AppToken:      s.AppToken,
		SigningSecret: s.SigningSecret,
		APIURL:        s.APIURL,
		Handler:       h,
		Dedup:         db,
		Logger:        logger.With("component", "slack", "mode", mode),
		Lang:          cfg.Agency.Language,
		Assistant:     true,
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// startSlack identifies the bot (auth.test: a refused bot token fails
// here, at start-up) and closes the adapter when it cannot start.
func startSlack(ctx context.Context, a *slack.Adapter) error {
	if err := a.Start(ctx); err != nil {
		_ = a.Close(ctx)
		return err
	}
	return nil
}

// slackRun returns the run function of the Slack service: in Socket Mode
// it holds the connection until ctx ends; in HTTP mode the endpoints are
// served by the HTTP server and it only waits. Either way it then drains
// the work already acknowledged (up to 30 s) before returning.
func slackRun(a *slack.Adapter, cfg *config.Config) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		var err error
		if cfg.Slack.Mode == config.SlackHTTP {
			<-ctx.Done()
		} else {
			err = a.Run(ctx)
		}
		drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		return errors.Join(err, a.Close(drain))
	}
}
