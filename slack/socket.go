package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/slack-go/slack/socketmode"
)

// Run connects to Slack in Socket Mode (no public URL needed) and serves
// events, slash commands and clicks until ctx ends; the connection is
// re-established when Slack asks for it. Each envelope is acknowledged by
// its id once recorded in the inbox; one that could not be recorded is not
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
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive:
		if evt.Request == nil {
			return
		}
		a.receiving.Add(1)
		defer a.received()
		payload, err := a.socketDelivery(ctx, evt.Type, evt.Request.Payload)
		switch {
		case isMalformed(err):
			// Delivered again, it would be as malformed: acknowledged.
			a.logger.Warn("malformed slack socket mode envelope; acknowledged and dropped", "envelope", evt.Request.EnvelopeID, "err", err)
		case err != nil:
			a.logger.Error("slack delivery not recorded; left unacknowledged for redelivery", "envelope", evt.Request.EnvelopeID, "err", err)
			return
		}
		a.ack(sm, evt.Request, payload)
	default:
		if evt.Request != nil && evt.Request.EnvelopeID != "" {
			a.ack(sm, evt.Request, nil)
		}
	}
}

// socketDelivery records one Socket Mode delivery from its raw payload and
// returns the ack's payload (a slash command's acknowledgement), if any.
func (a *Adapter) socketDelivery(ctx context.Context, typ socketmode.EventType, payload []byte) (any, error) {
	switch typ {
	case socketmode.EventTypeEventsAPI:
		env, err := parseEnvelope(payload)
		if err != nil {
			return nil, err
		}
		return nil, a.handleEvent(ctx, env)
	case socketmode.EventTypeSlashCommand:
		var cmd slashCommand
		if err := json.Unmarshal(payload, &cmd); err != nil {
			return nil, malformed("slash command: %v", err)
		}
		ack, err := a.handleSlash(ctx, cmd, "command:"+payloadDigest(payload))
		if err != nil {
			return nil, err
		}
		return ack, nil
	case socketmode.EventTypeInteractive:
		return nil, a.handleInteraction(ctx, payload, payloadDigest(payload))
	}
	return nil, nil
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
