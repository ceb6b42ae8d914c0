// Package githubactions runs deployments with a GitHub Actions workflow.
//
// Execute dispatches a workflow_dispatch event with the inputs project, env,
// version, action and deploy_id, finds the run the dispatch created, and
// polls it until it completes. The workflow must declare those five inputs
// (GitHub refuses inputs a workflow does not declare) and should set a
// run-name that holds "#" and the deploy id, so that its run is found
// exactly even when several deployments dispatch the same workflow at once:
//
//	on:
//	  workflow_dispatch:
//	    inputs:
//	      project: {required: true}
//	      env: {required: true}
//	      version: {required: true}
//	      action: {required: true}
//	      deploy_id: {required: true}
//	run-name: Deploy ${{ inputs.project }} ${{ inputs.version }} to ${{ inputs.env }} #${{ inputs.deploy_id }}
//
// Without such a run-name, the run is the newest workflow_dispatch run of
// the workflow created since the dispatch.
//
// The run's URL is its ref: deploybot records it as soon as the run is
// found, so that another deploybot process can follow the run (Adopt) if
// this one stops. A run is never cancelled by deploybot.
package githubactions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/deploy/deadline"
	"deploybot/deploy/safe"
	"deploybot/githubapi"
)

// Defaults of an Executor's zero fields.
const (
	DefaultPollInterval = 10 * time.Second
	DefaultTimeout      = 10 * time.Minute
	DefaultRef          = "main"
)

const (
	// createdSkew is how much earlier than the dispatch, by deploybot's
	// clock, GitHub may date the run it created.
	createdSkew = 10 * time.Second
	// transientErrors is how many GitHub errors in a row (5xx, rate
	// limits, network) polling tolerates.
	transientErrors = 3
	// requestTimeout bounds one API request of a client from NewClient.
	requestTimeout = 30 * time.Second
)

// The states CommitStatus returns.
const (
	StateSuccess = "success"
	StatePending = "pending"
	StateFailure = "failure"
)

// configName matches owner, repository and workflow file names.
var configName = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// marker matches the deploy ids that a run's title names: "#42" or
// "deploy-42".
var marker = regexp.MustCompile(`(?i)(?:#|\bdeploy-)(\d+)\b`)

var (
	_ deploybot.Executor = Executor{}
	_ deploybot.Adopter  = Executor{}
	_ deploybot.Resolver = Executor{}
)

// runPath matches the path of a run's URL: /OWNER/REPO/actions/runs/ID.
var runPath = regexp.MustCompile(`^/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/actions/runs/(\d+)/?$`)

// Executor runs a deployment with a GitHub Actions workflow. The zero value
// of each optional field has a default.
type Executor struct {
	Client       *githubapi.Client // see NewClient
	Owner, Repo  string            // the repository holding the workflow
	Workflow     string            // the workflow's file name (deploy.yml) or numeric id
	Ref          string            // the branch or tag to run the workflow from; empty: DefaultRef
	Inputs       map[string]string // extra workflow inputs, from the configuration; they cannot replace the deployment's
	PollInterval time.Duration     // between API calls while waiting; zero means DefaultPollInterval
	Timeout      time.Duration     // the whole run; zero means DefaultTimeout
	Now          func() time.Time  // nil: time.Now
}

// Execute dispatches the workflow for d, finds its run and waits for the
// run to complete. It returns an error when d is not valid (a
// *deploybot.Error, and nothing is sent), or else:
//
//   - wrapping deploybot.ErrNotStarted when the executor is not configured
//     or GitHub refuses the dispatch;
//   - wrapping deploybot.ErrDetached and the context's error when ctx ends
//     first: the run goes on, and Adopt follows it;
//   - wrapping deploybot.ErrOutcomeUnknown when the run was dispatched but
//     cannot be followed (it cannot be found, GitHub keeps failing), or when
//     the executor's Timeout passes (with context.DeadlineExceeded): the run
//     itself is not cancelled;
//   - naming the conclusion and the run's URL when the run concludes with
//     anything but success.
//
// The result's Ref is the run's HTML URL, reported through
// deploybot.ReportRef as soon as the run is found; Output summarises the
// run.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("workflow %s not dispatched: %w: %w", e.Workflow, deploybot.ErrNotStarted, context.Cause(ctx))
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()

	ref := e.ref()
	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	inputs := make(map[string]any, len(e.Inputs)+5)
	for k, v := range e.Inputs {
		inputs[k] = v
	}
	inputs["project"] = d.Project
	inputs["env"] = d.Env
	inputs["version"] = d.Version
	inputs["action"] = string(action)
	inputs["deploy_id"] = strconv.FormatInt(d.ID, 10)

	dispatched := e.now()
	if err := e.dispatch(ctx, ref, inputs); err != nil {
		if parent.Err() != nil {
			return deploybot.ExecResult{}, fmt.Errorf("workflow %s dispatch: %w (it may have reached GitHub): %w", e.Workflow, deploybot.ErrDetached, context.Cause(parent))
		}
		if ctx.Err() != nil {
			return deploybot.ExecResult{}, fmt.Errorf("workflow %s dispatch %w (it may have reached GitHub): %w", e.Workflow, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
		}
		return deploybot.ExecResult{}, fmt.Errorf("dispatch workflow %s of %s/%s on %s: %w: %w", e.Workflow, e.Owner, e.Repo, ref, err, deploybot.ErrNotStarted)
	}

	run, err := e.findRun(ctx, d.ID, dispatched.Add(-createdSkew))
	if err != nil {
		if parent.Err() != nil {
			return deploybot.ExecResult{}, fmt.Errorf("waiting for the run of workflow %s: %w: %w", e.Workflow, deploybot.ErrDetached, context.Cause(parent))
		}
		return deploybot.ExecResult{}, fmt.Errorf("%w; the workflow was dispatched: %w", err, deploybot.ErrOutcomeUnknown)
	}
	res := deploybot.ExecResult{Ref: e.runURL(run)}
	deploybot.ReportRef(parent, res.Ref)
	return e.follow(ctx, parent, run, res)
}

// Adopt follows, until it completes or e.Timeout passes, the run that
// Execute started for d, maybe in another process, and reports it as
// Execute does. The run is the one d.ExecutorRef names (its URL, or its
// id); without a ref, the run of the workflow whose title names d (a
// run-name with "#<id>", see the package documentation) created since d
// was, if any. It returns an error wrapping deploybot.ErrOutcomeUnknown
// when no run can be found.
func (e Executor) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, err
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()
	var run *WorkflowRun
	if d.ExecutorRef == "" {
		r, err := e.markedRun(ctx, d)
		if err != nil {
			if parent.Err() != nil {
				return deploybot.ExecResult{}, fmt.Errorf("looking for the run of deployment %d: %w: %w", d.ID, deploybot.ErrDetached, context.Cause(parent))
			}
			return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
		}
		run = r
	} else {
		id, err := e.runID(d.ExecutorRef)
		if err != nil {
			return deploybot.ExecResult{Ref: d.ExecutorRef}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
		}
		run = &WorkflowRun{ID: id}
	}
	res := deploybot.ExecResult{Ref: e.runURL(run)}
	if d.ExecutorRef != "" {
		res.Ref = d.ExecutorRef
	}
	if run.Status == "" {
		r, err := e.getRun(ctx, run.ID, res.Ref)
		if err != nil {
			if ctx.Err() != nil {
				return res, e.ended(ctx, parent, res.Ref)
			}
			return res, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
		}
		run = r
	}
	return e.follow(ctx, parent, run, res)
}

// follow waits for run to complete and reports its conclusion.
func (e Executor) follow(ctx, parent context.Context, run *WorkflowRun, res deploybot.ExecResult) (deploybot.ExecResult, error) {
	run, err := e.waitRun(ctx, run, res.Ref)
	if err != nil {
		if ctx.Err() != nil {
			return res, e.ended(ctx, parent, res.Ref)
		}
		return res, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
	}
	conclusion := run.Conclusion
	res.Output = fmt.Sprintf("run #%d %q: %s", run.RunNumber, run.DisplayTitle, conclusion)
	if conclusion != "success" {
		return res, fmt.Errorf("GitHub Actions run %s concluded %q", res.Ref, conclusion)
	}
	return res, nil
}

// ended says why following run ref stopped: the caller's context ended
// (the run goes on), or the executor's timeout passed.
func (e Executor) ended(ctx, parent context.Context, ref string) error {
	if parent.Err() != nil {
		return fmt.Errorf("GitHub Actions run %s: %w: %w", ref, deploybot.ErrDetached, context.Cause(parent))
	}
	return fmt.Errorf("GitHub Actions run %s %w; it was not cancelled: %w", ref, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
}

// runURL returns the HTML URL of run.
func (e Executor) runURL(run *WorkflowRun) string {
	if u := run.HTMLURL; u != "" {
		return u
	}
	return fmt.Sprintf("https://github.com/%s/%s/actions/runs/%d", e.Owner, e.Repo, run.ID)
}

// runID reads the run id of a ref: a run's URL in the executor's
// repository, or a number.
func (e Executor) runID(ref string) (int64, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	u, err := url.Parse(ref)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		if m := runPath.FindStringSubmatch(u.Path); m != nil && strings.EqualFold(m[1], e.Owner) && strings.EqualFold(m[2], e.Repo) {
			return strconv.ParseInt(m[3], 10, 64)
		}
	}
	return 0, fmt.Errorf("ref %q is not a run of %s/%s", ref, e.Owner, e.Repo)
}

// markedRun returns the run of the workflow whose title names deployment
// d, created since d was.
func (e Executor) markedRun(ctx context.Context, d deploybot.Deployment) (*WorkflowRun, error) {
	if d.CreatedAt.IsZero() {
		return nil, fmt.Errorf("deployment %d has no recorded run", d.ID)
	}
	after := d.CreatedAt.Add(-createdSkew)
	runs, err := e.listRuns(ctx, after)
	if err != nil {
		return nil, fmt.Errorf("list the runs of workflow %s of %s/%s: %w", e.Workflow, e.Owner, e.Repo, err)
	}
	if run := pickRun(runs.WorkflowRuns, d.ID, after); run != nil && marked(run, d.ID) {
		return run, nil
	}
	return nil, fmt.Errorf("no run of workflow %s names deployment %d", e.Workflow, d.ID)
}

// getRun reads run id, tolerating transient errors.
func (e Executor) getRun(ctx context.Context, id int64, ref string) (*WorkflowRun, error) {
	failures := 0
	for {
		r, err := e.getRunOnce(ctx, id)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && (!transient(err) || failures+1 >= transientErrors):
			return nil, fmt.Errorf("get GitHub Actions run %s: %w", ref, err)
		case err != nil:
			failures++
		default:
			return r, nil
		}
		if err := deadline.Sleep(ctx, e.pollInterval()); err != nil {
			return nil, err
		}
	}
}

func (e Executor) timeout() time.Duration {
	if e.Timeout <= 0 {
		return DefaultTimeout
	}
	return e.Timeout
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

// check checks the configured fields.
func (e Executor) check() error {
	switch {
	case e.Client == nil:
		return errors.New("github-actions executor: no client is configured")
	case !configName.MatchString(e.Owner) || !configName.MatchString(e.Repo) || strings.Trim(e.Owner, ".") == "" || strings.Trim(e.Repo, ".") == "":
		return fmt.Errorf("github-actions executor: repository %q is not owner/name", e.Owner+"/"+e.Repo)
	case !configName.MatchString(e.Workflow) || strings.Trim(e.Workflow, ".") == "":
		return fmt.Errorf("github-actions executor: workflow %q is not a file name or an id", e.Workflow)
	}
	return nil
}

// workflowID returns the workflow's id when Workflow is numeric.
func (e Executor) workflowID() (int64, bool) {
	id, err := strconv.ParseInt(e.Workflow, 10, 64)
	return id, err == nil
}

func (e Executor) dispatch(ctx context.Context, ref string, inputs map[string]any) error {
	body := struct {
		Ref    string         `json:"ref"`
		Inputs map[string]any `json:"inputs,omitempty"`
	}{ref, inputs}
	_, err := e.Client.Post(ctx, e.workflowPath("dispatches"), body, nil)
	return err
}

// workflowPath is the path of the workflow's resource (its id or file
// name).
func (e Executor) workflowPath(rest string) string {
	return githubapi.Repo(e.Owner, e.Repo, "actions", "workflows", url.PathEscape(e.Workflow), rest)
}

// getRunOnce reads run id.
func (e Executor) getRunOnce(ctx context.Context, id int64) (*WorkflowRun, error) {
	var r WorkflowRun
	if _, err := e.Client.Get(ctx, githubapi.Repo(e.Owner, e.Repo, "actions", "runs", strconv.FormatInt(id, 10)), nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// WorkflowRun is what the executor reads of a workflow run
// (docs.github.com/rest/actions/workflow-runs).
type WorkflowRun struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	DisplayTitle string    `json:"display_title"`
	RunNumber    int       `json:"run_number"`
	Event        string    `json:"event"`
	Status       string    `json:"status"`
	Conclusion   string    `json:"conclusion"`
	HTMLURL      string    `json:"html_url"`
	CreatedAt    time.Time `json:"created_at"`
}

// workflowRuns is a page of runs.
type workflowRuns struct {
	WorkflowRuns []*WorkflowRun `json:"workflow_runs"`
}

// findRun polls the workflow's runs until the one the dispatch of
// deployment id created appears.
func (e Executor) findRun(ctx context.Context, id int64, after time.Time) (*WorkflowRun, error) {
	failures := 0
	for {
		runs, err := e.listRuns(ctx, after)
		switch {
		case ctx.Err() != nil:
			return nil, fmt.Errorf("waiting for the run of workflow %s %w", e.Workflow, deadline.Ended(ctx))
		case err != nil && (!transient(err) || failures+1 >= transientErrors):
			return nil, fmt.Errorf("list the runs of workflow %s of %s/%s: %w", e.Workflow, e.Owner, e.Repo, err)
		case err != nil:
			failures++
		default:
			failures = 0
			if run := pickRun(runs.WorkflowRuns, id, after); run != nil {
				return run, nil
			}
		}
		if deadline.Sleep(ctx, e.pollInterval()) != nil {
			return nil, fmt.Errorf("waiting for the run of workflow %s %w", e.Workflow, deadline.Ended(ctx))
		}
	}
}

// listRuns lists the workflow_dispatch runs of the workflow created at
// after or later, newest first (one page of 50).
func (e Executor) listRuns(ctx context.Context, after time.Time) (*workflowRuns, error) {
	q := url.Values{"event": {"workflow_dispatch"}, "created": {">=" + after.UTC().Format(time.RFC3339)}, "per_page": {"50"}}
	var runs workflowRuns
	if _, err := e.Client.Get(ctx, e.workflowPath("runs"), q, &runs); err != nil {
		return nil, err
	}
	return &runs, nil
}

// marked reports whether run's title names deployment id.
func marked(run *WorkflowRun, id int64) bool {
	return slices.Contains(markers(run), strconv.FormatInt(id, 10))
}

// markers returns the deployment ids that run's title and name hold.
func markers(run *WorkflowRun) []string {
	var ids []string
	for _, m := range marker.FindAllStringSubmatch(run.DisplayTitle+"\n"+run.Name, -1) {
		ids = append(ids, strings.TrimLeft(m[1], "0"))
	}
	return ids
}

// pickRun returns the run, created at after or later, whose title names
// deployment id ("#42", "deploy-42"); else the newest such run whose title
// names no deployment (the higher id when two have the same time); else nil.
func pickRun(runs []*WorkflowRun, id int64, after time.Time) *WorkflowRun {
	want := strconv.FormatInt(id, 10)
	var newest *WorkflowRun
	for _, r := range runs {
		if r == nil || r.CreatedAt.Before(after) || (r.Event != "" && r.Event != "workflow_dispatch") {
			continue
		}
		ids := markers(r)
		switch {
		case slices.Contains(ids, want):
			return r
		case len(ids) > 0:
			// Another deployment's run.
		case newest == nil || r.CreatedAt.After(newest.CreatedAt) ||
			(r.CreatedAt.Equal(newest.CreatedAt) && r.ID > newest.ID):
			newest = r
		}
	}
	return newest
}

// waitRun polls run until its status is completed.
func (e Executor) waitRun(ctx context.Context, run *WorkflowRun, ref string) (*WorkflowRun, error) {
	failures := 0
	for run.Status != "completed" {
		if deadline.Sleep(ctx, e.pollInterval()) != nil {
			return run, fmt.Errorf("GitHub Actions run %s %w", ref, deadline.Ended(ctx))
		}
		r, err := e.getRunOnce(ctx, run.ID)
		switch {
		case ctx.Err() != nil:
			return run, fmt.Errorf("GitHub Actions run %s %w", ref, deadline.Ended(ctx))
		case err != nil && (!transient(err) || failures+1 >= transientErrors):
			return run, fmt.Errorf("get GitHub Actions run %s: %w", ref, err)
		case err != nil:
			failures++
		default:
			failures = 0
			run = r
		}
	}
	return run, nil
}

func (e Executor) pollInterval() time.Duration {
	if e.PollInterval <= 0 {
		return DefaultPollInterval
	}
	return e.PollInterval
}

// transient reports whether err may pass if the request is made again: a
// 5xx answer, a rate limit, or a network error.
func transient(err error) bool {
	var rl *githubapi.RateLimitError
	var ue *url.Error
	switch {
	case errors.As(err, &rl):
		return true
	case githubapi.StatusCode(err) != 0:
		return githubapi.StatusCode(err) >= 500
	case errors.As(err, &ue):
		return true
	}
	return false
}

// NewClient returns a GitHub API client that authenticates with token (none
// when empty) and whose requests time out after 30 seconds. baseURL, when
// set, is a GitHub Enterprise Server URL, with or without its /api/v3 path
// (https://github.example.com), or any API root whose host starts with
// "api."; empty means api.github.com.
func NewClient(token, baseURL string) (*githubapi.Client, error) {
	return githubapi.NewClient(token, baseURL)
}

// CommitStatus returns the CI state of ref (a commit SHA, branch or tag) in
// owner/repo, from its combined commit status and its check runs:
// StateFailure if any failed (failure, error, cancelled, timed_out,
// action_required, ...), else StatePending if any has not completed or
// nothing was reported yet, else StateSuccess (neutral and skipped check
// runs count as passed). A ref that safe.Version refuses is an EINVALID
// *deploybot.Error, and no request is made.
func CommitStatus(ctx context.Context, client *githubapi.Client, owner, repo, ref string) (state string, err error) {
	if !safe.Version(ref) {
		return "", deploybot.Errorf(deploybot.EINVALID, "ref %q is not valid: use a commit sha, a branch or a tag", ref)
	}
	failed, pending, reported := false, false, false

	var combined struct {
		State      string            `json:"state"`
		TotalCount int               `json:"total_count"`
		Statuses   []json.RawMessage `json:"statuses"`
	}
	if _, err := client.Get(ctx, githubapi.Repo(owner, repo, "commits", githubapi.EscapeRef(ref), "status"), url.Values{"per_page": {"100"}}, &combined); err != nil {
		return "", fmt.Errorf("get the commit status of %s in %s/%s: %w", ref, owner, repo, err)
	}
	// With no status at all, GitHub answers "pending": ignore it then.
	if combined.TotalCount > 0 || len(combined.Statuses) > 0 {
		reported = true
		switch combined.State {
		case "success":
		case "pending":
			pending = true
		default:
			failed = true
		}
	}

	for page := 1; page != 0; {
		var checks struct {
			CheckRuns []struct {
				Status     string `json:"status"`
				Conclusion string `json:"conclusion"`
			} `json:"check_runs"`
		}
		q := url.Values{"per_page": {"100"}}
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		resp, err := client.Get(ctx, githubapi.Repo(owner, repo, "commits", githubapi.EscapeRef(ref), "check-runs"), q, &checks)
		if err != nil {
			return "", fmt.Errorf("list the check runs of %s in %s/%s: %w", ref, owner, repo, err)
		}
		for _, c := range checks.CheckRuns {
			reported = true
			switch {
			case c.Status != "completed":
				pending = true
			case c.Conclusion == "success", c.Conclusion == "neutral", c.Conclusion == "skipped":
			default:
				failed = true
			}
		}
		if resp.NextPage <= page {
			break
		}
		page = resp.NextPage
	}

	switch {
	case failed:
		return StateFailure, nil
	case pending, !reported:
		return StatePending, nil
	}
	return StateSuccess, nil
}
