package deploybot

import "time"

// DrillState is where a rollback drill stands.
type DrillState string

// The states of a drill.
const (
	DrillRequested   DrillState = "requested"   // planned: its rollback step waits for confirmation or approval
	DrillBack        DrillState = "back"        // the rollback step runs
	DrillForward     DrillState = "forward"     // the forward step runs
	DrillReturning   DrillState = "returning"   // the forward step failed: back to the target, a healthy version
	DrillSucceeded   DrillState = "succeeded"   // back and forward, both verified
	DrillFailed      DrillState = "failed"      // a step failed; Note says where the environment is left
	DrillInterrupted DrillState = "interrupted" // a step's outcome is unknown
	DrillCancelled   DrillState = "cancelled"   // never ran
	DrillRejected    DrillState = "rejected"    // refused by a rule
)

// Ended reports whether s ends a drill.
func (s DrillState) Ended() bool {
	switch s {
	case DrillSucceeded, DrillFailed, DrillInterrupted, DrillCancelled, DrillRejected:
		return true
	}
	return false
}

// Drill is one rollback drill of an environment: the environment is rolled
// back to its rollback target through the real rollback path, verified,
// then deployed forward to the version that ran before, holding its lock
// from start to end. Drills are not incidents: their steps mark no version
// bad and count in no delivery figure.
type Drill struct {
	ID            int64
	Project, Env  string
	Requester     string
	State         DrillState
	TargetVersion string        // the rollback step goes back to it
	ReturnVersion string        // the forward step restores it
	StepID        int64         // the deployment of the current step
	BackID        int64         // the rollback step
	ForwardID     int64         // the forward step
	Back          time.Duration // the rollback step: executor start to verified
	Forward       time.Duration // the forward step
	Health        []string      // what the verifications said
	Note          string        // how it ended
	CreatedAt     time.Time
	UpdatedAt     time.Time
	EndedAt       time.Time
}
