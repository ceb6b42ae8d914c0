package deploybot

import (
	"errors"
	"fmt"
	"time"
)

// Holder names the process that holds a lease (of a deployment's run, of an
// inbox entry): the machine it runs on and the process itself. A process on
// the same machine (same BootID and PIDNamespace) can tell at once whether a
// holder is gone, by its pid and start time; any other process waits for
// the lease to expire.
type Holder struct {
	Host         string // host name, for people
	BootID       string // /proc/sys/kernel/random/boot_id: this boot of this machine
	PIDNamespace string // /proc/self/ns/pid: pids are comparable only within one
	PID          int
	StartTime    uint64 // the process' start, in clock ticks since boot (/proc/PID/stat field 22)
}

// String names h for logs and messages: "host pid 1234".
func (h Holder) String() string {
	if h.Host == "" && h.PID == 0 {
		return "nobody"
	}
	return fmt.Sprintf("%s pid %d", h.Host, h.PID)
}

// SameMachine reports whether h and o run on the same machine and in the
// same PID namespace, where pids can be compared.
func (h Holder) SameMachine(o Holder) bool {
	return h.BootID != "" && h.BootID == o.BootID && h.PIDNamespace == o.PIDNamespace
}

// Lease says which process runs a deployment now, and until when unless it
// renews it.
type Lease struct {
	DeploymentID int64
	Holder       Holder
	AcquiredAt   time.Time
	ExpiresAt    time.Time
}

// ErrLeaseLost is wrapped by the error of a lease renewal when another
// process holds the lease now: the caller must stop acting on the run.
var ErrLeaseLost = errors.New("the lease is held by another process")
