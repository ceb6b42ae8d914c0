package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxBody is the largest request body accepted from Slack.
const maxBody = 1 << 20

// HTTPHandler returns the handler of the HTTP Events API endpoints, to mount
// on the HTTP server's mux:
//
//	POST /slack/events        events (and the url_verification challenge)
//	POST /slack/commands      the /deploy slash command
//	POST /slack/interactions  button clicks
//
// Every request must carry a valid Slack signature made with the signing
// secret less than five minutes ago; others get 401 and have no effect.
// Each request is answered as soon as its work is queued.
func (a *Adapter) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/events", a.serveEvents)
	mux.HandleFunc("POST /slack/commands", a.serveCommands)
	mux.HandleFunc("POST /slack/interactions", a.serveInteractions)
	return mux
}

// verify checks the request's signature and timestamp over the raw body
// and puts the body back for the form parsers.
func (a *Adapter) verify(r *http.Request) ([]byte, error) {
	if a.opts.SigningSecret == "" {
		return nil, errors.New("no signing secret configured")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if len(body) > maxBody {
		return nil, errors.New("body too large")
	}
	sv, err := slack.NewSecretsVerifier(r.Header, a.opts.SigningSecret) // refuses |now-ts| > 5 min
	if err != nil {
		return nil, fmt.Errorf("signature headers: %w", err)
	}
	if _, err := sv.Write(body); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	if err := sv.Ensure(); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}

// refuse answers 401 to a request that failed verification. The error
// names the check that failed, never a secret.
func (a *Adapter) refuse(w http.ResponseWriter, r *http.Request, err error) {
	a.logger.Warn("slack request refused", "path", r.URL.Path, "remote", r.RemoteAddr, "err", err)
	http.Error(w, "invalid request signature", http.StatusUnauthorized)
}

// unavailable answers 503 when a verified delivery could not be recorded or
// queued; Slack delivers it again later.
func (a *Adapter) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	a.logger.Error("slack delivery not accepted", "path", r.URL.Path, "err", err)
	http.Error(w, "busy, retry later", http.StatusServiceUnavailable)
}

func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, err := a.verify(r)
	if err != nil {
		a.refuse(w, r, err)
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "malformed event", http.StatusBadRequest)
		return
	}
	if ev.Type == slackevents.URLVerification {
		uv, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "malformed challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, uv.Challenge)
		return
	}
	if err := a.handleEvent(r.Context(), ev); err != nil {
		a.unavailable(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveCommands(w http.ResponseWriter, r *http.Request) {
	if _, err := a.verify(r); err != nil {
		a.refuse(w, r, err)
		return
	}
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	ack, err := a.handleSlash(r.Context(), cmd)
	if err != nil {
		a.unavailable(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(ack)
}

func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request) {
	if _, err := a.verify(r); err != nil {
		a.refuse(w, r, err)
		return
	}
	cb, err := slack.InteractionCallbackParse(r)
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if err := a.handleInteraction(r.Context(), cb); err != nil {
		a.unavailable(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}
