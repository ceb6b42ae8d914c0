// Package gitlabci runs deployments with a GitLab CI/CD pipeline, through
// GitLab's REST API v4 (gitlab.com or a self-managed instance).
//
// Execute creates a pipeline on the configured ref with the deployment's
// values as CI/CD variables, the same names the shell executor uses:
//
//	DEPLOY_PROJECT, DEPLOY_ENV, DEPLOY_VERSION, DEPLOY_PREVIOUS_VERSION,
//	DEPLOY_STRATEGY, DEPLOY_ACTION (deploy|rollback), DEPLOY_ID, DEPLOY_REQUESTER
//
// then follows the pipeline and its jobs until it ends. The pipeline is
// created with the access token (POST /projects/:id/pipeline), or with a
// pipeline trigger token when one is configured (POST
// /projects/:id/trigger/pipeline); the access token is needed either way,
// since a trigger token cannot read a pipeline or its jobs.
//
// The pipeline's web URL is the run's ref: deploybot records it as soon as
// the pipeline exists, so that another deploybot process can follow it
// (Adopt) if this one stops. A pipeline is cancelled when the executor's
// own timeout passes, and by Cancel; never when the caller merely stops
// following it (its context ends).
package gitlabci

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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
	DefaultPollInterval = 10 * time.Second
	DefaultTimeout      = 10 * time.Minute
	DefaultRef          = "main"
)

const (
	// transientErrors is how many failed polls in a row (5xx, rate limits
	// past the client's own retries, network) following tolerates.
	transientErrors = 5
	// createdSkew is how much earlier than the trigger, by deploybot's
	// clock, GitLab may date the pipeline it created.
	createdSkew = time.Minute
	// cancelTimeout bounds the request that cancels a pipeline after the
	// executor's timeout.
	cancelTimeout = 30 * time.Second
	// maxOutput bounds the summary of a pipeline kept as the output.
	maxOutput = 2000
)

var (
	_ deploybot.Executor = Executor{}
	_ deploybot.Adopter  = Executor{}
	_ deploybot.Resolver = Executor{}
)

// projectPattern matches a project's id or its full path (group/sub/name).
var projectPattern = regexp.MustCompile(`^(?:[0-9]+|[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+)$`)

// pipelinePath matches the path of a pipeline's web URL:
// /GROUP/PROJECT/-/pipelines/ID.
var pipelinePath = regexp.MustCompile(`^/(.+)/-/pipelines/(\d+)/?$`)

// Executor runs a deployment with a GitLab pipeline. The zero value of each
// optional field has a default.
type Executor struct {
	// Client reads pipelines and jobs and cancels pipelines; it creates the
	// pipeline too unless TriggerToken is set. See NewClient.
	Client  *Client
	Project string // the project's full path (group/app) or numeric id
	Ref     string // the branch or tag to run the pipeline on; empty: DefaultRef
	// TriggerToken, when set, creates the pipeline with a pipeline
	// trigger token instead of Client's token.
	TriggerToken string
	// Variables are extra CI/CD variables, from the configuration; they
	// cannot replace the deployment's DEPLOY_* ones.
	Variables    map[string]string
	PollInterval time.Duration // between API calls while waiting; zero means DefaultPollInterval
	Timeout      time.Duration // the whole run; zero means DefaultTimeout
	Logger       *slog.Logger  // nil: slog.Default()
	Now          func() time.Time
}

// Execute creates a pipeline for d and follows it until it ends. It returns
// an error when d is not valid (a *deploybot.Error, and nothing is sent),
// or else:
//
//   - wrapping deploybot.ErrNotStarted when the executor is not configured
//     or GitLab refuses to create the pipeline (a 4xx answer, a 429 past the
//     retries, a network error, a 5xx answer after which no pipeline of
//     the deployment can be found);
//   - wrapping deploybot.ErrDetached and the context's error when ctx ends
//     first: the pipeline goes on, is not cancelled, and Adopt follows it;
//   - wrapping context.DeadlineExceeded when the executor's Timeout passes:
//     the pipeline is then cancelled, and the error also wraps
//     deploybot.ErrOutcomeUnknown when it could not be;
//   - wrapping deploybot.ErrOutcomeUnknown when the pipeline cannot be
//     followed (GitLab keeps failing, the pipeline disappears);
//   - naming the pipeline's status, its URL and its failed jobs when it
//     ends with anything but success.
//
// The result's Ref is the pipeline's web URL, reported through
// deploybot.ReportRef as soon as the pipeline exists; Output summarises the
// pipeline and its jobs.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("GitLab pipeline of %s not created: %w: %w", e.Project, deploybot.ErrNotStarted, context.Cause(ctx))
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()

	triggered := e.now()
	p, err := e.create(ctx, d)
	if err != nil {
		switch {
		case parent.Err() != nil:
			return deploybot.ExecResult{}, fmt.Errorf("create a GitLab pipeline of %s: %w (the request may have reached GitLab): %w", e.Project, deploybot.ErrDetached, context.Cause(parent))
		case ctx.Err() != nil:
			return deploybot.ExecResult{}, fmt.Errorf("create a GitLab pipeline of %s: %w (the request may have reached GitLab): %w", e.Project, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
		case maybeCreated(err):
			// A 5xx answer from a proxy may hide a pipeline GitLab
			// created: look for it before saying nothing started.
			found, ferr := e.marked(ctx, d.ID, triggered.Add(-createdSkew))
			if ferr != nil || found == nil {
				return deploybot.ExecResult{}, fmt.Errorf("create a GitLab pipeline of %s on %s: %w: %w", e.Project, e.ref(), err, deploybot.ErrNotStarted)
			}
			p = found
		default:
			return deploybot.ExecResult{}, fmt.Errorf("create a GitLab pipeline of %s on %s: %w: %w", e.Project, e.ref(), err, deploybot.ErrNotStarted)
		}
	}
	res := deploybot.ExecResult{Ref: e.webURL(p)}
	deploybot.ReportRef(parent, res.Ref)
	e.logger().Info("GitLab pipeline created", "deployment", d.ID, "pipeline", p.ID, "url", res.Ref)
	return e.follow(ctx, parent, p, res)
}

// Adopt follows, until it ends or e.Timeout passes, the pipeline that
// Execute created for d, maybe in another process, and reports it as
// Execute does. The pipeline is the one d.ExecutorRef names (its web URL
// or its id); without a ref, the newest pipeline on the executor's ref
// whose DEPLOY_ID variable is d's id, created since d was. It returns an
// error wrapping deploybot.ErrOutcomeUnknown when no pipeline can be found.
func (e Executor) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()
	var p *Pipeline
	if d.ExecutorRef == "" {
		if d.CreatedAt.IsZero() {
			return deploybot.ExecResult{}, fmt.Errorf("deployment %d has no recorded GitLab pipeline: %w", d.ID, deploybot.ErrOutcomeUnknown)
		}
		found, err := e.marked(ctx, d.ID, d.CreatedAt.Add(-createdSkew))
		switch {
		case ctx.Err() != nil:
			return deploybot.ExecResult{}, e.ended(ctx, parent, "the pipeline of deployment "+strconv.FormatInt(d.ID, 10), false)
		case err != nil:
			return deploybot.ExecResult{}, fmt.Errorf("look for the pipeline of deployment %d: %w: %w", d.ID, err, deploybot.ErrOutcomeUnknown)
		case found == nil:
			return deploybot.ExecResult{}, fmt.Errorf("no GitLab pipeline of %s names deployment %d: %w", e.Project, d.ID, deploybot.ErrOutcomeUnknown)
		}
		p = found
	} else {
		id, err := e.pipelineID(d.ExecutorRef)
		if err != nil {
			return deploybot.ExecResult{Ref: d.ExecutorRef}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
		}
		p = &Pipeline{ID: id}
	}
	res := deploybot.ExecResult{Ref: d.ExecutorRef}
	if res.Ref == "" {
		res.Ref = e.webURL(p)
		deploybot.ReportRef(parent, res.Ref)
	}
	if p.Status == "" {
		got, err := e.getPipeline(ctx, p.ID)
		if err != nil {
			if ctx.Err() != nil {
				return res, e.ended(ctx, parent, res.Ref, false)
			}
			return res, fmt.Errorf("GitLab pipeline %s: %w: %w", res.Ref, err, deploybot.ErrOutcomeUnknown)
		}
		p = got
	}
	return e.follow(ctx, parent, p, res)
}

// Cancel asks GitLab to cancel the pipeline of d (its ExecutorRef). It is
// for a deployment cancelled while it runs: deploybot's domain has no such
// hook yet, so only the executor's timeout cancels a pipeline today.
func (e Executor) Cancel(ctx context.Context, d deploybot.Deployment) error {
	if err := e.check(); err != nil {
		return err
	}
	id, err := e.pipelineID(d.ExecutorRef)
	if err != nil {
		return err
	}
	if err := e.Client.CancelPipeline(ctx, e.Project, id); err != nil {
		return fmt.Errorf("cancel GitLab pipeline %d of %s: %w", id, e.Project, err)
	}
	return nil
}

// variables returns the pipeline's variables for d: the configured ones,
// then the deployment's, which win.
func (e Executor) variables(d deploybot.Deployment) map[string]string {
	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	vars := make(map[string]string, len(e.Variables)+8)
	for k, v := range e.Variables {
		vars[k] = v
	}
	vars["DEPLOY_PROJECT"] = d.Project
	vars["DEPLOY_ENV"] = d.Env
	vars["DEPLOY_VERSION"] = d.Version
	vars["DEPLOY_PREVIOUS_VERSION"] = d.PreviousVersion
	vars["DEPLOY_STRATEGY"] = string(d.Strategy)
	vars["DEPLOY_ACTION"] = string(action)
	vars["DEPLOY_ID"] = strconv.FormatInt(d.ID, 10)
	vars["DEPLOY_REQUESTER"] = d.Requester
	if d.DrillID != 0 {
		vars["DEPLOY_DRILL"] = strconv.FormatInt(d.DrillID, 10)
	}
	return vars
}

// create creates the pipeline of d, with the trigger token when one is
// configured.
func (e Executor) create(ctx context.Context, d deploybot.Deployment) (*Pipeline, error) {
	vars := e.variables(d)
	ref := e.ref()
	if e.TriggerToken != "" {
		return e.Client.RunPipelineTrigger(ctx, e.Project, ref, e.TriggerToken, vars)
	}
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	list := make([]Variable, 0, len(keys))
	for _, k := range keys {
		list = append(list, Variable{Key: k, Value: vars[k], VariableType: "env_var"})
	}
	return e.Client.CreatePipeline(ctx, e.Project, ref, list)
}

// follow polls pipeline p until it ends and reports its status.
func (e Executor) follow(ctx, parent context.Context, p *Pipeline, res deploybot.ExecResult) (deploybot.ExecResult, error) {
	log := e.logger().With("pipeline", p.ID)
	jobs := map[int64]string{} // job id: last status seen
	var last []*Job
	failures := 0
	for !finished(p.Status) {
		if deadline.Sleep(ctx, e.pollInterval()) != nil {
			return e.stop(ctx, parent, p, res, last)
		}
		got, err := e.getPipeline(ctx, p.ID)
		switch {
		case ctx.Err() != nil:
			return e.stop(ctx, parent, p, res, last)
		case err != nil && errors.Is(err, ErrNotFound):
			return res, fmt.Errorf("GitLab pipeline %s is gone: %w", res.Ref, deploybot.ErrOutcomeUnknown)
		case err != nil && (!transient(err) || failures+1 >= transientErrors):
			return res, fmt.Errorf("get GitLab pipeline %s: %w: %w", res.Ref, err, deploybot.ErrOutcomeUnknown)
		case err != nil:
			failures++
			log.Warn("GitLab poll failed; trying again", "err", err)
			continue
		}
		failures = 0
		p = got
		if js, err := e.jobs(ctx, p.ID); err == nil {
			last = js
			for _, j := range js {
				if jobs[j.ID] != j.Status {
					jobs[j.ID] = j.Status
					log.Info("GitLab job", "job", j.Name, "stage", j.Stage, "status", j.Status)
				}
			}
		} else if ctx.Err() == nil {
			log.Warn("list GitLab jobs", "err", err)
		}
	}
	if last == nil || !allFinished(last) {
		if js, err := e.jobs(ctx, p.ID); err == nil {
			last = js
		}
	}
	res.Output = summary(p, last)
	if p.Status != "success" {
		return res, fmt.Errorf("GitLab pipeline %s ended %q%s", res.Ref, p.Status, failedJobs(last))
	}
	return res, nil
}

// stop says why following pipeline p stopped. When the executor's own
// timeout passed (not the caller's context), the pipeline is cancelled.
func (e Executor) stop(ctx, parent context.Context, p *Pipeline, res deploybot.ExecResult, jobs []*Job) (deploybot.ExecResult, error) {
	if parent.Err() != nil {
		return res, e.ended(ctx, parent, res.Ref, false)
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(parent), cancelTimeout)
	defer cancel()
	err := e.Client.CancelPipeline(cctx, e.Project, p.ID)
	res.Output = summary(p, jobs)
	if err != nil {
		e.logger().Error("cancel GitLab pipeline after the timeout", "pipeline", p.ID, "err", err)
		return res, fmt.Errorf("GitLab pipeline %s %w and could not be cancelled (%w): %w", res.Ref, deadline.Ended(ctx), err, deploybot.ErrOutcomeUnknown)
	}
	return res, e.ended(ctx, parent, res.Ref, true)
}

// ended says why following pipeline ref stopped: the caller's context
// ended (the pipeline goes on), or the executor's timeout passed.
func (e Executor) ended(ctx, parent context.Context, ref string, cancelled bool) error {
	switch {
	case parent.Err() != nil:
		return fmt.Errorf("GitLab pipeline %s: %w: %w", ref, deploybot.ErrDetached, context.Cause(parent))
	case cancelled:
		return fmt.Errorf("GitLab pipeline %s %w; it was cancelled", ref, deadline.Ended(ctx))
	}
	return fmt.Errorf("GitLab pipeline %s %w: %w", ref, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
}

// getPipeline reads pipeline id.
func (e Executor) getPipeline(ctx context.Context, id int64) (*Pipeline, error) {
	return e.Client.GetPipeline(ctx, e.Project, id)
}

// jobs lists the jobs of pipeline id (the first 100).
func (e Executor) jobs(ctx context.Context, id int64) ([]*Job, error) {
	return e.Client.PipelineJobs(ctx, e.Project, id)
}

// marked returns the newest pipeline on the executor's ref, created at
// after or later, whose DEPLOY_ID variable is id; nil when there is none.
func (e Executor) marked(ctx context.Context, id int64, after time.Time) (*Pipeline, error) {
	list, err := e.Client.RecentPipelines(ctx, e.Project, e.ref(), after)
	if err != nil {
		return nil, fmt.Errorf("list the pipelines of %s: %w", e.Project, err)
	}
	want := strconv.FormatInt(id, 10)
	for _, info := range list {
		vars, err := e.Client.PipelineVariables(ctx, e.Project, info.ID)
		if err != nil {
			return nil, fmt.Errorf("read the variables of pipeline %d of %s: %w", info.ID, e.Project, err)
		}
		for _, v := range vars {
			if v.Key == "DEPLOY_ID" && v.Value == want {
				return e.getPipeline(ctx, info.ID)
			}
		}
	}
	return nil, nil
}

// webURL returns the web URL of pipeline p.
func (e Executor) webURL(p *Pipeline) string {
	if p.WebURL != "" {
		return p.WebURL
	}
	base := e.Client.BaseURL()
	base.Path = strings.TrimSuffix(strings.TrimSuffix(base.Path, "/"), "/api/v4")
	return fmt.Sprintf("%s/%s/-/pipelines/%d", strings.TrimRight(base.String(), "/"), e.Project, p.ID)
}

// pipelineID reads the pipeline id of a ref: a pipeline's web URL in the
// executor's project, or a number.
func (e Executor) pipelineID(ref string) (int64, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	u, err := url.Parse(ref)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		if m := pipelinePath.FindStringSubmatch(u.Path); m != nil && (isID(e.Project) || strings.EqualFold(strings.TrimPrefix(m[1], "/"), e.Project) || strings.HasSuffix(strings.ToLower(m[1]), "/"+strings.ToLower(e.Project))) {
			return strconv.ParseInt(m[2], 10, 64)
		}
	}
	return 0, fmt.Errorf("ref %q is not a GitLab pipeline of %s", ref, e.Project)
}

func isID(project string) bool {
	_, err := strconv.ParseInt(project, 10, 64)
	return err == nil
}

// check checks the configured fields.
func (e Executor) check() error {
	switch {
	case e.Client == nil:
		return errors.New("gitlab-ci executor: no client is configured")
	case !projectPattern.MatchString(e.Project) || strings.Contains(e.Project, ".."):
		return fmt.Errorf("gitlab-ci executor: project %q is not a project path (group/name) or id", e.Project)
	case !safe.Version(e.ref()):
		return fmt.Errorf("gitlab-ci executor: ref %q is not a branch or tag name", e.ref())
	}
	return nil
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

func (e Executor) ref() string {
	if e.Ref == "" {
		return DefaultRef
	}
	return e.Ref
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

// finished reports whether a pipeline or job status is final. A pipeline
// waiting on a manual job or a schedule is not: someone may still start it.
func finished(status string) bool {
	switch status {
	case "success", "failed", "canceled", "skipped":
		return true
	}
	return false
}

func allFinished(jobs []*Job) bool {
	for _, j := range jobs {
		if !finished(j.Status) && j.Status != "manual" {
			return false
		}
	}
	return true
}

// summary describes pipeline p and its jobs in a few lines.
func summary(p *Pipeline, jobs []*Job) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pipeline #%d", p.ID)
	if p.SHA != "" {
		fmt.Fprintf(&b, " at %.8s", p.SHA)
	}
	fmt.Fprintf(&b, ": %s", orUnknown(p.Status))
	for _, j := range jobs {
		line := fmt.Sprintf("\n%s (%s): %s", j.Name, j.Stage, j.Status)
		if j.FailureReason != "" {
			line += " (" + j.FailureReason + ")"
		}
		if b.Len()+len(line) > maxOutput {
			b.WriteString("\n...")
			break
		}
		b.WriteString(line)
	}
	return b.String()
}

// failedJobs names the jobs that failed without being allowed to, with
// their URLs, for an error message.
func failedJobs(jobs []*Job) string {
	var failed []string
	for _, j := range jobs {
		if j.Status == "failed" && !j.AllowFailure {
			s := j.Name
			if j.WebURL != "" {
				s += " " + j.WebURL
			}
			failed = append(failed, s)
		}
	}
	if len(failed) == 0 {
		return ""
	}
	return "; failed jobs: " + strings.Join(failed, ", ")
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// transient reports whether a failed poll may pass if made again: a 5xx or
// 429 answer (past the client's own retries), or a network error.
func transient(err error) bool {
	var er *ErrorResponse
	var ue *url.Error
	switch {
	case errors.As(err, &er):
		return er.StatusCode == 429 || er.StatusCode >= 500
	case errors.As(err, &ue):
		return true
	}
	return false
}

// maybeCreated reports whether a failed request to create a pipeline may
// still have created it: a 5xx answer (a proxy's 502 or 504 after GitLab
// acted) or an error after the request was sent.
func maybeCreated(err error) bool {
	var er *ErrorResponse
	if errors.As(err, &er) {
		return er.StatusCode >= 500
	}
	var ue *url.Error
	return errors.As(err, &ue) && !strings.Contains(ue.Error(), "connection refused")
}
