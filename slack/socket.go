package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// Run connects to Slack in Socket Mode (no public URL needed) and serves
// events, slash commands and clicks until ctx ends; the connection is
// re-established when Slack asks for it. Each envelope is acknowledged by
// its id as soon as its work is queued; one that could not be queued is not
// acknowledged, so Slack delivers it again. Run calls Start if needed.
func (a *Adapter) Run(ctx context.Context) error {
	if a.opts.AppToken == "" {
		return errors.New("slack: Socket Mode needs an app-level token (xapp-..., scope connections:write)")
	}
	if err := a.Start(ctx); err != nil {
		return err
	}
	a.socket.Store(true)
	sm := socketmode.New(a.api,
		socketmode.OptionLog(slog.NewLogLogger(a.logger.With("component", "socketmode").Handler(), slog.LevelDebug)))
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(runCtx) }()
	defer a.connected.Store(false)
	for {
		select {
		case <-ctx.Done():
			<-errc
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case evt := <-sm.Events:
			a.socketEvent(ctx, sm, evt)
		}
	}
}

// socketEvent serves one Socket Mode event.
func (a *Adapter) socketEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.logger.Debug("slack socket mode connecting")
	case socketmode.EventTypeConnected, socketmode.EventTypeHello:
		if !a.connected.Swap(true) {
			a.logger.Info("slack socket mode connected")
		}
	case socketmode.EventTypeDisconnect:
		a.connected.Store(false)
		a.logger.Info("slack socket mode disconnect requested; reconnecting")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.connected.Store(false)
		a.logger.Warn("slack socket mode error", "type", string(evt.Type), "err", fmt.Sprint(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		a.connected.Store(false)
		a.logger.Error("slack socket mode: the app-level token was refused")
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok || evt.Request == nil {
			return
		}
		if err := a.handleEvent(ctx, ev); err != nil {
			a.logger.Error("slack event not accepted; left unacknowledged for redelivery", "envelope", evt.Request.EnvelopeID, "err", err)
			return
		}
		a.ack(sm, evt.Request, nil)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		payload, err := a.handleSlash(ctx, cmd)
		if err != nil {
			a.logger.Error("slack command not accepted; left unacknowledged for redelivery", "envelope", evt.Request.EnvelopeID, "err", err)
			return
		}
		a.ack(sm, evt.Request, payload)
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		if err := a.handleInteraction(ctx, cb); err != nil {
			a.logger.Error("slack interaction not accepted; left unacknowledged for redelivery", "envelope", evt.Request.EnvelopeID, "err", err)
			return
		}
		a.ack(sm, evt.Request, nil)
	default:
		if evt.Request != nil && evt.Request.EnvelopeID != "" {
			a.ack(sm, evt.Request, nil)
		}
	}
}

func (a *Adapter) ack(sm *socketmode.Client, req *socketmode.Request, payload any) {
	var err error
	if payload != nil {
		err = sm.Ack(*req, payload)
	} else {
		err = sm.Ack(*req)
	}
	if err != nil {
		a.logger.Warn("slack socket mode ack", "envelope", req.EnvelopeID, "err", err)
	}
}
