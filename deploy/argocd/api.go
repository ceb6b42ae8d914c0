package argocd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"deploybot/deploy/deadline"
)

// The Argo CD REST API is called with net/http: its Go module
// (github.com/argoproj/argo-cd/v3) needs Go 1.27, and the calls used here
// are few (get, patch, sync, rollback an application, terminate its
// operation). The JSON types below hold only the fields this package reads,
// named as in Argo CD's API (v1alpha1.Application).

// application is an Argo CD Application as the API returns it.
type application struct {
	Metadata struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace,omitempty"`
	} `json:"metadata"`
	Spec struct {
		Source     *source  `json:"source,omitempty"`
		Sources    []source `json:"sources,omitempty"`
		SyncPolicy *struct {
			Automated *json.RawMessage `json:"automated,omitempty"`
		} `json:"syncPolicy,omitempty"`
	} `json:"spec"`
	// Operation is the operation requested and not yet started by the
	// application controller.
	Operation *operation `json:"operation,omitempty"`
	Status    struct {
		Sync struct {
			Status   string `json:"status"` // Synced, OutOfSync, Unknown
			Revision string `json:"revision,omitempty"`
		} `json:"sync"`
		Health         healthStatus    `json:"health"`
		OperationState *operationState `json:"operationState,omitempty"`
		Resources      []resource      `json:"resources,omitempty"`
		History        []historyEntry  `json:"history,omitempty"`
	} `json:"status"`
}

// automated reports whether the application syncs on its own.
func (a *application) automated() bool {
	p := a.Spec.SyncPolicy
	return p != nil && p.Automated != nil && string(*p.Automated) != "null"
}

type source struct {
	RepoURL        string     `json:"repoURL,omitempty"`
	Path           string     `json:"path,omitempty"`
	Chart          string     `json:"chart,omitempty"`
	TargetRevision string     `json:"targetRevision,omitempty"`
	Helm           *helm      `json:"helm,omitempty"`
	Kustomize      *kustomize `json:"kustomize,omitempty"`
}

type helm struct {
	Parameters []helmParameter `json:"parameters,omitempty"`
}

type helmParameter struct {
	Name        string `json:"name"`
	Value       string `json:"value"`
	ForceString bool   `json:"forceString,omitempty"`
}

type kustomize struct {
	Images []string `json:"images,omitempty"`
}

type info struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type operation struct {
	Sync *struct {
		Revision string `json:"revision,omitempty"`
	} `json:"sync,omitempty"`
	Info        []info `json:"info,omitempty"`
	InitiatedBy struct {
		Username  string `json:"username,omitempty"`
		Automated bool   `json:"automated,omitempty"`
	} `json:"initiatedBy"`
}

type operationState struct {
	Operation  operation  `json:"operation"`
	Phase      string     `json:"phase"` // Running, Terminating, Failed, Error, Succeeded
	Message    string     `json:"message,omitempty"`
	StartedAt  time.Time  `json:"startedAt"`
	FinishedAt *time.Time `json:"finishedAt,omitempty"`
	SyncResult *struct {
		Revision string `json:"revision,omitempty"`
	} `json:"syncResult,omitempty"`
}

type healthStatus struct {
	Status  string `json:"status,omitempty"` // Healthy, Progressing, Degraded, Suspended, Missing, Unknown
	Message string `json:"message,omitempty"`
}

type resource struct {
	Group     string        `json:"group,omitempty"`
	Kind      string        `json:"kind"`
	Namespace string        `json:"namespace,omitempty"`
	Name      string        `json:"name"`
	Status    string        `json:"status,omitempty"` // Synced, OutOfSync
	Health    *healthStatus `json:"health,omitempty"`
}

type historyEntry struct {
	ID         int64     `json:"id"`
	Revision   string    `json:"revision"`
	Source     source    `json:"source"`
	DeployedAt time.Time `json:"deployedAt"`
}

// syncRequest is the body of POST /api/v1/applications/{name}/sync.
type syncRequest struct {
	Name     string `json:"name"`
	Revision string `json:"revision,omitempty"`
	Prune    bool   `json:"prune"`
	DryRun   bool   `json:"dryRun"`
	Infos    []info `json:"infos,omitempty"`
}

// patchRequest is the body of PATCH /api/v1/applications/{name}.
type patchRequest struct {
	Name      string `json:"name"`
	Patch     string `json:"patch"`
	PatchType string `json:"patchType"`
}

// rollbackRequest is the body of POST /api/v1/applications/{name}/rollback.
type rollbackRequest struct {
	Name   string `json:"name"`
	ID     string `json:"id"` // int64, as a string in the API's JSON
	Prune  bool   `json:"prune"`
	DryRun bool   `json:"dryRun"`
}

// apiError is an error answer of an API (Argo CD's grpc-gateway JSON, or
// GitHub's and GitLab's message).
type apiError struct {
	Method, URL string
	Status      int
	Message     string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.URL, e.Status, e.Message)
}

// statusOf returns the HTTP status of an API error, 0 for another error.
func statusOf(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Status
	}
	return 0
}

// transient reports whether a failed request may pass if made again: a
// 5xx or 429 answer, or a network error.
func transient(err error) bool {
	s := statusOf(err)
	var ue *url.Error
	return s == http.StatusTooManyRequests || s >= 500 || (s == 0 && errors.As(err, &ue))
}

const (
	maxBody      = 4 << 20 // bytes read of an answer
	rateRetries  = 4       // a 429 is tried again this many times
	maxRateWait  = 5 * time.Minute
	defaultWait  = 2 * time.Second // after a 429 without Retry-After
	errorExcerpt = 300
)

// caller makes JSON requests with a bearer token (or another header).
type caller struct {
	client *http.Client
	header string // Authorization, PRIVATE-TOKEN
	value  string
}

// do sends a request and decodes a 2xx JSON answer into out (when not nil).
// A 429 is tried again after its Retry-After (bounded), up to rateRetries
// times: the API refused it before acting.
func (c caller) do(ctx context.Context, method, u string, in, out any) error {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("%s %s: %w", method, redact(u), err)
		}
		body = b
	}
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("%s %s: %w", method, redact(u), err)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("Accept", "application/json")
		if c.value != "" {
			req.Header.Set(c.header, c.value)
		}
		client := c.client
		if client == nil {
			client = http.DefaultClient
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		data, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests && attempt < rateRetries {
			wait, ok := RetryAfter(resp.Header, time.Now())
			if !ok {
				wait = defaultWait << attempt
			}
			if err := deadline.Sleep(ctx, wait); err != nil {
				return fmt.Errorf("%s %s: rate-limited, then %w", method, redact(u), err)
			}
			continue
		}
		if resp.StatusCode/100 != 2 {
			return &apiError{Method: method, URL: redact(u), Status: resp.StatusCode, Message: errorMessage(data)}
		}
		if rerr != nil {
			return fmt.Errorf("%s %s: %w", method, redact(u), rerr)
		}
		if out == nil || len(bytes.TrimSpace(data)) == 0 {
			return nil
		}
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: the answer is not the expected JSON: %w", method, redact(u), err)
		}
		return nil
	}
}

// errorMessage reads the message of an error answer: Argo CD's
// {"error","code","message"}, GitHub's and GitLab's {"message"}, or an
// excerpt of the body.
func errorMessage(data []byte) string {
	var e struct {
		Error   string `json:"error"`
		Message any    `json:"message"`
	}
	if json.Unmarshal(data, &e) == nil {
		switch m := e.Message.(type) {
		case string:
			if m != "" {
				return m
			}
		case nil:
		default:
			b, _ := json.Marshal(m)
			return string(b)
		}
		if e.Error != "" {
			return e.Error
		}
	}
	s := strings.TrimSpace(string(data))
	if len(s) > errorExcerpt {
		s = s[:errorExcerpt] + "..."
	}
	return s
}

// redact drops a URL's query and credentials from messages.
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(invalid URL)"
	}
	p.User, p.RawQuery = nil, ""
	return p.String()
}

// RetryAfter reads a Retry-After header: a number of seconds or an HTTP
// date, bounded by 5 minutes. It reports false when the header is absent
// or unreadable.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, maxRateWait), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRateWait), true
	}
	return 0, false
}
