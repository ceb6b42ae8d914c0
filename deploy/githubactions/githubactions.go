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
package githubactions

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v93/github"

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

var _ deploybot.Executor = Executor{}

// Executor runs a deployment with a GitHub Actions workflow. The zero value
// of each optional field has a default.
type Executor struct {
	Client       *github.Client    // see NewClient
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
// *deploybot.Error, and nothing is sent), when GitHub refuses the dispatch,
// when the run concludes with anything but success (the error names the
// conclusion and the run's URL), or when it times out or ctx ends. The
// run itself is not cancelled then.
//
// The result's Ref is the run's HTML URL, once the run is found; Output
// summarises the run.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := e.check(); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("workflow %s not dispatched: %w", e.Workflow, context.Cause(ctx))
	}
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := deadline.WithTimeout(ctx, timeout)
	defer cancel()

	ref := e.Ref
	if ref == "" {
		ref = DefaultRef
	}
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

	now := e.Now
	if now == nil {
		now = time.Now
	}
	dispatched := now()
	if err := e.dispatch(ctx, ref, inputs); err != nil {
		if ctx.Err() != nil {
			return deploybot.ExecResult{}, fmt.Errorf("workflow %s dispatch %w", e.Workflow, deadline.Ended(ctx))
		}
		return deploybot.ExecResult{}, fmt.Errorf("dispatch workflow %s of %s/%s on %s: %w", e.Workflow, e.Owner, e.Repo, ref, err)
	}

	run, err := e.findRun(ctx, d.ID, dispatched.Add(-createdSkew))
	if err != nil {
		return deploybot.ExecResult{}, err
	}
	res := deploybot.ExecResult{Ref: run.GetHTMLURL()}
	if res.Ref == "" {
		res.Ref = fmt.Sprintf("https://github.com/%s/%s/actions/runs/%d", e.Owner, e.Repo, run.GetID())
	}
	run, err = e.waitRun(ctx, run, res.Ref)
	if err != nil {
		return res, err
	}
	conclusion := run.GetConclusion()
	res.Output = fmt.Sprintf("run #%d %q: %s", run.GetRunNumber(), run.GetDisplayTitle(), conclusion)
	if conclusion != "success" {
		return res, fmt.Errorf("GitHub Actions run %s concluded %q", res.Ref, conclusion)
	}
	return res, nil
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
	req := github.CreateWorkflowDispatchEventRequest{Ref: ref, Inputs: inputs}
	var err error
	if id, ok := e.workflowID(); ok {
		_, _, err = e.Client.Actions.CreateWorkflowDispatchEventByID(ctx, e.Owner, e.Repo, id, req)
	} else {
		_, _, err = e.Client.Actions.CreateWorkflowDispatchEventByFileName(ctx, e.Owner, e.Repo, e.Workflow, req)
	}
	return err
}

// findRun polls the workflow's runs until the one the dispatch of
// deployment id created appears.
func (e Executor) findRun(ctx context.Context, id int64, after time.Time) (*github.WorkflowRun, error) {
	opts := &github.ListWorkflowRunsOptions{
		Event:       "workflow_dispatch",
		Created:     ">=" + after.UTC().Format(time.RFC3339),
		ListOptions: github.ListOptions{PerPage: 50},
	}
	failures := 0
	for {
		var runs *github.WorkflowRuns
		var err error
		if wid, ok := e.workflowID(); ok {
			runs, _, err = e.Client.Actions.ListWorkflowRunsByID(ctx, e.Owner, e.Repo, wid, opts)
		} else {
			runs, _, err = e.Client.Actions.ListWorkflowRunsByFileName(ctx, e.Owner, e.Repo, e.Workflow, opts)
		}
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

// pickRun returns the run, created at after or later, whose title names
// deployment id ("#42", "deploy-42"); else the newest such run whose title
// names no deployment (the higher id when two have the same time); else nil.
func pickRun(runs []*github.WorkflowRun, id int64, after time.Time) *github.WorkflowRun {
	want := strconv.FormatInt(id, 10)
	var newest *github.WorkflowRun
	for _, r := range runs {
		if r == nil || r.GetCreatedAt().Before(after) || (r.GetEvent() != "" && r.GetEvent() != "workflow_dispatch") {
			continue
		}
		var ids []string
		for _, m := range marker.FindAllStringSubmatch(r.GetDisplayTitle()+"\n"+r.GetName(), -1) {
			ids = append(ids, strings.TrimLeft(m[1], "0"))
		}
		switch {
		case slices.Contains(ids, want):
			return r
		case len(ids) > 0:
			// Another deployment's run.
		case newest == nil || r.GetCreatedAt().After(newest.GetCreatedAt().Time) ||
			(r.GetCreatedAt().Time.Equal(newest.GetCreatedAt().Time) && r.GetID() > newest.GetID()):
			newest = r
		}
	}
	return newest
}

// waitRun polls run until its status is completed.
func (e Executor) waitRun(ctx context.Context, run *github.WorkflowRun, ref string) (*github.WorkflowRun, error) {
	failures := 0
	for run.GetStatus() != "completed" {
		if deadline.Sleep(ctx, e.pollInterval()) != nil {
			return run, fmt.Errorf("GitHub Actions run %s %w", ref, deadline.Ended(ctx))
		}
		r, _, err := e.Client.Actions.GetWorkflowRunByID(ctx, e.Owner, e.Repo, run.GetID())
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
	var er *github.ErrorResponse
	var rl *github.RateLimitError
	var arl *github.AbuseRateLimitError
	var ue *url.Error
	switch {
	case errors.As(err, &rl), errors.As(err, &arl):
		return true
	case errors.As(err, &er):
		return er.Response != nil && er.Response.StatusCode >= 500
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
func NewClient(token, baseURL string) (*github.Client, error) {
	opts := []github.ClientOptionsFunc{github.WithTimeout(requestTimeout)}
	if token != "" {
		opts = append(opts, github.WithAuthToken(token))
	}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("github client: base URL %q is not an http or https URL", baseURL)
		}
		upload := strings.TrimSuffix(strings.TrimRight(baseURL, "/"), "/api/v3")
		opts = append(opts, github.WithEnterpriseURLs(baseURL, upload))
	}
	c, err := github.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("github client: %w", err)
	}
	return c, nil
}

// CommitStatus returns the CI state of ref (a commit SHA, branch or tag) in
// owner/repo, from its combined commit status and its check runs:
// StateFailure if any failed (failure, error, cancelled, timed_out,
// action_required, ...), else StatePending if any has not completed or
// nothing was reported yet, else StateSuccess (neutral and skipped check
// runs count as passed). A ref that safe.Version refuses is an EINVALID
// *deploybot.Error, and no request is made.
func CommitStatus(ctx context.Context, client *github.Client, owner, repo, ref string) (state string, err error) {
	if !safe.Version(ref) {
		return "", deploybot.Errorf(deploybot.EINVALID, "ref %q is not valid: use a commit sha, a branch or a tag", ref)
	}
	failed, pending, reported := false, false, false

	combined, _, err := client.Repositories.GetCombinedStatus(ctx, owner, repo, ref, &github.ListOptions{PerPage: 100})
	if err != nil {
		return "", fmt.Errorf("get the commit status of %s in %s/%s: %w", ref, owner, repo, err)
	}
	// With no status at all, GitHub answers "pending": ignore it then.
	if combined.GetTotalCount() > 0 || len(combined.Statuses) > 0 {
		reported = true
		switch combined.GetState() {
		case "success":
		case "pending":
			pending = true
		default:
			failed = true
		}
	}

	opts := &github.ListCheckRunsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		checks, resp, err := client.Checks.ListCheckRunsForRef(ctx, owner, repo, ref, opts)
		if err != nil {
			return "", fmt.Errorf("list the check runs of %s in %s/%s: %w", ref, owner, repo, err)
		}
		for _, c := range checks.CheckRuns {
			reported = true
			switch {
			case c.GetStatus() != "completed":
				pending = true
			case c.GetConclusion() == "success", c.GetConclusion() == "neutral", c.GetConclusion() == "skipped":
			default:
				failed = true
			}
		}
		if resp == nil || resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}

	switch {
	case failed:
		return StateFailure, nil
	case pending, !reported:
		return StatePending, nil
	}
	return StateSuccess, nil
}
