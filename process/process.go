// Package process tells who this process is and whether another process,
// named by a deploybot.Holder, is still alive: the identity behind leases.
//
// A process is named by its machine's boot id, its PID namespace, its pid
// and its start time, so that a pid reused after a crash is not mistaken for
// the holder that died. Only processes on the same machine (same boot id
// and PID namespace) can be checked; for the others, a lease's expiry is
// the only sign.
package process

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"deploybot"
)

var (
	selfOnce sync.Once
	self     deploybot.Holder
)

// Self returns the holder that names this process. It is computed once.
func Self() deploybot.Holder {
	selfOnce.Do(func() {
		self = Of(os.Getpid())
		if self.StartTime == 0 {
			// No /proc (not Linux): the pid alone, never judged gone by
			// another process (BootID stays empty).
			self.PID = os.Getpid()
		}
	})
	return self
}

// Of returns the holder that names process pid on this machine; its
// StartTime is 0 when the process does not exist or /proc cannot tell.
func Of(pid int) deploybot.Holder {
	h := deploybot.Holder{PID: pid}
	h.Host, _ = os.Hostname()
	if b, err := os.ReadFile("/proc/sys/kernel/random/boot_id"); err == nil {
		h.BootID = strings.TrimSpace(string(b))
	}
	if ns, err := os.Readlink("/proc/self/ns/pid"); err == nil {
		h.PIDNamespace = ns
	}
	h.StartTime, _ = StartTime(pid)
	return h
}

// StartTime reads the start time of process pid, in clock ticks since boot
// (field 22 of /proc/PID/stat).
func StartTime(pid int) (uint64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces or
	// parentheses: the fields after it start after the last ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("process: /proc/%d/stat: no command field", pid)
	}
	fields := strings.Fields(s[i+1:])
	// fields[0] is field 3 (state): field 22 is fields[19].
	if len(fields) < 20 {
		return 0, fmt.Errorf("process: /proc/%d/stat: %d fields", pid, len(fields)+2)
	}
	return strconv.ParseUint(fields[19], 10, 64)
}

// Gone reports whether holder h is known to be dead: it ran on this machine
// (same boot and PID namespace) and no process with its pid and start time
// exists now. A holder on another machine is never known to be gone: wait
// for its lease to expire.
func Gone(h deploybot.Holder) bool {
	me := Self()
	if !me.SameMachine(h) || h.PID <= 0 {
		return false
	}
	if h.PID == me.PID && h.StartTime == me.StartTime {
		return false
	}
	st, err := StartTime(h.PID)
	if err != nil {
		return os.IsNotExist(err) // no such process
	}
	if st != h.StartTime {
		return true // the pid was reused by another process
	}
	// The pid and start time match: it lives, unless it is a zombie that
	// its parent has not reaped yet.
	return zombie(h.PID)
}

// zombie reports whether process pid has exited but not been reaped.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 >= len(s) {
		return false
	}
	return s[i+2] == 'Z' || s[i+2] == 'X'
}
