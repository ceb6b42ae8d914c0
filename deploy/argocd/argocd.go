// Package argocd runs deployments with an Argo CD application, through Argo
// CD's REST API and a bearer token (argocd account generate-token).
//
// Execute points the application at the deployment's version, as its
// RevisionSource says:
//
//   - target_revision (the default): spec.source.targetRevision becomes the
//     version (a Git tag or commit, or a Helm chart version);
//   - helm_parameter: the Helm parameter Parameter (image.tag) becomes the
//     version;
//   - kustomize_image: the Kustomize image Image (ghcr.io/acme/api) gets
//     the version as its tag;
//   - git: the file Git.Path of the repository Git.Project is committed
//     with the version as its content, through the GitHub or GitLab API
//     (the application's source reads that file), and the sync is made at
//     that commit;
//
// then syncs the application and waits until the sync operation succeeded
// and the application is Synced and Healthy. A failed operation, or a
// Degraded application, fails the run with the resources that are not
// Healthy or not Synced. A rollback deploys its target version the same
// way, except that an application without automated sync is rolled back
// through Argo CD's own history when an entry deployed that version (Argo
// CD refuses a rollback while automated sync is on); the application then
// shows OutOfSync, as after any Argo CD rollback, and only health is
// waited for.
//
// The sync carries the deployment in its infos (deploybot.id, .version,
// ...), which Argo CD shows with the operation. The run's ref is the
// application's URL with the deployment's id and the time of the sync, so
// that another deploybot process can follow the operation (Adopt). When
// the executor's own timeout passes, a running operation is terminated;
// never when the caller merely stops following it.
package argocd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/deploy/deadline"
	"deploybot/deploy/safe"
)

// Defaults of an Executor's zero fields.
const (
	DefaultPollInterval = 5 * time.Second
	DefaultTimeout      = 10 * time.Minute
)

// The revision sources.
const (
	TargetRevision = "target_revision"
	HelmParameter  = "helm_parameter"
	KustomizeImage = "kustomize_image"
	GitCommit      = "git"
)

// RevisionSources lists the revision sources.
var RevisionSources = []string{TargetRevision, HelmParameter, KustomizeImage, GitCommit}

const (
	// transientErrors is how many failed polls in a row following
	// tolerates.
	transientErrors = 5
	// startSkew is how much earlier than the sync request, by deploybot's
	// clock, Argo CD may date the operation it started.
	startSkew = time.Minute
	// terminateTimeout bounds the request that terminates an operation.
	terminateTimeout = 30 * time.Second
	// maxListed bounds the resources named in a message.
	maxListed = 10
	// infoPrefix starts the names of the infos a sync carries.
	infoPrefix = "deploybot."
)

var (
	_ deploybot.Executor = Executor{}
	_ deploybot.Adopter  = Executor{}
)

// appName matches an application's name (a Kubernetes object name), with
// an optional namespace: "shop" or "argocd/shop".
var appName = regexp.MustCompile(`^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`)

// Executor runs a deployment with an Argo CD application. The zero value of
// each optional field has a default.
type Executor struct {
	Server      string       // Argo CD's URL: https://argocd.example.com
	Application string       // the application's name, or NAMESPACE/NAME for an application outside Argo CD's namespace
	Token       string       // a bearer token of an account that may get, update and sync the application
	Client      *http.Client // nil: a client whose requests time out after 30 seconds
	// RevisionSource says how the version reaches the application; empty
	// means TargetRevision.
	RevisionSource string
	Parameter      string // helm_parameter: the parameter's name, e.g. image.tag
	Image          string // kustomize_image: the image's name, e.g. ghcr.io/acme/api
	Git            Git    // git: where the version is committed
	PollInterval   time.Duration
	Timeout        time.Duration
	Logger         *slog.Logger // nil: slog.Default()
	Now            func() time.Time
}

// run is what Execute and Adopt follow: the deployment's operation.
type run struct {
	ref     string
	id      int64
	since   time.Time // the sync request's time, less startSkew
	history bool      // a rollback through Argo CD's history: Synced is not expected
}

// Execute points the application at d's version, syncs it and waits until
// it is Synced and Healthy. It returns an error when d is not valid (a
// *deploybot.Error, and nothing is sent), or else:
//
//   - wrapping deploybot.ErrNotStarted when the executor is not configured,
//     or Argo CD (or the Git host) refuses a request before the sync began;
//   - wrapping deploybot.ErrDetached and the context's error when ctx ends
//     first: the operation goes on, and Adopt follows it;
//   - wrapping context.DeadlineExceeded when the executor's Timeout passes:
//     a running operation is then terminated, and the error also wraps
//     deploybot.ErrOutcomeUnknown when it could not be;
//   - wrapping deploybot.ErrOutcomeUnknown when the application cannot be
//     followed (Argo CD keeps failing);
//   - naming the operation's phase and message and the resources that are
//     not Healthy or not Synced, when the sync fails or the application is
//     Degraded.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s not synced: %w: %w", e.Application, deploybot.ErrNotStarted, context.Cause(ctx))
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()
	notStarted := func(err error) (deploybot.ExecResult, error) {
		switch {
		case parent.Err() != nil:
			return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s: %w: %w: %w", e.Application, err, deploybot.ErrNotStarted, context.Cause(parent))
		case ctx.Err() != nil:
			return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s %w before its sync: %w", e.Application, deadline.Ended(ctx), deploybot.ErrNotStarted)
		}
		return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s: %w: %w", e.Application, err, deploybot.ErrNotStarted)
	}

	app, err := e.get(ctx)
	if err != nil {
		return notStarted(err)
	}
	r := run{id: d.ID, since: e.now().Add(-startSkew)}
	if d.Action == deploybot.ActionRollback && !app.automated() {
		if h := e.historyOf(app, d.Version); h != nil {
			r.history = true
			if err := e.api().do(ctx, http.MethodPost, e.appURL("/rollback"), rollbackRequest{Name: e.name(), ID: strconv.FormatInt(h.ID, 10)}, nil); err != nil {
				return e.syncFailed(ctx, parent, err, "roll back to history entry "+strconv.FormatInt(h.ID, 10))
			}
			e.logger().Info("Argo CD rollback through history", "deployment", d.ID, "application", e.Application, "history", h.ID)
			return e.started(ctx, parent, r)
		}
	}
	revision, err := e.point(ctx, app, d)
	if err != nil {
		return notStarted(err)
	}
	req := syncRequest{Name: e.name(), Revision: revision, Infos: infos(d)}
	if err := e.api().do(ctx, http.MethodPost, e.appURL("/sync"), req, nil); err != nil {
		if !strings.Contains(strings.ToLower(err.Error()), "another operation is already in progress") {
			return e.syncFailed(ctx, parent, err, "sync")
		}
		// Automated sync started on the change first: follow that
		// operation.
		e.logger().Info("Argo CD sync already in progress; following it", "deployment", d.ID, "application", e.Application)
	}
	return e.started(ctx, parent, r)
}

// Cancel terminates the running operation of the application, for a
// deployment cancelled while it runs: deploybot's domain has no such hook
// yet, so only the executor's timeout terminates an operation today. The
// application keeps the target Execute set; a rollback undoes it.
func (e Executor) Cancel(ctx context.Context, d deploybot.Deployment) error {
	if err := e.check(); err != nil {
		return err
	}
	if _, err := e.parseRef(d.ExecutorRef); err != nil {
		return err
	}
	if err := e.api().do(ctx, http.MethodDelete, e.appURL("/operation"), nil, nil); err != nil {
		return fmt.Errorf("terminate the operation of Argo CD application %s: %w", e.Application, err)
	}
	return nil
}

// syncFailed reports a failed sync or rollback request.
func (e Executor) syncFailed(ctx, parent context.Context, err error, what string) (deploybot.ExecResult, error) {
	switch {
	case parent.Err() != nil:
		return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s %s: %w (the request may have reached Argo CD): %w", e.Application, what, deploybot.ErrDetached, context.Cause(parent))
	case ctx.Err() != nil:
		return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s %s %w (the request may have reached Argo CD): %w", e.Application, what, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
	case statusOf(err) >= 400 && statusOf(err) < 500 || statusOf(err) == 0 && !transient(err):
		return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s %s refused: %w: %w", e.Application, what, err, deploybot.ErrNotStarted)
	}
	return deploybot.ExecResult{}, fmt.Errorf("Argo CD application %s %s: %w: %w", e.Application, what, err, deploybot.ErrOutcomeUnknown)
}

// started reports the run's ref and follows it.
func (e Executor) started(ctx, parent context.Context, r run) (deploybot.ExecResult, error) {
	r.ref = e.ref(r)
	deploybot.ReportRef(parent, r.ref)
	return e.follow(ctx, parent, r)
}

// Adopt follows, until it ends or e.Timeout passes, the operation that
// Execute started for d, maybe in another process, by d.ExecutorRef, and
// reports it as Execute does. It returns an error wrapping
// deploybot.ErrOutcomeUnknown when d has no ref, or when the application
// has no operation started since the ref's time.
func (e Executor) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
	}
	r, err := e.parseRef(d.ExecutorRef)
	if err != nil {
		return deploybot.ExecResult{Ref: d.ExecutorRef}, fmt.Errorf("deployment %d: %w: %w", d.ID, err, deploybot.ErrOutcomeUnknown)
	}
	if r.id != d.ID {
		return deploybot.ExecResult{Ref: d.ExecutorRef}, fmt.Errorf("ref %q is not deployment %d's: %w", d.ExecutorRef, d.ID, deploybot.ErrOutcomeUnknown)
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()
	app, err := e.getRetrying(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return deploybot.ExecResult{Ref: r.ref}, e.ended(ctx, parent, r, false)
		}
		return deploybot.ExecResult{Ref: r.ref}, fmt.Errorf("Argo CD application %s: %w: %w", e.Application, err, deploybot.ErrOutcomeUnknown)
	}
	if app.Operation == nil && !ours(app.Status.OperationState, r) {
		return deploybot.ExecResult{Ref: r.ref}, fmt.Errorf("Argo CD application %s has no operation since %s: %w", e.Application, r.since.UTC().Format(time.RFC3339), deploybot.ErrOutcomeUnknown)
	}
	return e.follow(ctx, parent, r)
}

// follow polls the application until the run's operation ended and the
// application is Synced (unless rolled back through history) and Healthy,
// or Degraded.
func (e Executor) follow(ctx, parent context.Context, r run) (deploybot.ExecResult, error) {
	res := deploybot.ExecResult{Ref: r.ref}
	log := e.logger().With("application", e.Application, "deployment", r.id)
	var app *application
	failures := 0
	last := ""
	for {
		if deadline.Sleep(ctx, e.pollInterval()) != nil {
			return e.stop(ctx, parent, r, app, res)
		}
		got, err := e.get(ctx)
		switch {
		case ctx.Err() != nil:
			return e.stop(ctx, parent, r, app, res)
		case err != nil && (!transient(err) || failures+1 >= transientErrors):
			return res, fmt.Errorf("get Argo CD application %s: %w: %w", e.Application, err, deploybot.ErrOutcomeUnknown)
		case err != nil:
			failures++
			log.Warn("Argo CD poll failed; trying again", "err", err)
			continue
		}
		failures = 0
		app = got
		op := app.Status.OperationState
		state := fmt.Sprintf("%s/%s", app.Status.Sync.Status, app.Status.Health.Status)
		if op != nil {
			state += " operation " + op.Phase
		}
		if state != last {
			log.Info("Argo CD application", "state", state)
			last = state
		}
		if app.Operation != nil || !ours(op, r) {
			continue // the operation has not started yet
		}
		res.Output = summary(app)
		switch op.Phase {
		case "Failed", "Error":
			return res, fmt.Errorf("Argo CD sync of %s %s: %s%s", e.Application, strings.ToLower(op.Phase), op.Message, problems(app))
		case "Succeeded":
			switch {
			case app.Status.Health.Status == "Degraded":
				return res, fmt.Errorf("Argo CD application %s is Degraded after its sync%s", e.Application, problems(app))
			case app.Status.Health.Status == "Healthy" && (r.history || app.Status.Sync.Status == "Synced"):
				return res, nil
			}
		}
	}
}

// stop says why following stopped. When the executor's own timeout passed
// (not the caller's context), a running operation is terminated.
func (e Executor) stop(ctx, parent context.Context, r run, app *application, res deploybot.ExecResult) (deploybot.ExecResult, error) {
	if parent.Err() != nil {
		return res, e.ended(ctx, parent, r, false)
	}
	if app != nil {
		res.Output = summary(app)
	}
	running := app == nil || app.Operation != nil || app.Status.OperationState == nil ||
		app.Status.OperationState.Phase == "Running" || app.Status.OperationState.Phase == "Terminating"
	if !running {
		// The operation ended; the application did not become healthy.
		return res, fmt.Errorf("Argo CD application %s %w without becoming Synced and Healthy%s", e.Application, deadline.Ended(ctx), problems(app))
	}
	tctx, cancel := context.WithTimeout(context.WithoutCancel(parent), terminateTimeout)
	defer cancel()
	if err := e.api().do(tctx, http.MethodDelete, e.appURL("/operation"), nil, nil); err != nil {
		e.logger().Error("terminate Argo CD operation after the timeout", "application", e.Application, "err", err)
		return res, fmt.Errorf("Argo CD sync of %s %w and could not be terminated (%w): %w", e.Application, deadline.Ended(ctx), err, deploybot.ErrOutcomeUnknown)
	}
	return res, e.ended(ctx, parent, r, true)
}

// ended says why following stopped: the caller's context ended (the
// operation goes on), or the executor's timeout passed.
func (e Executor) ended(ctx, parent context.Context, r run, terminated bool) error {
	switch {
	case parent.Err() != nil:
		return fmt.Errorf("Argo CD application %s: %w: %w", e.Application, deploybot.ErrDetached, context.Cause(parent))
	case terminated:
		return fmt.Errorf("Argo CD sync of %s %w; its operation was terminated", e.Application, deadline.Ended(ctx))
	}
	return fmt.Errorf("Argo CD application %s %w: %w", e.Application, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
}

// point changes the application so that it deploys d's version, as the
// revision source says, and returns the revision to sync ("" for the
// application's own).
func (e Executor) point(ctx context.Context, app *application, d deploybot.Deployment) (string, error) {
	src := app.Spec.Source
	if src == nil && e.source() != GitCommit {
		return "", errors.New("the application has no single source (spec.source): multi-source applications are not supported")
	}
	var patch any
	switch e.source() {
	case TargetRevision:
		if src.TargetRevision == d.Version {
			return "", nil
		}
		patch = map[string]any{"spec": map[string]any{"source": map[string]any{"targetRevision": d.Version}}}
	case HelmParameter:
		var params []helmParameter
		if src.Helm != nil {
			params = slices.Clone(src.Helm.Parameters)
		}
		i := slices.IndexFunc(params, func(p helmParameter) bool { return p.Name == e.Parameter })
		switch {
		case i < 0:
			params = append(params, helmParameter{Name: e.Parameter, Value: d.Version, ForceString: true})
		case params[i].Value == d.Version:
			return "", nil
		default:
			params[i].Value, params[i].ForceString = d.Version, true
		}
		patch = map[string]any{"spec": map[string]any{"source": map[string]any{"helm": map[string]any{"parameters": params}}}}
	case KustomizeImage:
		var images []string
		if src.Kustomize != nil {
			images = slices.Clone(src.Kustomize.Images)
		}
		want := e.Image + ":" + d.Version
		i := slices.IndexFunc(images, func(s string) bool { return imageName(s) == e.Image })
		switch {
		case i < 0:
			images = append(images, want)
		case images[i] == want:
			return "", nil
		default:
			images[i] = want
		}
		patch = map[string]any{"spec": map[string]any{"source": map[string]any{"kustomize": map[string]any{"images": images}}}}
	case GitCommit:
		branch := e.Git.Branch
		if branch == "" && src != nil && src.TargetRevision != "" && src.TargetRevision != "HEAD" {
			branch = src.TargetRevision
		}
		msg := fmt.Sprintf("deploybot: %s %s %s to %s (#%d, by %s)", orDeploy(d.Action), d.Project, d.Version, d.Env, d.ID, d.Requester)
		sha, err := e.Git.commit(ctx, e.client(), branch, d.Version+"\n", msg)
		if err != nil {
			return "", err
		}
		if !safe.Version(sha) {
			return "", fmt.Errorf("the git host answered commit %q, which is not a commit sha", sha)
		}
		e.logger().Info("version committed for Argo CD", "deployment", d.ID, "repository", e.Git.Project, "path", e.Git.Path, "commit", sha)
		return sha, nil
	}
	b, err := json.Marshal(patch)
	if err != nil {
		return "", err
	}
	if err := e.api().do(ctx, http.MethodPatch, e.appURL(""), patchRequest{Name: e.name(), Patch: string(b), PatchType: "merge"}, nil); err != nil {
		return "", fmt.Errorf("update the application: %w", err)
	}
	return "", nil
}

// historyOf returns the newest entry of the application's history that
// deployed version, as the revision source names it; nil when none did.
func (e Executor) historyOf(app *application, version string) *historyEntry {
	for i := len(app.Status.History) - 1; i >= 0; i-- {
		h := &app.Status.History[i]
		s := h.Source
		switch e.source() {
		case TargetRevision:
			if s.TargetRevision == version || h.Revision == version {
				return h
			}
		case HelmParameter:
			if s.Helm != nil && slices.Contains(s.Helm.Parameters, helmParameter{Name: e.Parameter, Value: version, ForceString: true}) ||
				s.Helm != nil && slices.Contains(s.Helm.Parameters, helmParameter{Name: e.Parameter, Value: version}) {
				return h
			}
		case KustomizeImage:
			if s.Kustomize != nil && slices.Contains(s.Kustomize.Images, e.Image+":"+version) {
				return h
			}
		}
		// A git source's history names commits, not versions: it is never
		// used.
	}
	return nil
}

// get reads the application. No refresh is asked for: a sync compares the
// application with its source anyway, and a refresh on every poll would
// make Argo CD work for nothing.
func (e Executor) get(ctx context.Context) (*application, error) {
	var app application
	if err := e.api().do(ctx, http.MethodGet, e.appURL(""), nil, &app); err != nil {
		return nil, fmt.Errorf("get the application: %w", err)
	}
	return &app, nil
}

// getRetrying reads the application, tolerating transient errors.
func (e Executor) getRetrying(ctx context.Context) (*application, error) {
	for failures := 0; ; failures++ {
		app, err := e.get(ctx)
		if err == nil || !transient(err) || failures+1 >= transientErrors || ctx.Err() != nil {
			return app, err
		}
		if err := deadline.Sleep(ctx, e.pollInterval()); err != nil {
			return nil, err
		}
	}
}

// ours reports whether op is the run's operation: it carries the run's
// deployment id, or started since the run's sync request (automated sync,
// or a rollback, which carries no infos).
func ours(op *operationState, r run) bool {
	if op == nil {
		return false
	}
	id := strconv.FormatInt(r.id, 10)
	for _, i := range op.Operation.Info {
		if i.Name == infoPrefix+"id" {
			return i.Value == id
		}
	}
	return !op.StartedAt.Before(r.since)
}

// infos returns what a sync carries of d, shown by Argo CD with the
// operation.
func infos(d deploybot.Deployment) []info {
	out := []info{
		{infoPrefix + "id", strconv.FormatInt(d.ID, 10)},
		{infoPrefix + "project", d.Project},
		{infoPrefix + "env", d.Env},
		{infoPrefix + "version", d.Version},
		{infoPrefix + "action", string(orDeploy(d.Action))},
		{infoPrefix + "requester", d.Requester},
	}
	if d.PreviousVersion != "" {
		out = append(out, info{infoPrefix + "previous_version", d.PreviousVersion})
	}
	if d.Strategy != "" {
		out = append(out, info{infoPrefix + "strategy", string(d.Strategy)})
	}
	return out
}

func orDeploy(a deploybot.Action) deploybot.Action {
	if a == "" {
		return deploybot.ActionDeploy
	}
	return a
}

// ref returns the run's ref: the application's URL in Argo CD's web UI,
// with the deployment's id and the sync's time in its query.
func (e Executor) ref(r run) string {
	q := url.Values{}
	q.Set("deploybot", strconv.FormatInt(r.id, 10))
	q.Set("since", strconv.FormatInt(r.since.Unix(), 10))
	if r.history {
		q.Set("history", "1")
	}
	return strings.TrimRight(e.Server, "/") + "/applications/" + e.Application + "?" + q.Encode()
}

// parseRef reads a ref that ref returned.
func (e Executor) parseRef(ref string) (run, error) {
	u, err := url.Parse(ref)
	if ref == "" || err != nil {
		return run{}, fmt.Errorf("no Argo CD run was recorded (ref %q)", ref)
	}
	q := u.Query()
	id, err1 := strconv.ParseInt(q.Get("deploybot"), 10, 64)
	since, err2 := strconv.ParseInt(q.Get("since"), 10, 64)
	if err1 != nil || err2 != nil || !strings.HasSuffix(u.Path, "/applications/"+e.Application) {
		return run{}, fmt.Errorf("ref %q is not a run of Argo CD application %s", ref, e.Application)
	}
	return run{ref: ref, id: id, since: time.Unix(since, 0), history: q.Get("history") == "1"}, nil
}

// summary describes the application's state in a few lines.
func summary(app *application) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s, %s", app.Metadata.Name, orUnknown(app.Status.Sync.Status), orUnknown(app.Status.Health.Status))
	if r := app.Status.Sync.Revision; r != "" {
		fmt.Fprintf(&b, " at %.12s", r)
	}
	if op := app.Status.OperationState; op != nil {
		fmt.Fprintf(&b, "\noperation %s", op.Phase)
		if op.Message != "" {
			fmt.Fprintf(&b, ": %s", op.Message)
		}
	}
	return b.String() + problems(app)
}

// problems lists the resources that are not Healthy or not Synced.
func problems(app *application) string {
	if app == nil {
		return ""
	}
	var out []string
	for _, r := range app.Status.Resources {
		var why []string
		if r.Health != nil && r.Health.Status != "" && r.Health.Status != "Healthy" {
			w := r.Health.Status
			if r.Health.Message != "" {
				w += " (" + r.Health.Message + ")"
			}
			why = append(why, w)
		}
		if r.Status != "" && r.Status != "Synced" {
			why = append(why, r.Status)
		}
		if len(why) == 0 {
			continue
		}
		name := r.Kind + "/" + r.Name
		if r.Namespace != "" {
			name = r.Namespace + "/" + name
		}
		out = append(out, name+" "+strings.Join(why, ", "))
	}
	if len(out) == 0 {
		return ""
	}
	if len(out) > maxListed {
		out = append(out[:maxListed], fmt.Sprintf("and %d more", len(out)-maxListed))
	}
	return "; not healthy or not synced: " + strings.Join(out, "; ")
}

func orUnknown(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}

// imageName returns the name part of a Kustomize image entry: "api" of
// "api=ghcr.io/acme/api:v1", "ghcr.io/acme/api" of "ghcr.io/acme/api:v1".
func imageName(s string) string {
	if name, _, ok := strings.Cut(s, "="); ok {
		return name
	}
	if i := strings.Index(s, "@"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, ":"); i > strings.LastIndex(s, "/") {
		s = s[:i]
	}
	return s
}

func (e Executor) check() error {
	u, err := url.Parse(e.Server)
	switch {
	case e.Server == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return fmt.Errorf("argocd executor: server %q is not an http or https URL", e.Server)
	case !appName.MatchString(e.Application):
		return fmt.Errorf("argocd executor: application %q is not an application name", e.Application)
	case !slices.Contains(RevisionSources, e.source()):
		return fmt.Errorf("argocd executor: revision_source %q is not one of %s", e.RevisionSource, strings.Join(RevisionSources, ", "))
	case e.source() == HelmParameter && e.Parameter == "":
		return errors.New("argocd executor: revision_source helm_parameter needs parameter (e.g. image.tag)")
	case e.source() == KustomizeImage && e.Image == "":
		return errors.New("argocd executor: revision_source kustomize_image needs image (e.g. ghcr.io/acme/api)")
	case e.source() == GitCommit && (e.Git.Project == "" || e.Git.Path == "" || e.Git.APIURL == ""):
		return errors.New("argocd executor: revision_source git needs repository and path")
	case e.source() == GitCommit && (strings.Contains(e.Git.Path, "..") || strings.HasPrefix(e.Git.Path, "/")):
		return fmt.Errorf("argocd executor: path %q is not a file of the repository", e.Git.Path)
	}
	return nil
}

func (e Executor) source() string {
	if e.RevisionSource == "" {
		return TargetRevision
	}
	return e.RevisionSource
}

// name returns the application's name, without its namespace.
func (e Executor) name() string {
	if _, n, ok := strings.Cut(e.Application, "/"); ok {
		return n
	}
	return e.Application
}

// appURL returns the API URL of the application, with suffix.
func (e Executor) appURL(suffix string) string {
	u := strings.TrimRight(e.Server, "/") + "/api/v1/applications/" + url.PathEscape(e.name()) + suffix
	if ns, _, ok := strings.Cut(e.Application, "/"); ok {
		u = addQuery(u, "appNamespace", ns)
	}
	return u
}

func addQuery(u, k, v string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + url.QueryEscape(k) + "=" + url.QueryEscape(v)
}

func (e Executor) api() caller {
	return caller{client: e.client(), header: "Authorization", value: bearer(e.Token)}
}

func (e Executor) client() *http.Client {
	if e.Client == nil {
		return &http.Client{Timeout: 30 * time.Second}
	}
	return e.Client
}

func (e Executor) timeout() time.Duration {
	if e.Timeout <= 0 {
		return DefaultTimeout
	}
	return e.Timeout
}

func (e Executor) pollInterval() time.Duration {
	if e.PollInterval <= 0 {
		return DefaultPollInterval
	}
	return e.PollInterval
}

func (e Executor) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

func (e Executor) logger() *slog.Logger {
	if e.Logger == nil {
		return slog.Default()
	}
	return e.Logger
}
