package deploybot

import (
	"fmt"
	"time"
)

// Lock reserves a project's environment: for a deployment in flight (a
// lease that expires if its process dies), or by hand during an incident.
type Lock struct {
	Project      string
	Env          string
	Holder       string // "deployment #42" or the user who locked it
	DeploymentID int64  // 0 for a manual lock
	Reason       string
	AcquiredAt   time.Time
	ExpiresAt    time.Time // zero: until unlocked
}

// LockError says that a lock is held by someone else.
type LockError struct {
	Lock Lock
}

func (e *LockError) Error() string {
	msg := fmt.Sprintf("%s/%s is locked by %s", e.Lock.Project, e.Lock.Env, e.Lock.Holder)
	if e.Lock.Reason != "" {
		msg += " (" + e.Lock.Reason + ")"
	}
	return msg
}

// Freeze forbids deployments to some environments of some projects for a
// period; it is set in the configuration or by chat.
type Freeze struct {
	ID        int64
	Project   string // empty: every project
	Env       string // empty: every environment
	From, To  time.Time
	Reason    string
	CreatedBy string
}
